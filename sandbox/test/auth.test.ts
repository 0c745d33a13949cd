import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doubleSha256Hex, randomSeedHex, signApiRequest, signDigestHex } from "../src/auth/cobo-signature.js";
import { startTestEnv, type TestEnv } from "./helpers/env.js";
import { call, callError, sdkApis, silenceSdkLogs } from "./helpers/sdk.js";

// Cobo Auth as Cobo does it: the official SDK works unchanged; a wrong key, a
// tampered body or query, a replayed or stale nonce are refused with 401/2024.

let env: TestEnv;

beforeAll(async () => {
  silenceSdkLogs();
  env = await startTestEnv();
});
afterAll(async () => {
  await env.close();
});

async function signedFetch(
  secret: string,
  method: string,
  pathAndQuery: string,
  body: string,
  mutate?: { body?: string; nonce?: string; query?: string },
): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(env.sandbox.origin + pathAndQuery);
  const nonce = mutate?.nonce ?? String(Date.now());
  const headers = signApiRequest(secret, { method, path: url.pathname, nonce, query: url.search.slice(1), body });
  const sendUrl = mutate?.query !== undefined ? `${env.sandbox.origin}${url.pathname}?${mutate.query}` : url.toString();
  const res = await fetch(sendUrl, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: method === "GET" ? undefined : (mutate?.body ?? body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("Cobo Auth", () => {
  it("accepts the official SDK's signed requests (GET with query, POST with body)", async () => {
    const project = await call(env.api.mpc, "createMpcProject", {
      CreateMpcProjectRequest: { name: "auth project", participants: 2, threshold: 2 },
    });
    expect(project.project_id).toEqual(expect.any(String));
    const list = await call(env.api.mpc, "listMpcProjects", { limit: 5 });
    expect((list.data as unknown[]).length).toBe(1);
    const vaults = await call(env.api.mpc, "listMpcVaults", "User-Controlled", { project_id: project.project_id, limit: 5 });
    expect(vaults.data).toEqual([]);
  });

  it("accepts a hand-signed request with the exact canonical string", async () => {
    const res = await signedFetch(env.secret, "GET", "/v2/wallets/enabled_chains?limit=1", "");
    expect(res.status).toBe(200);
    expect((res.json.data as unknown[]).length).toBe(1);
  });

  it("refuses an unknown API key with 401 / 2024", async () => {
    const other = sdkApis(env.sandbox.url, randomSeedHex());
    const err = await callError(other.mpc, "listMpcProjects", {});
    expect(err.status).toBe(401);
    expect(err.body.error_code).toBe(2024);
    expect(err.body.error_id).toEqual(expect.any(String));
  });

  it("refuses a tampered body, a tampered query and a wrong signature", async () => {
    const body = JSON.stringify({ name: "p", participants: 2, threshold: 2 });
    const tamperedBody = await signedFetch(env.secret, "POST", "/v2/wallets/mpc/projects", body, { body: body.replace('"p"', '"q"') });
    expect(tamperedBody.status).toBe(401);
    expect(tamperedBody.json.error_code).toBe(2024);
    const tamperedQuery = await signedFetch(env.secret, "GET", "/v2/wallets/enabled_chains?limit=1", "", { query: "limit=2" });
    expect(tamperedQuery.status).toBe(401);

    const nonce = String(Date.now());
    const wrongSig = await fetch(`${env.sandbox.origin}/v2/wallets/enabled_chains`, {
      headers: {
        "BIZ-API-KEY": env.sandbox.apiKey,
        "BIZ-API-NONCE": nonce,
        "BIZ-API-SIGNATURE": signDigestHex(randomSeedHex(), doubleSha256Hex(`GET|/v2/wallets/enabled_chains|${nonce}||`)),
      },
    });
    expect(wrongSig.status).toBe(401);
    const missing = await fetch(`${env.sandbox.origin}/v2/wallets/enabled_chains`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error_code: number }).error_code).toBe(2024);
  });

  it("refuses a replayed nonce and a stale one, and leaves state unchanged", async () => {
    const body = JSON.stringify({ name: "replay", participants: 2, threshold: 2 });
    const nonce = String(Date.now());
    const first = await signedFetch(env.secret, "POST", "/v2/wallets/mpc/projects", body, { nonce });
    expect(first.status).toBe(201);
    const replay = await signedFetch(env.secret, "POST", "/v2/wallets/mpc/projects", body, { nonce });
    expect(replay.status).toBe(401);
    expect(replay.json.error_code).toBe(2024);
    const stale = await signedFetch(env.secret, "POST", "/v2/wallets/mpc/projects", body, { nonce: String(Date.now() - 60 * 60_000) });
    expect(stale.status).toBe(401);
    const list = await call(env.api.mpc, "listMpcProjects", { limit: 50 });
    expect((list.data as { name: string }[]).filter((p) => p.name === "replay")).toHaveLength(1);
  });

  it("serves public info without auth and Cobo's 404 for unknown endpoints", async () => {
    const info = (await (await fetch(`${env.sandbox.origin}/_sandbox/info`)).json()) as Record<string, unknown>;
    expect(info.webhook_public_key).toBe(env.sandbox.webhookPublicKey);
    expect(info.api_key).toBe(env.sandbox.apiKey);
    expect(info.cobo_node_id).toBe(env.sandbox.coboNodeId);
    expect(info.base_url).toBe(env.sandbox.url);
    const res = await signedFetch(env.secret, "GET", "/v2/no/such/endpoint", "");
    expect(res.status).toBe(404);
    expect(res.json.error_code).toBe(2021);
    const control = await fetch(`${env.sandbox.origin}/_sandbox/cosigners`);
    expect(control.status).toBe(401);
  });
});
