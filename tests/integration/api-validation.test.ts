import { beforeAll, describe, expect, it } from "vitest";
import { POST as refresh } from "@/app/api/v1/auth/refresh/route";
import { GET as events } from "@/app/api/v1/events/route";
import { GET as getTssRequest } from "@/app/api/v1/tss-requests/[tss_request_id]/route";
import { POST as reportTssRequest } from "@/app/api/v1/tss-requests/[tss_request_id]/reports/route";
import { GET as listTssRequests } from "@/app/api/v1/tss-requests/route";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { POST as createMainGroup } from "@/app/api/v1/vault/main-group/route";
import { POST as recover } from "@/app/api/v1/vault/recoveries/route";
import { POST as createVault } from "@/app/api/v1/vault/route";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newAppUser, type TestAppUser } from "../helpers/app-users";

// Invalid input on the Client API's vault, TSS request, refresh and event endpoints: a 422
// problem+json naming every offending field (400 for a body that is not JSON), and nothing stored.

const app = setupAppHarness();

type Problem = { status: number; code: string; detail: string; errors?: { path: string; message: string }[] };
type Response = Awaited<ReturnType<typeof call>>;

/** Asserts a problem+json answer with this status and code, naming exactly these fields. */
function expectInvalid(res: Response, fields: string[], status = 422, code = "invalid_input"): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = res.body as Problem;
  expect(body).toMatchObject({ status, code });
  // (a field may carry more than one issue; what matters is which fields are named)
  expect([...new Set((body.errors ?? []).map((e) => e.path))].sort()).toEqual([...fields].sort());
  for (const e of body.errors ?? []) expect(e.message.length).toBeGreaterThan(0);
}

let user: TestAppUser & { vaultId: string; vaultRowId: string };
let tssRequestId: string;

/** What a refused request could have changed, for before/after comparisons. */
async function snapshot() {
  const [groups, requests, nodes, changes, sessions, tokens] = await Promise.all([
    app.db.keyShareHolderGroup.count(),
    app.db.tssRequest.count(),
    app.db.tssNode.count(),
    app.db.tssRequestStatusChange.count(),
    app.db.appSession.count({ where: { revokedAt: null } }),
    app.db.refreshToken.count({ where: { usedAt: null } }),
  ]);
  return { groups, requests, nodes, changes, sessions, tokens };
}

beforeAll(async () => {
  const u = await newAppUser("invalid");
  const v = await call(createVault, { path: "/api/v1/vault", method: "POST", token: u.token });
  expect(v.status, v.text).toBe(201);
  const vaultId = (v.body as { vault_id: string }).vault_id;
  const row = await app.db.vault.findFirstOrThrow({ where: { coboVaultId: vaultId }, select: { id: true } });
  user = { ...u, vaultId, vaultRowId: row.id };
  const node = await call(registerNode, { path: "/api/v1/tss-nodes", token: u.token, body: { tss_node_id: "coboNodeValid001" } });
  expect(node.status, node.text).toBe(201);
  const created = await call(createMainGroup, {
    path: "/api/v1/vault/main-group",
    token: u.token,
    body: { tss_node_id: "coboNodeValid001" },
  });
  expect(created.status, created.text).toBe(201);
  tssRequestId = (created.body as { tss_request_id: string }).tss_request_id;
}, 120_000);

