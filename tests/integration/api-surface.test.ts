import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as catchAll from "@/app/api/v1/[[...path]]/route";
import { API_ENDPOINTS } from "@/lib/api/v1/openapi";
import { call, setupAppHarness } from "../helpers/app-harness";
import { EXPIRED_TOKEN_DETAIL, expiredAccessToken, newAppUser, type TestAppUser } from "../helpers/app-users";

// The Client API as a whole: every bearer-protected operation the OpenAPI document lists (which
// lib/api/v1/endpoints.test.ts keeps equal to the route files, so a new route joins this table by
// itself) refuses a missing and an expired token with the 401 problem; and paths no route serves
// answer a problem+json 404 rather than the site's HTML page.

setupAppHarness();

type Handler = Parameters<typeof call>[0];
type Problem = { requestId: string };

const DUMMY_PARAM = "00000000-0000-4000-8000-000000000000";

/** The route handler serving an OpenAPI operation, imported from its route file. */
async function handlerFor(method: string, apiPath: string): Promise<Handler> {
  const dir = apiPath
    .replace(/^\/api\/v1/, "")
    .split("/")
    .filter(Boolean)
    .map((s) => s.replace(/^\{(.+)\}$/, "[$1]"));
  const mod = (await import(path.join(process.cwd(), "app", "api", "v1", ...dir, "route.ts"))) as Record<string, Handler | undefined>;
  const handler = mod[method.toUpperCase()];
  if (!handler) throw new Error(`${method.toUpperCase()} ${apiPath} has no handler`);
  return handler;
}

/** Path params for an OpenAPI path: every {name} set to a well-formed id nobody owns. */
function dummyParams(apiPath: string): Record<string, string> {
  return Object.fromEntries([...apiPath.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, DUMMY_PARAM]));
}

const bearerOperations = API_ENDPOINTS.filter((e) => e.auth === "bearer");

function expectUnauthenticated(res: { status: number; headers: Headers; body: unknown }, detail: string, wwwAuthenticate: string): void {
  expect(res.status).toBe(401);
  expect(res.headers.get("www-authenticate")).toBe(wwwAuthenticate);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body).toMatchObject({
    type: "https://ucw-console.dev/problems/unauthenticated",
    title: "Unauthenticated",
    status: 401,
    code: "unauthenticated",
    detail,
  });
  expect((res.body as Problem).requestId).toBe(res.headers.get("x-request-id"));
}

describe("bearer-protected operations", () => {
  let user: TestAppUser;
  beforeAll(async () => {
    user = await newAppUser("surface");
  });

  it("cover the whole Client API except sign-up, sign-in, refresh and the document", () => {
    const ops = bearerOperations.map((e) => `${e.method.toUpperCase()} ${e.path}`);
    expect(ops).toEqual(
      expect.arrayContaining([
        "POST /api/v1/auth/sign-out",
        "GET /api/v1/me",
        "GET /api/v1/tss-nodes",
        "POST /api/v1/tss-nodes",
        "GET /api/v1/vault",
        "POST /api/v1/vault",
        "POST /api/v1/vault/main-group",
        "GET /api/v1/vault/recovery-groups",
        "POST /api/v1/vault/recovery-groups",
        "POST /api/v1/vault/recoveries",
        "GET /api/v1/vault/disaster-recovery",
        "GET /api/v1/tss-requests",
        "GET /api/v1/tss-requests/{tss_request_id}",
        "POST /api/v1/tss-requests/{tss_request_id}/reports",
        "GET /api/v1/wallets",
        "POST /api/v1/wallets/{wallet_id}/transfers",
        "GET /api/v1/transactions/{transaction_id}",
        "GET /api/v1/events",
      ]),
    );
    const open = API_ENDPOINTS.filter((e) => e.auth !== "bearer").map((e) => `${e.method.toUpperCase()} ${e.path}`);
    expect(open.sort()).toEqual(["POST /api/v1/auth/refresh", "POST /api/v1/auth/sign-in", "POST /api/v1/auth/sign-up"]);
  });

  describe.each(bearerOperations.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e] as const))("%s", (_name, e) => {
    const opts = () => ({
      method: e.method.toUpperCase(),
      path: e.path.replace(/\{\w+\}/g, DUMMY_PARAM),
      params: dummyParams(e.path),
      // a body and an idempotency key, so that only the token can be what is refused
      ...(e.method === "post" ? { body: {}, headers: { "idempotency-key": DUMMY_PARAM } } : {}),
    });

    it("answers 401 problem+json without a token", async () => {
      expectUnauthenticated(
        await call(await handlerFor(e.method, e.path), opts()),
        "Send an access token as `Authorization: Bearer <token>`.",
        'Bearer realm="ucw"',
      );
    });

    it("answers 401 problem+json, saying it expired, for an expired token of a live session", async () => {
      expectUnauthenticated(
        await call(await handlerFor(e.method, e.path), { ...opts(), token: await expiredAccessToken(user) }),
        EXPIRED_TOKEN_DETAIL,
        'Bearer realm="ucw", error="invalid_token"',
      );
    });
  });

  it("left the user's session and account as they were", async () => {
    // sign-out with an expired token above must not have signed the session out
    const me = await call(await handlerFor("get", "/api/v1/me"), { path: "/api/v1/me", token: user.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ vault_id: null, tss_nodes: [] });
  });
});

describe("paths no route serves", () => {
  const cases = [
    ["GET", "/api/v1/nope", ["nope"]],
    ["POST", "/api/v1/vault/nope", ["vault", "nope"]],
    ["DELETE", `/api/v1/wallets/${DUMMY_PARAM}/nope/deeper`, ["wallets", DUMMY_PARAM, "nope", "deeper"]],
    ["PUT", "/api/v1/v2", ["v2"]],
    ["PATCH", "/api/v1/me/x", ["me", "x"]],
  ] as const;

  it.each(cases)("%s %s answers a problem+json 404, token or not", async (method, apiPath, segments) => {
    const handler = (catchAll as Record<string, Handler | undefined>)[method];
    expect(handler, `${method} is exported`).toBeTypeOf("function");
    for (const token of [undefined, "not-a-valid-token-at-all"]) {
      const res = await call(handler!, {
        method,
        path: apiPath,
        params: { path: [...segments] } as unknown as Record<string, string>,
        token,
        ...(method === "GET" ? {} : { body: {} }),
      });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body).toMatchObject({
        type: "https://ucw-console.dev/problems/not-found",
        title: "Not found",
        status: 404,
        code: "not_found",
        detail: "There is no such Client API endpoint. See /api/v1/openapi.json.",
      });
      expect((res.body as Problem).requestId).toBe(res.headers.get("x-request-id"));
    }
  });
});
