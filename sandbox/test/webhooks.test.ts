import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhookBody } from "../src/auth/cobo-signature.js";
import { startTestEnv, type TestEnv } from "./helpers/env.js";
import { call, callError, silenceSdkLogs, type Plain } from "./helpers/sdk.js";
import { waitFor } from "./helpers/wait.js";

// Webhook delivery as Cobo does it: signed with the sandbox's key, retried with
// backoff after a non-2xx answer or a timeout, at most 10 attempts, every
// attempt logged; the endpoints and events APIs list, get, retry and trigger.

let env: TestEnv;
let defaultEndpointId = "";
let projectId = "";

beforeAll(async () => {
  silenceSdkLogs();
  env = await startTestEnv({ callback: false, sandbox: { webhookTimeoutMs: 300 } });
  const endpoints = await call(env.api.webhooks, "listWebhookEndpoints", {});
  defaultEndpointId = String((endpoints.data as Plain[])[0]?.endpoint_id);
  const project = await call(env.api.mpc, "createMpcProject", {
    CreateMpcProjectRequest: { name: "webhooks", participants: 2, threshold: 2 },
  });
  projectId = String(project.project_id);
});
afterAll(async () => {
  await env.close();
});

async function createVault(name: string): Promise<string> {
  const v = await call(env.api.mpc, "createMpcVault", {
    CreateMpcVaultRequest: { name, vault_type: "User-Controlled", project_id: projectId },
  });
  return String(v.vault_id);
}

/** The event for `vaultId` delivered to `endpointId` (the list holds every endpoint's events by default). */
async function eventFor(endpointId: string, vaultId: string): Promise<Plain> {
  const endpoint = await call(env.api.webhooks, "getWebhookEndpointById", endpointId);
  return waitFor(async () => {
    const list = await call(env.api.webhooks, "listWebhookEvents", endpointId, { type: "mpc_vaults.created", limit: 50 });
    return (list.data as Plain[]).find((e) => (e.data as Plain).vault_id === vaultId && e.url === endpoint.url);
  }, `event for vault ${vaultId}`);
}

