import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signApiRequest, verifyWebhookBody } from "../src/auth/cobo-signature.js";
import {
  createVault,
  deviceApprovesTss,
  getTss,
  readyWallet,
  startTestEnv,
  waitTss,
  waitTx,
  type ReadyWallet,
  type TestEnv,
} from "./helpers/env.js";
import type { ReceivedRequest } from "./helpers/receiver.js";
import { call, callError, silenceSdkLogs, type Plain } from "./helpers/sdk.js";
import { waitFor } from "./helpers/wait.js";

// Sandbox profiles (`/_sandbox/profile`): where Cobo's documentation is silent the sandbox can
// answer each way real Cobo might. Every profile is exercised here through the official SDK and
// the wire (webhooks and callbacks as received), and shown to compose with injected faults.

let env: TestEnv;
let ready: ReadyWallet;
let from = "";
let projectId = "";

async function control(method: "GET" | "POST" | "DELETE", pathname: string, body?: unknown): Promise<{ status: number; json: Plain }> {
  const text = body === undefined ? "" : JSON.stringify(body);
  const headers = signApiRequest(env.secret, { method, path: pathname, nonce: `${Date.now()}${Math.random()}`, query: "", body: text });
  const res = await fetch(env.sandbox.origin + pathname, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    ...(method === "GET" ? {} : { body: text }),
  });
  return { status: res.status, json: (await res.json()) as Plain };
}

async function setProfile(profile: Plain): Promise<Plain> {
  const res = await control("POST", "/_sandbox/profile", profile);
  if (res.status !== 200) throw new Error(`profile refused: ${JSON.stringify(res.json)}`);
  return res.json.profile as Plain;
}

async function newVault(name: string): Promise<string> {
  const v = await call(env.api.mpc, "createMpcVault", {
    CreateMpcVaultRequest: { name, vault_type: "User-Controlled", project_id: projectId },
  });
  return String(v.vault_id);
}

/** Requests the receiver got on `path` whose body mentions `marker`. */
function received(path: string, marker: string): ReceivedRequest[] {
  return env.receiver.on(path).filter((r) => r.rawBody.includes(marker));
}

async function transfer(requestId: string, amount = "0.001"): Promise<string> {
  const created = await call(env.api.transactions, "createTransferTransaction", {
    TransferParams: {
      request_id: requestId,
      source: { source_type: "User-Controlled", wallet_id: ready.walletId, address: from },
      token_id: "XTN",
      destination: { destination_type: "Address", account_output: { address: "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", amount } },
    },
  });
  return String(created.transaction_id);
}

/** Approves the withdrawal on the wallet's device once it sees it, and waits until it completes. */
async function approveAndComplete(txId: string): Promise<Plain> {
  await waitFor(async () => (await ready.device.listPendingTransactions()).some((t) => t.transaction_id === txId), "device sees tx");
  await ready.device.approveTransactions([txId]);
  return waitTx(env, txId, "Completed");
}

/** A Main Group for a new device and its KeyGen request (not yet approved). */
async function newKeyGen(name: string): Promise<{ vaultId: string; groupId: string; tssId: string; device: ReadyWallet["device"] }> {
  const device = await env.newDevice(name);
  const { vaultId } = await createVault(env);
  const group = await call(env.api.mpc, "createKeyShareHolderGroup", vaultId, {
    CreateKeyShareHolderGroupRequest: {
      key_share_holder_group_type: "MainGroup",
      participants: 2,
      threshold: 2,
      key_share_holders: [{ name, type: "API", tss_node_id: device.getTSSNodeID() }],
    },
  });
  const groupId = String(group.key_share_holder_group_id);
  const tss = await call(env.api.mpc, "createTssRequest", vaultId, {
    CreateTssRequestRequest: { type: "KeyGen", target_key_share_holder_group_id: groupId },
  });
  return { vaultId, groupId, tssId: String(tss.tss_request_id), device };
}

