import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { POST as createMainGroup } from "@/app/api/v1/vault/main-group/route";
import { POST as createVault } from "@/app/api/v1/vault/route";
import { openConsoleLiveStream } from "@/lib/http/console-live-stream";
import { applyTssRequestUpdate } from "@/lib/server/tss-requests/apply-tss-request-update";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newAppUser } from "../helpers/app-users";
import { readUntil } from "../helpers/sse";

// The console's live updates: one stream per console tab carrying every app user's TSS request
// and transaction changes, and the arrival of webhook deliveries (the pages re-render themselves).

const app = setupAppHarness({ env: { UCW_RECONCILE_INTERVAL_SECONDS: "3600" } });

async function userWithKeyGen(prefix: string) {
  const u = await newAppUser(prefix);
  await call(createVault, { path: "/api/v1/vault", method: "POST", token: u.token });
  const nodeId = `coboNode${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await call(registerNode, { path: "/api/v1/tss-nodes", token: u.token, body: { tss_node_id: nodeId } });
  const g = await call(createMainGroup, { path: "/api/v1/vault/main-group", token: u.token, body: { tss_node_id: nodeId } });
  return { ...u, tssRequestId: (g.body as { tss_request_id: string }).tss_request_id };
}

describe("console live stream", () => {
  it("carries every user's changes made after it opened, and not the ones before", async () => {
    const before = await userWithKeyGen("live-before");
    const controller = new AbortController();
    const reader = (await openConsoleLiveStream(controller.signal, { pollMs: 50 })).getReader();
    await readUntil(reader, /: connected/, "greeting");
    const alice = await userWithKeyGen("live-a");
    const bob = await userWithKeyGen("live-b");
    await applyTssRequestUpdate({ coboTssRequestId: alice.tssRequestId, status: "KeyGenerating", source: "webhook" });
    const text = await readUntil(
      reader,
      new RegExp(`"user_id":"${alice.id}","subject_id":"${alice.tssRequestId}","status":"KeyGenerating"`),
      "alice's KeyGenerating",
    );
    controller.abort();
    expect(text).toContain(`"user_id":"${bob.id}"`);
    expect(text).not.toContain(before.id);
    // notices carry ids and statuses only
    expect(text).not.toMatch(/token|email|password/i);
    for (const m of text.matchAll(/^id: (\d+)$/gm)) expect(Number(m[1])).toBeGreaterThan(0);
  });

  it("announces a new webhook delivery", async () => {
    const controller = new AbortController();
    const reader = (await openConsoleLiveStream(controller.signal, { pollMs: 50 })).getReader();
    await readUntil(reader, /: connected/, "greeting");
    await app.db.webhookEvent.create({
      data: { eventId: randomUUID(), type: "wallets.transaction.updated", rawBody: "{}", signatureResult: "valid", status: "ignored" },
    });
    const text = await readUntil(reader, /event: webhook\ndata: \{"received_at":"[^"]+"\}/, "webhook notice");
    controller.abort();
    expect(text).toContain("event: webhook");
  });

  it("ends by itself after its lifetime, so the browser reconnects through the session check", async () => {
    const controller = new AbortController();
    const reader = (await openConsoleLiveStream(controller.signal, { pollMs: 20, maxLifetimeMs: 100 })).getReader();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