describe("POST /api/v1/vault/main-group", () => {
  it("names a malformed or missing tss_node_id and creates no group, node or TSS request", async () => {
    const other = await newAppUser("invalid-main");
    await call(createVault, { path: "/api/v1/vault", method: "POST", token: other.token });
    const before = await snapshot();
    for (const tss_node_id of ["x y", "short", "a".repeat(129), "node/../../etc", 12345678]) {
      expectInvalid(await call(createMainGroup, { path: "/api/v1/vault/main-group", token: other.token, body: { tss_node_id } }), [
        "body.tss_node_id",
      ]);
    }
    expectInvalid(await call(createMainGroup, { path: "/api/v1/vault/main-group", token: other.token, body: {} }), ["body.tss_node_id"]);
    expectInvalid(
      await call(createMainGroup, {
        path: "/api/v1/vault/main-group",
        token: other.token,
        rawBody: "{not json",
        headers: { "content-type": "application/json" },
      }),
      [],
      400,
      "bad_request",
    );
    expectInvalid(
      await call(createMainGroup, {
        path: "/api/v1/vault/main-group",
        token: other.token,
        rawBody: "tss_node_id=coboNode0001",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      [],
      415,
      "unsupported_media_type",
    );
    expect(await snapshot()).toEqual(before);
    expect(await app.db.tssNode.count({ where: { userId: other.id } })).toBe(0);
  });
});

describe("GET /api/v1/tss-requests", () => {
  it("names each bad filter, page size and cursor", async () => {
    const list = (qs: string) => call(listTssRequests, { path: `/api/v1/tss-requests?${qs}`, token: user.token });
    expectInvalid(await list(`status=${"S".repeat(65)}`), ["query.status"]);
    expectInvalid(await list("limit=0"), ["query.limit"]);
    expectInvalid(await list("limit=101"), ["query.limit"]);
    expectInvalid(await list("limit=ten"), ["query.limit"]);
    expectInvalid(await list("limit=2.5"), ["query.limit"]);
    expectInvalid(await list("cursor=not-a-cursor"), ["query.cursor"]);
    expectInvalid(await list("tss_node_id=x%20y"), ["query.tss_node_id"]);
    expectInvalid(await list(`status=${"S".repeat(65)}&limit=0&cursor=nope&tss_node_id=bad`), [
      "query.cursor",
      "query.limit",
      "query.status",
      "query.tss_node_id",
    ]);
    // the same request with good values lists the caller's request
    const ok = await list("limit=1&tss_node_id=coboNodeValid001");
    expect(ok.status).toBe(200);
    expect((ok.body as { data: { tss_request_id: string }[] }).data.map((r) => r.tss_request_id)).toEqual([tssRequestId]);
  });
});

describe("/api/v1/tss-requests/{tss_request_id}", () => {
  it("names a malformed id on GET and on reports", async () => {
    const long = "t".repeat(129);
    expectInvalid(
      await call(getTssRequest, { path: `/api/v1/tss-requests/${long}`, params: { tss_request_id: long }, token: user.token }),
      ["path.tss_request_id"],
    );
    expectInvalid(await call(getTssRequest, { path: "/api/v1/tss-requests/", params: { tss_request_id: "" }, token: user.token }), [
      "path.tss_request_id",
    ]);
    const before = await snapshot();
    expectInvalid(
      await call(reportTssRequest, {
        path: `/api/v1/tss-requests/${long}/reports`,
        params: { tss_request_id: long },
        token: user.token,
        body: { result: "approved" },
      }),
      ["path.tss_request_id"],
    );
    expect(await snapshot()).toEqual(before);
  });

  it("names every bad report field and records nothing on the request's timeline", async () => {
    const before = await snapshot();
    const report = (body: unknown) =>
      call(reportTssRequest, {
        path: `/api/v1/tss-requests/${tssRequestId}/reports`,
        params: { tss_request_id: tssRequestId },
        token: user.token,
        body,
      });
    expectInvalid(await report({ result: "maybe", message: "m".repeat(1001), tss_node_id: "x y" }), [
      "body.message",
      "body.result",
      "body.tss_node_id",
    ]);
    expectInvalid(await report({}), ["body.result"]);
    expectInvalid(await report({ result: "Approved" }), ["body.result"]);
    expectInvalid(await report({ result: "approved", message: 42 }), ["body.message"]);
    expect(await snapshot()).toEqual(before);
    expect(await app.db.tssRequestStatusChange.count({ where: { source: "app", tssRequest: { coboTssRequestId: tssRequestId } } })).toBe(0);
  });
});

describe("POST /api/v1/vault/recoveries", () => {
  it("names each bad field and starts nothing", async () => {
    const before = await snapshot();
    const rec = (body: unknown) => call(recover, { path: "/api/v1/vault/recoveries", token: user.token, body });
    expectInvalid(await rec({}), ["body.recovery_group_id", "body.tss_node_id"]);
    expectInvalid(await rec({ recovery_group_id: "", tss_node_id: "x y" }), ["body.recovery_group_id", "body.tss_node_id"]);
    expectInvalid(await rec({ recovery_group_id: "g".repeat(129), tss_node_id: "coboNodeNew00001" }), ["body.recovery_group_id"]);
    expectInvalid(await rec({ recovery_group_id: 7, tss_node_id: "coboNodeNew00001" }), ["body.recovery_group_id"]);
    expect(await snapshot()).toEqual(before);
    expect(await app.db.keyShareHolderGroup.count({ where: { vaultId: user.vaultRowId } })).toBe(1);
  });
});

describe("POST /api/v1/auth/refresh", () => {
  it("names a missing or malformed refresh_token and leaves the session and its refresh token usable", async () => {
    const u = await newAppUser("invalid-refresh");
    const before = await snapshot();
    const r = (body: unknown) => call(refresh, { path: "/api/v1/auth/refresh", body });
    expectInvalid(await r({}), ["body.refresh_token"]);
    expectInvalid(await r({ refresh_token: "short" }), ["body.refresh_token"]);
    expectInvalid(await r({ refresh_token: "r".repeat(201) }), ["body.refresh_token"]);
    expectInvalid(await r({ refresh_token: ["rt_aaaaaaaaaaaa"] }), ["body.refresh_token"]);
    expect(await snapshot()).toEqual(before);
    // the refresh token was never spent: its first real use rotates it
    const ok = await r({ refresh_token: u.refreshToken });
    expect(ok.status, ok.text).toBe(200);
  });
});

describe("GET /api/v1/events", () => {
  it("names a malformed ?after= and opens no stream", async () => {
    for (const after of ["abc", "-1", "1.5", "1".repeat(20), ""]) {
      const res = await call(events, { path: `/api/v1/events?after=${encodeURIComponent(after)}`, token: user.token });
      expectInvalid(res, ["query.after"]);
      expect(res.headers.get("content-type")).not.toContain("text/event-stream");
    }
  });
});