/** The statuses the TSS request's webhook events reported, in the order the sandbox emitted them. */
async function tssStatusesSeen(tssId: string): Promise<string[]> {
  const endpoints = await call(env.api.webhooks, "listWebhookEndpoints", {});
  const endpointId = String((endpoints.data as Plain[]).find((e) => e.url === env.receiver.url("/webhooks"))?.endpoint_id);
  const statuses: string[] = [];
  for (const type of ["wallets.mpc.tss_request.created", "wallets.mpc.tss_request.updated"]) {
    const list = await call(env.api.webhooks, "listWebhookEvents", endpointId, { type, limit: 50 });
    for (const e of list.data as Plain[]) {
      const data = e.data as Plain;
      if (data.tss_request_id === tssId && e.url === env.receiver.url("/webhooks")) statuses.push(String(data.status));
    }
  }
  // created (one) first; the updated events are listed newest first by default.
  return [statuses[0]!, ...statuses.slice(1).reverse()];
}

beforeAll(async () => {
  silenceSdkLogs();
  env = await startTestEnv({ sandbox: { webhookTimeoutMs: 1000 } });
  ready = await readyWallet(env, "profile-phone");
  const [addr] = await call<Plain[]>(env.api.wallets, "createAddress", ready.walletId, { CreateAddressRequest: { chain_id: "XTN" } });
  from = String(addr?.address);
  const deposit = await control("POST", "/_sandbox/deposits", { address: from, amount: "1" });
  await waitTx(env, String(deposit.json.transaction_id), "Completed");
  const project = await call(env.api.mpc, "createMpcProject", {
    CreateMpcProjectRequest: { name: "profiles", participants: 2, threshold: 2 },
  });
  projectId = String(project.project_id);
});
afterEach(async () => {
  env.receiver.respond = () => ({ status: 200, body: "ok" });
  await control("DELETE", "/_sandbox/profile");
  await control("DELETE", "/_sandbox/faults");
});
afterAll(async () => {
  await env.close();
});

describe("the profile control API", () => {
  it("shows the defaults, sets a profile (defaults plus the fields given), refuses bad input, restores on DELETE", async () => {
    const initial = await control("GET", "/_sandbox/profile");
    expect(initial.json).toEqual({
      profile: {
        timestamp_unit: "milliseconds",
        retry_signature: "fresh",
        tss_status_order: "mpc_processing_first",
        webhook_event_order: "newest_first",
        webhook_event_scope: "organization",
        callback_endpoint: "linked",
        cancelled_tss_status: "KeyHolderConfirmationFailed",
      },
      defaults: initial.json.profile,
    });
    expect(await setProfile({ timestamp_unit: "seconds" })).toMatchObject({ timestamp_unit: "seconds", retry_signature: "fresh" });
    // A POST replaces the profile: the earlier `seconds` is gone.
    expect(await setProfile({ webhook_event_order: "oldest_first" })).toMatchObject({
      timestamp_unit: "milliseconds",
      webhook_event_order: "oldest_first",
    });
    expect((await control("GET", "/_sandbox/profile")).json.profile).toMatchObject({ webhook_event_order: "oldest_first" });

    const bad = await control("POST", "/_sandbox/profile", { timestamp_unit: "minutes" });
    expect(bad).toMatchObject({ status: 400, json: { error_code: 2006 } });
    const unknown = await control("POST", "/_sandbox/profile", { no_such_setting: true });
    expect(unknown).toMatchObject({ status: 400, json: { error_code: 2006 } });
    // Refused input changes nothing.
    expect((await control("GET", "/_sandbox/profile")).json.profile).toMatchObject({ webhook_event_order: "oldest_first" });
    const unsigned = await fetch(`${env.sandbox.origin}/_sandbox/profile`, { method: "DELETE" });
    expect(unsigned.status).toBe(401);

    expect((await control("DELETE", "/_sandbox/profile")).json.profile).toEqual(initial.json.profile);
  });
});

