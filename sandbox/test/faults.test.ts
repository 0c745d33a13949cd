import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signApiRequest } from "../src/auth/cobo-signature.js";
import { startTestEnv, type TestEnv } from "./helpers/env.js";
import { call, callError, silenceSdkLogs } from "./helpers/sdk.js";

// Injected faults: chosen /v2 routes answer with a chosen status, drop the connection or hang,
// for the product's tests of a slow, failing or unreachable Cobo. Clearing restores normal service.

let env: TestEnv;

beforeAll(async () => {
  silenceSdkLogs();
  env = await startTestEnv();
});
afterAll(async () => {
  await env.close();
});

async function control(method: "POST" | "DELETE" | "GET", body?: unknown): Promise<{ status: number; json: unknown }> {
  const text = body === undefined ? "" : JSON.stringify(body);
  const headers = signApiRequest(env.secret, { method, path: "/_sandbox/faults", nonce: String(Date.now()), query: "", body: text });
  const res = await fetch(`${env.sandbox.origin}/_sandbox/faults`, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    ...(method === "GET" ? {} : { body: text }),
  });
  return { status: res.status, json: await res.json() };
}

describe("fault injection", () => {
  it("answers a chosen route with a chosen status and Cobo error body, for the next `times` requests only", async () => {
    expect(
      (
        await control("POST", {
          method: "GET",
          path_prefix: "/v2/wallets/mpc/projects",
          kind: "status",
          status: 503,
          retry_after: 7,
          times: 1,
        })
      ).status,
    ).toBe(201);
    const err = await callError(env.api.mpc, "listMpcProjects", {});
    expect(err.status).toBe(503);
    expect(err.body).toMatchObject({ error_code: 2000 });
    // The next request is served normally.
    const ok = await call(env.api.mpc, "listMpcProjects", {});
    expect(ok).toHaveProperty("data");
  });

  it("drops the connection, or holds it until the faults are cleared", async () => {
    await control("POST", { path_prefix: "/v2/wallets/mpc/projects", kind: "reset", times: 1 });
    await expect(fetch(`${env.sandbox.origin}/v2/wallets/mpc/projects`)).rejects.toThrow();

    await control("POST", { path_prefix: "/v2/wallets/mpc/vaults", kind: "hang" });
    let settled = false;
    const hung = fetch(`${env.sandbox.origin}/v2/wallets/mpc/vaults?vault_type=User-Controlled`).then(
      () => (settled = true),
      () => (settled = true),
    );
    // Another route still answers while one hangs.
    expect((await call(env.api.mpc, "listMpcProjects", {})) as object).toHaveProperty("data");
    expect(settled).toBe(false);
    expect((await control("DELETE")).status).toBe(200);
    await hung;
    expect(settled).toBe(true);
    expect((await control("GET")).json).toEqual({ data: [] });
  });

  it("refuses an unsigned fault request and a malformed rule", async () => {
    const unsigned = await fetch(`${env.sandbox.origin}/_sandbox/faults`, { method: "DELETE" });
    expect(unsigned.status).toBe(401);
    expect((await control("POST", { path_prefix: "/not-v2", kind: "hang" })).status).toBe(400);
  });
});
