import { createHmac, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { GET as events } from "@/app/api/v1/events/route";
import { POST as signOut } from "@/app/api/v1/auth/sign-out/route";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { POST as createMainGroup } from "@/app/api/v1/vault/main-group/route";
import { POST as createVault } from "@/app/api/v1/vault/route";
import { enqueueWebhookApply, stopQueue } from "@/lib/jobs/queue";
import { startWorkers } from "@/lib/jobs/start-workers";
import { verifyAccessToken } from "@/lib/server/app-users/tokens";
import { deliverOutbound, dispatchOutbound } from "@/lib/server/push/deliver-outbound";
import { openEventStream } from "@/lib/server/push/event-stream";
import { applyTssRequestUpdate } from "@/lib/server/tss-requests/apply-tss-request-update";
import { receiveWebhook } from "@/lib/http/cobo-webhook";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newAppUser } from "../helpers/app-users";
import { newTestSigner } from "../helpers/cobo-signing";
import { waitFor } from "../helpers/device";
import { readUntil } from "../helpers/sse";
import { resetEnvCache } from "../../lib/env";

// Telling apps that something changed: server-sent events per signed-in user, the optional
// outbound HTTP hook, and the job queue that runs deliveries and webhook applies.

const hook: { bodies: { body: string; headers: Record<string, string | string[] | undefined> }[]; failNext: number } = {
  bodies: [],
  failNext: 0,
};
const hookServer = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    if (hook.failNext > 0) {
      hook.failNext--;
      res.writeHead(503).end();
      return;
    }
    hook.bodies.push({ body, headers: req.headers });
    res.writeHead(204).end();
  });
});
const HOOK_SECRET = "a-push-hook-secret-of-at-least-32-chars";
const hookReady = new Promise<string>((resolve) =>
  hookServer.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(hookServer.address() as { port: number }).port}/push`)),
);
afterAll(() => new Promise<void>((r) => hookServer.close(() => r())));

const signer = newTestSigner();
const app = setupAppHarness({
  env: { APP_PUSH_HOOK_SECRET: HOOK_SECRET, COBO_WEBHOOK_PUBLIC_KEY: signer.publicKey, UCW_RECONCILE_INTERVAL_SECONDS: "3600" },
});

async function userWithKeyGen(prefix: string) {
  const u = await newAppUser(prefix);
  await call(createVault, { path: "/api/v1/vault", method: "POST", token: u.token });
  const nodeId = `coboNode${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await call(registerNode, { path: "/api/v1/tss-nodes", token: u.token, body: { tss_node_id: nodeId } });
  const g = await call(createMainGroup, { path: "/api/v1/vault/main-group", token: u.token, body: { tss_node_id: nodeId } });
  return { ...u, tssRequestId: (g.body as { tss_request_id: string }).tss_request_id };
}

describe("server-sent events", () => {
  it("streams a change of the caller's TSS request, and only the caller's", async () => {
    const alice = await userWithKeyGen("sse-a");
    const bob = await userWithKeyGen("sse-b");
    const controller = new AbortController();
    const res = await events(
      new Request("http://127.0.0.1/api/v1/events", { headers: { authorization: `Bearer ${alice.token}` }, signal: controller.signal }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    await readUntil(reader, /: connected/, "greeting");
    await applyTssRequestUpdate({ coboTssRequestId: bob.tssRequestId, status: "KeyGenerating", source: "webhook" });
    await applyTssRequestUpdate({ coboTssRequestId: alice.tssRequestId, status: "KeyGenerating", source: "webhook" });
    const text = await readUntil(reader, /event: tss_request\n/, "tss_request event");
    controller.abort();
    const data = JSON.parse(/data: (.+)\n/.exec(text)![1]!) as { subject_id: string; status: string };
    expect(data).toMatchObject({ subject_id: alice.tssRequestId, status: "KeyGenerating" });
    expect(text).not.toContain(bob.tssRequestId);
  });

  it("resumes after Last-Event-ID, and tells a signed-out session to stop", async () => {
    const u = await userWithKeyGen("sse-resume");
    await applyTssRequestUpdate({ coboTssRequestId: u.tssRequestId, status: "KeyGenerating", source: "poll" });
    const first = await app.db.appUserEvent.findFirstOrThrow({ where: { userId: u.id }, orderBy: { id: "asc" } });
    const claims = await verifyAccessToken(u.token);
    if (!claims.ok) throw new Error("token");
    const controller = new AbortController();
    const stream = await openEventStream({ userId: u.id, sessionId: claims.claims.sessionId }, first.id, controller.signal, {
      pollMs: 50,
      sessionCheckMs: 50,
    });
    const reader = stream.getReader();
    const text = await readUntil(reader, /"status":"KeyGenerating"/, "the event after the resume point");
    expect(text).not.toContain(`id: ${first.id}\n`);
    await call(signOut, { path: "/api/v1/auth/sign-out", method: "POST", token: u.token });
    await readUntil(reader, /event: signed-out/, "signed-out");
    controller.abort();
  });
});

describe("outbound push hook", () => {
  it("POSTs each change, signed with HMAC-SHA256, and retries a failed delivery", async () => {
    process.env.APP_PUSH_HOOK_URL = await hookReady;
    resetEnvCache();
    const u = await userWithKeyGen("hook");
    hook.failNext = 1;
    const ids = await dispatchOutbound();
    expect(ids.length).toBeGreaterThan(0);
    const mine = await app.db.appUserEvent.findFirstOrThrow({ where: { userId: u.id }, orderBy: { id: "desc" } });
    const delivery = await app.db.outboundDelivery.findUniqueOrThrow({ where: { eventId: mine.id } });
    await expect(deliverOutbound(delivery.id)).rejects.toThrow(/HTTP 503/);
    expect(await app.db.outboundDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatus: 503,
    });
    await deliverOutbound(delivery.id);
    expect(await app.db.outboundDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "delivered",
      attempts: 2,
    });
    const got = hook.bodies.find((b) => b.body.includes(u.tssRequestId))!;
    const expected = createHmac("sha256", HOOK_SECRET).update(`${got.headers["x-ucw-timestamp"]}.${got.body}`).digest("hex");
    expect(got.headers["x-ucw-signature"]).toBe(expected);
    expect(JSON.parse(got.body)).toMatchObject({ user_id: u.id, subject_type: "tss_request", subject_id: u.tssRequestId });
    // delivered once: delivering again sends nothing
    const before = hook.bodies.length;
    await deliverOutbound(delivery.id);
    expect(hook.bodies.length).toBe(before);
  });
});

describe("job queue", () => {
  it("a worker applies a queued webhook event (pg-boss on this database)", { timeout: 120_000 }, async () => {
    const u = await userWithKeyGen("queue");
    const raw = JSON.stringify({
      event_id: randomUUID(),
      url: "x",
      created_timestamp: Date.now(),
      type: "wallets.mpc.tss_request.updated",
      data: { data_type: "TSSRequest", tss_request_id: u.tssRequestId },
    });
    const res = await receiveWebhook(
      new Request("http://127.0.0.1/api/webhooks/cobo", { method: "POST", body: raw, headers: signer.headers(raw) }),
      enqueueWebhookApply,
    );
    expect(res.status).toBe(200);
    const stop = await startWorkers();
    try {
      const row = await waitFor(async () => {
        const e = await app.db.webhookEvent.findFirst({ where: { rawBody: raw } });
        return e?.status === "applied" ? e : undefined;
      }, "the worker to apply the event");
      expect(row.attempts).toBe(1);
    } finally {
      await stop();
      await stopQueue();
    }
  });
});