describe("Biz-Timestamp unit", () => {
  it("signs webhooks with a millisecond timestamp by default and a second timestamp under `seconds`", async () => {
    const msVault = await newVault("ts-ms-vault");
    await setProfile({ timestamp_unit: "seconds" });
    const sVault = await newVault("ts-s-vault");
    const [ms] = await waitFor(() => received("/webhooks", msVault).length > 0 && received("/webhooks", msVault), "ms webhook");
    const [s] = await waitFor(() => received("/webhooks", sVault).length > 0 && received("/webhooks", sVault), "s webhook");
    expect(String(ms?.headers["biz-timestamp"])).toMatch(/^\d{13}$/);
    expect(String(s?.headers["biz-timestamp"])).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(s?.headers["biz-timestamp"]) - Date.now() / 1000)).toBeLessThan(300);
    for (const r of [ms, s]) {
      expect(
        verifyWebhookBody(
          env.sandbox.webhookPublicKey,
          r!.rawBody,
          String(r!.headers["biz-timestamp"]),
          String(r!.headers["biz-resp-signature"]),
        ),
      ).toBe(true);
    }
  });

  it("signs the risk-control callback the same way", async () => {
    await setProfile({ timestamp_unit: "seconds" });
    const txId = await transfer("profile-ts-callback");
    const [callback] = await waitFor(() => received("/callbacks", txId).length > 0 && received("/callbacks", txId), "callback");
    expect(String(callback?.headers["biz-timestamp"])).toMatch(/^\d{10}$/);
    expect(
      verifyWebhookBody(
        env.sandbox.webhookPublicKey,
        callback!.rawBody,
        String(callback!.headers["biz-timestamp"]),
        String(callback!.headers["biz-resp-signature"]),
      ),
    ).toBe(true);
    await approveAndComplete(txId);
  });
});

describe("signatures of retried deliveries", () => {
  async function flakyWebhook(name: string): Promise<ReceivedRequest[]> {
    let failures = 2;
    env.receiver.respond = (req) => {
      if (req.path === "/webhooks" && req.rawBody.includes(name) && failures > 0) {
        failures -= 1;
        return { status: 503, body: "later" };
      }
      return { status: 200, body: "ok" };
    };
    const vaultId = await newVault(name);
    return waitFor(() => received("/webhooks", vaultId).length >= 3 && received("/webhooks", vaultId), `3 deliveries of ${name}`);
  }

  it("signs each webhook attempt afresh by default", async () => {
    const attempts = await flakyWebhook("fresh-retry-vault");
    const stamps = attempts.map((r) => Number(r.headers["biz-timestamp"]));
    expect(stamps[1]).toBeGreaterThan(stamps[0]!);
    expect(stamps[2]).toBeGreaterThan(stamps[1]!);
    expect(new Set(attempts.map((r) => r.headers["biz-resp-signature"])).size).toBe(3);
  });

  it("repeats the first attempt's timestamp and signature under `first_attempt`", async () => {
    await setProfile({ retry_signature: "first_attempt" });
    const attempts = await flakyWebhook("kept-retry-vault");
    expect(new Set(attempts.map((r) => r.headers["biz-timestamp"])).size).toBe(1);
    expect(new Set(attempts.map((r) => r.headers["biz-resp-signature"])).size).toBe(1);
    const first = attempts[0]!;
    expect(
      verifyWebhookBody(
        env.sandbox.webhookPublicKey,
        first.rawBody,
        String(first.headers["biz-timestamp"]),
        String(first.headers["biz-resp-signature"]),
      ),
    ).toBe(true);
  });

  it("does the same for the risk-control callback, composed with the seconds unit", async () => {
    await setProfile({ retry_signature: "first_attempt", timestamp_unit: "seconds" });
    let failures = 1;
    env.receiver.respond = (req) => {
      if (req.path === "/callbacks" && failures > 0) {
        failures -= 1;
        return { status: 500, body: "" };
      }
      return { status: 200, body: "ok" };
    };
    const txId = await transfer("profile-kept-callback");
    const attempts = await waitFor(() => received("/callbacks", txId).length >= 2 && received("/callbacks", txId), "2 callback attempts");
    expect(String(attempts[0]?.headers["biz-timestamp"])).toMatch(/^\d{10}$/);
    expect(attempts[1]?.headers["biz-timestamp"]).toBe(attempts[0]?.headers["biz-timestamp"]);
    expect(attempts[1]?.headers["biz-resp-signature"]).toBe(attempts[0]?.headers["biz-resp-signature"]);
    await approveAndComplete(txId);
  });
});