describe("webhook endpoints", () => {
  it("has the default endpoint subscribed to every event, and serves the definitions", async () => {
    const endpoint = await call(env.api.webhooks, "getWebhookEndpointById", defaultEndpointId);
    expect(endpoint).toMatchObject({ url: env.receiver.url("/webhooks"), status: "STATUS_ACTIVE" });
    const defs = await call<Plain[]>(env.api.webhooks, "listWebhookEventDefinitions");
    expect(defs.map((d) => d.event_type).sort()).toEqual([...(endpoint.subscribed_events as string[])].sort());
    expect(defs).toHaveLength(11);
  });

  it("creates, lists, filters and updates endpoints; refuses bad input", async () => {
    const created = await call(env.api.webhooks, "createWebhookEndpoint", {
      CreateWebhookEndpointRequest: { url: env.receiver.url("/extra"), subscribed_events: ["wallets.created"], description: "extra" },
    });
    expect(created).toMatchObject({ status: "STATUS_ACTIVE", subscribed_events: ["wallets.created"], description: "extra" });
    expect(String(created.created_timestamp)).toMatch(/^\d{10}$/);
    const filtered = await call(env.api.webhooks, "listWebhookEndpoints", { event_type: "mpc_vaults.created" });
    expect((filtered.data as Plain[]).map((e) => e.endpoint_id)).toEqual([defaultEndpointId]);
    const updated = await call(env.api.webhooks, "updateWebhookEndpointById", created.endpoint_id, {
      UpdateWebhookEndpointByIdRequest: { status: "STATUS_INACTIVE", subscribed_events: ["wallets.created", "mpc_vaults.created"] },
    });
    expect(updated).toMatchObject({ status: "STATUS_INACTIVE", subscribed_events: ["wallets.created", "mpc_vaults.created"] });
    const bad = await callError(env.api.webhooks, "createWebhookEndpoint", {
      CreateWebhookEndpointRequest: { url: "not a url", subscribed_events: ["wallets.created"] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error_code).toBe(2006);
    const missing = await callError(env.api.webhooks, "createWebhookEndpoint", {
      CreateWebhookEndpointRequest: { url: env.receiver.url("/x") },
    });
    expect(missing.body.error_code).toBe(2003);
    const unknown = await callError(env.api.webhooks, "getWebhookEndpointById", "00000000-0000-0000-0000-000000000000");
    expect(unknown).toMatchObject({ status: 404, body: { error_code: 2028 } });
  });
});

describe("webhook delivery", () => {
  it("signs every delivery with the published key and retries after answers other than 200/201 (even 204), logging each attempt", async () => {
    const failures = [
      { status: 500, body: "try later" },
      { status: 204, body: "" },
    ];
    env.receiver.respond = (req) => {
      const failure = req.path === "/webhooks" && req.rawBody.includes("flaky-vault") ? failures.shift() : undefined;
      return failure ?? { status: 200, body: "" };
    };
    const vaultId = await createVault("flaky-vault");
    const event = await eventFor(defaultEndpointId, vaultId);
    const delivered = await waitFor(async () => {
      const e = await call(env.api.webhooks, "getWebhookEventById", event.event_id, defaultEndpointId);
      return e.status === "Success" ? e : undefined;
    }, "event delivered");
    expect(delivered.data).toMatchObject({ data_type: "MPCVault", vault_id: vaultId, name: "flaky-vault", type: "User-Controlled" });
    const logs = await call(env.api.webhooks, "listWebhookEventLogs", event.event_id, defaultEndpointId, {});
    const entries = (logs.data as Plain[]).slice().reverse();
    expect(entries.map((l) => [l.response_status_code, l.success])).toEqual([
      [500, false],
      [204, false],
      [200, true],
    ]);
    expect(entries[0]?.failure_reason).toEqual(expect.any(String));
    expect((entries[0]?.request_body as Plain).event_id).toBe(event.event_id);
    expect(entries[0]?.request_headers).toMatchObject({ "Biz-Timestamp": expect.any(String), "Biz-Resp-Signature": expect.any(String) });

    const received = env.receiver.on("/webhooks").filter((r) => r.rawBody.includes(vaultId));
    expect(received).toHaveLength(3);
    const bodies = new Set(received.map((r) => r.rawBody));
    expect(bodies.size).toBe(1);
    for (const r of received) {
      const ts = String(r.headers["biz-timestamp"]);
      expect(verifyWebhookBody(env.sandbox.webhookPublicKey, r.rawBody, ts, String(r.headers["biz-resp-signature"]))).toBe(true);
      expect(
        verifyWebhookBody(env.sandbox.webhookPublicKey, r.rawBody.replace("flaky", "flakx"), ts, String(r.headers["biz-resp-signature"])),
      ).toBe(false);
    }
    const payload = JSON.parse(received[0]?.rawBody ?? "{}") as Plain;
    expect(payload).toMatchObject({ event_id: event.event_id, type: "mpc_vaults.created", url: env.receiver.url("/webhooks") });
    expect(payload.created_timestamp).toBe(event.created_timestamp);
    env.receiver.respond = () => ({ status: 200, body: "" });
  });

  it("treats a slow answer as a failure", async () => {
    let slowLeft = 1;
    env.receiver.respond = async (req) => {
      if (req.path === "/webhooks" && req.rawBody.includes("slow-vault") && slowLeft > 0) {
        slowLeft -= 1;
        await new Promise((r) => setTimeout(r, 600));
      }
      return { status: 200, body: "" };
    };
    const vaultId = await createVault("slow-vault");
    const event = await eventFor(defaultEndpointId, vaultId);
    await waitFor(
      async () => (await call(env.api.webhooks, "getWebhookEventById", event.event_id, defaultEndpointId)).status === "Success",
      "delivered after retry",
    );
    const logs = await call(env.api.webhooks, "listWebhookEventLogs", event.event_id, defaultEndpointId, {});
    const entries = (logs.data as Plain[]).slice().reverse();
    expect(entries.map((l) => l.success)).toEqual([false, true]);
    expect(String(entries[0]?.failure_reason)).toMatch(/no response within 300 ms/);
    env.receiver.respond = () => ({ status: 200, body: "" });
  });

  it("gives up after 10 attempts (Failed), then delivers on a manual retry", async () => {
    const failing = await call(env.api.webhooks, "createWebhookEndpoint", {
      CreateWebhookEndpointRequest: { url: env.receiver.url("/failing"), subscribed_events: ["mpc_vaults.created"] },
    });
    const endpointId = String(failing.endpoint_id);
    env.receiver.respond = (req) => (req.path === "/failing" ? { status: 503, body: "down" } : { status: 200, body: "" });
    const vaultId = await createVault("doomed-vault");
    const event = await eventFor(endpointId, vaultId);
    const retrying = await call(env.api.webhooks, "getWebhookEventById", event.event_id, endpointId);
    if (retrying.status === "Retrying") expect(retrying.retries_left).toEqual(expect.any(Number));
    await waitFor(
      async () => (await call(env.api.webhooks, "getWebhookEventById", event.event_id, endpointId)).status === "Failed",
      "event Failed",
    );
    const logs = await call(env.api.webhooks, "listWebhookEventLogs", event.event_id, endpointId, { limit: 50 });
    expect((logs.data as Plain[]).length).toBe(10);
    const failedList = await call(env.api.webhooks, "listWebhookEvents", endpointId, { status: "Failed" });
    expect((failedList.data as Plain[]).map((e) => e.event_id)).toContain(event.event_id);

    env.receiver.respond = () => ({ status: 200, body: "" });
    expect(await call(env.api.webhooks, "retryWebhookEventById", event.event_id, endpointId)).toEqual({ retried: true });
    await waitFor(
      async () => (await call(env.api.webhooks, "getWebhookEventById", event.event_id, endpointId)).status === "Success",
      "retried event delivered",
    );
    const again = await callError(env.api.webhooks, "retryWebhookEventById", event.event_id, endpointId);
    expect(again.status).toBe(400);
    await call(env.api.webhooks, "updateWebhookEndpointById", endpointId, {
      UpdateWebhookEndpointByIdRequest: { status: "STATUS_INACTIVE" },
    });
  });

  it("pages events with limit / after / before", async () => {
    for (const name of ["page-a", "page-b", "page-c"]) await createVault(name);
    await waitFor(async () => {
      const l = await call(env.api.webhooks, "listWebhookEvents", defaultEndpointId, { type: "mpc_vaults.created", limit: 50 });
      return (l.data as Plain[]).length >= 6;
    }, "events recorded");
    const first = await call(env.api.webhooks, "listWebhookEvents", defaultEndpointId, { type: "mpc_vaults.created", limit: 2 });
    const page1 = first.data as Plain[];
    expect(page1).toHaveLength(2);
    const pag = first.pagination as Plain;
    expect(pag.before).toBe("");
    expect(pag.after).toBe(page1[1]?.event_id);
    const second = await call(env.api.webhooks, "listWebhookEvents", defaultEndpointId, {
      type: "mpc_vaults.created",
      limit: 2,
      after: pag.after,
    });
    const page2 = second.data as Plain[];
    expect(page2.map((e) => e.event_id)).not.toContain(page1[0]?.event_id);
    expect((second.pagination as Plain).before).toBe(page2[0]?.event_id);
    const back = await call(env.api.webhooks, "listWebhookEvents", defaultEndpointId, {
      type: "mpc_vaults.created",
      limit: 2,
      before: (second.pagination as Plain).before,
    });
    expect((back.data as Plain[]).map((e) => e.event_id)).toEqual(page1.map((e) => e.event_id));
    const tooMany = await callError(env.api.webhooks, "listWebhookEvents", defaultEndpointId, { limit: 51 });
    expect(tooMany).toMatchObject({ status: 400, body: { error_code: 2006 } });
  });

  it("triggers test events for Transaction and TSSRequest types only", async () => {
    const triggered = await call(env.api.webhooks, "triggerTestWebhookEvent", {
      TriggerTestWebhookEventRequest: { event_type: "wallets.transaction.succeeded", override_data: { request_id: "test-override" } },
    });
    expect(triggered).toEqual({ triggered: true });
    await waitFor(() => env.receiver.on("/webhooks").some((r) => r.rawBody.includes("test-override")), "test event delivered");
    const refused = await callError(env.api.webhooks, "triggerTestWebhookEvent", {
      TriggerTestWebhookEventRequest: { event_type: "wallets.created" },
    });
    expect(refused.body.error_code).toBe(2006);
  });
});