describe("TSS request status order", () => {
  it("reports MPCProcessing while the holders approve, then KeyGenerating, by default", async () => {
    const k = await newKeyGen("order-default-phone");
    await waitFor(async () => (await getTss(env, k.vaultId, k.tssId)).status === "MPCProcessing", "MPCProcessing");
    await deviceApprovesTss(k.device, k.tssId);
    await waitTss(env, k.vaultId, k.tssId, "Success");
    expect(await tssStatusesSeen(k.tssId)).toEqual(["PendingKeyHolderConfirmation", "MPCProcessing", "KeyGenerating", "Success"]);
  });

  it("reports KeyGenerating while the holders approve, then MPCProcessing, under `key_generating_first`", async () => {
    await setProfile({ tss_status_order: "key_generating_first" });
    const k = await newKeyGen("order-kg-first-phone");
    // The order is fixed when the request is made: restoring the default now changes nothing for it.
    await control("DELETE", "/_sandbox/profile");
    // The device can approve while Cobo reports KeyGenerating (as Cobo's UCW guide shows it).
    await waitFor(async () => (await getTss(env, k.vaultId, k.tssId)).status === "KeyGenerating", "KeyGenerating");
    expect((await k.device.listPendingTSSRequests()).map((r) => r.tss_request_id)).toContain(k.tssId);
    await deviceApprovesTss(k.device, k.tssId);
    await waitTss(env, k.vaultId, k.tssId, "Success");
    expect(await tssStatusesSeen(k.tssId)).toEqual(["PendingKeyHolderConfirmation", "KeyGenerating", "MPCProcessing", "Success"]);
    const group = await call(env.api.mpc, "getKeyShareHolderGroupById", k.vaultId, k.groupId);
    expect(group.status).toBe("Valid");
  });
});

describe("webhook event list", () => {
  async function eventsOf(endpointId: string, opts: Plain = {}): Promise<Plain[]> {
    return (await call(env.api.webhooks, "listWebhookEvents", endpointId, { type: "mpc_vaults.created", limit: 50, ...opts }))
      .data as Plain[];
  }

  it("lists newest first by default and oldest first under `oldest_first`, paging either way", async () => {
    const endpoints = await call(env.api.webhooks, "listWebhookEndpoints", {});
    const endpointId = String((endpoints.data as Plain[]).find((e) => e.url === env.receiver.url("/webhooks"))?.endpoint_id);
    for (const name of ["order-1", "order-2", "order-3"]) await newVault(name);
    const newest = await eventsOf(endpointId);
    const stamps = newest.map((e) => Number(e.created_timestamp));
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    await setProfile({ webhook_event_order: "oldest_first" });
    const oldest = await eventsOf(endpointId);
    expect(oldest.map((e) => e.event_id)).toEqual(newest.map((e) => e.event_id).reverse());
    const page1 = await call(env.api.webhooks, "listWebhookEvents", endpointId, { type: "mpc_vaults.created", limit: 2 });
    const page2 = await call(env.api.webhooks, "listWebhookEvents", endpointId, {
      type: "mpc_vaults.created",
      limit: 2,
      after: (page1.pagination as Plain).after,
    });
    expect([...(page1.data as Plain[]), ...(page2.data as Plain[])].map((e) => e.event_id)).toEqual(
      oldest.slice(0, 4).map((e) => e.event_id),
    );
  });

  it("lists every endpoint's events by default, and only the path's endpoint's under `endpoint`", async () => {
    const other = await call(env.api.webhooks, "createWebhookEndpoint", {
      CreateWebhookEndpointRequest: { url: env.receiver.url("/other-endpoint"), subscribed_events: ["mpc_vaults.created"] },
    });
    const otherId = String(other.endpoint_id);
    const vaultId = await newVault("scope-vault");
    await waitFor(async () => (await eventsOf(otherId)).some((e) => (e.data as Plain).vault_id === vaultId), "event listed");
    const orgWide = (await eventsOf(otherId)).filter((e) => (e.data as Plain).vault_id === vaultId);
    expect(orgWide.map((e) => e.url).sort()).toEqual([env.receiver.url("/other-endpoint"), env.receiver.url("/webhooks")].sort());
    // Another endpoint's event is found under this endpoint's path too.
    const foreign = orgWide.find((e) => e.url === env.receiver.url("/webhooks"))!;
    expect((await call(env.api.webhooks, "getWebhookEventById", foreign.event_id, otherId)).event_id).toBe(foreign.event_id);

    await setProfile({ webhook_event_scope: "endpoint" });
    const scoped = (await eventsOf(otherId)).filter((e) => (e.data as Plain).vault_id === vaultId);
    expect(scoped.map((e) => e.url)).toEqual([env.receiver.url("/other-endpoint")]);
    expect((await callError(env.api.webhooks, "getWebhookEventById", foreign.event_id, otherId)).status).toBe(404);
    await call(env.api.webhooks, "updateWebhookEndpointById", otherId, { UpdateWebhookEndpointByIdRequest: { status: "STATUS_INACTIVE" } });
  });
});

describe("risk-control callback linked to the API key", () => {
  it("names the callback in getApiKeyInfo and calls it by default; under `none` names none and withdrawals skip it", async () => {
    const linked = await call(env.api.developers, "getApiKeyInfo");
    expect(linked).toMatchObject({ key: env.sandbox.apiKey, curve_type: "ED25519", callback_url: env.receiver.url("/callbacks") });

    await setProfile({ callback_endpoint: "none" });
    const unlinked = await call(env.api.developers, "getApiKeyInfo");
    expect(unlinked.key).toBe(env.sandbox.apiKey);
    expect(unlinked).not.toHaveProperty("callback_url");
    expect((await fetch(`${env.sandbox.origin}/_sandbox/info`).then((r) => r.json())) as Plain).toMatchObject({ callback_url: "" });

    // Deny everything: under `none` the withdrawal never asks.
    env.receiver.respond = (req) => (req.path === "/callbacks" ? { status: 200, body: "deny" } : { status: 200, body: "ok" });
    const txId = await transfer("profile-no-callback");
    const done = await approveAndComplete(txId);
    expect(done.status).toBe("Completed");
    expect(received("/callbacks", txId)).toHaveLength(0);
    const messages = await call(env.api.developers, "listCallbackMessages", { transaction_ids: txId });
    expect(messages.data).toEqual([]);
  });
});

describe("a cancelled TSS request", () => {
  it("is reported as KeyHolderConfirmationFailed by default", async () => {
    const k = await newKeyGen("cancel-default-phone");
    await waitFor(async () => (await getTss(env, k.vaultId, k.tssId)).status === "MPCProcessing", "MPCProcessing");
    const cancelled = await call(env.api.mpc, "cancelTssRequestById", k.vaultId, k.tssId);
    expect(cancelled.status).toBe("KeyHolderConfirmationFailed");
    await waitFor(() => received("/webhooks", k.tssId).some((r) => r.rawBody.includes("wallets.mpc.tss_request.failed")), "failed event");
  });

  it("is reported as Success under `cancelled_tss_status: Success`, and its group gets no key", async () => {
    await setProfile({ cancelled_tss_status: "Success" });
    const k = await newKeyGen("cancel-success-phone");
    await waitFor(async () => (await getTss(env, k.vaultId, k.tssId)).status === "MPCProcessing", "MPCProcessing");
    const cancelled = await call(env.api.mpc, "cancelTssRequestById", k.vaultId, k.tssId);
    expect(cancelled.status).toBe("Success");
    expect((await getTss(env, k.vaultId, k.tssId)).status).toBe("Success");
    await waitFor(
      () => received("/webhooks", k.tssId).some((r) => r.rawBody.includes("wallets.mpc.tss_request.succeeded")),
      "succeeded event",
    );
    const group = await call(env.api.mpc, "getKeyShareHolderGroupById", k.vaultId, k.groupId);
    expect(group).toMatchObject({ status: "New", tss_key_share_groups: [] });
    expect((await call(env.api.mpc, "getMpcVaultById", k.vaultId)).root_pubkeys).toEqual([]);
    // The device is told it was cancelled, not completed.
    expect((await k.device.getTSSRequests([k.tssId]))[0]?.status).toBe(180);
  });
});

describe("profiles and faults together", () => {
  it("applies a profile to the requests a fault lets through", async () => {
    await setProfile({ cancelled_tss_status: "Success" });
    const k = await newKeyGen("fault-profile-phone");
    await waitFor(async () => (await getTss(env, k.vaultId, k.tssId)).status === "MPCProcessing", "MPCProcessing");
    const fault = await control("POST", "/_sandbox/faults", {
      method: "POST",
      path_prefix: `/v2/wallets/mpc/vaults/${k.vaultId}/tss_requests`,
      kind: "status",
      status: 503,
      times: 1,
    });
    expect(fault.status).toBe(201);
    const refused = await callError(env.api.mpc, "cancelTssRequestById", k.vaultId, k.tssId);
    expect(refused.status).toBe(503);
    // The fault executed nothing; the retry is served under the profile.
    expect((await getTss(env, k.vaultId, k.tssId)).status).toBe("MPCProcessing");
    expect((await call(env.api.mpc, "cancelTssRequestById", k.vaultId, k.tssId)).status).toBe("Success");
  });
});
