import { describe, expect, it } from "vitest";
import { GET as listTssRequests } from "@/app/api/v1/tss-requests/route";
import { POST as createAddress } from "@/app/api/v1/wallets/[wallet_id]/addresses/route";
import { POST as createWallet } from "@/app/api/v1/wallets/route";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { POST as createVaultRoute } from "@/app/api/v1/vault/route";
import { POST as createMainGroupRoute } from "@/app/api/v1/vault/main-group/route";
import { getCoboGateway } from "@/lib/cobo/client";
import type { WebhookEvent } from "@/lib/cobo/types";
import { resetEnvCache } from "@/lib/env";
import { receiveWebhook } from "@/lib/http/cobo-webhook";
import { reconcile } from "@/lib/server/reconciliation/reconcile";
import { pullMissingEvents, SCAN_OVERLAP_MS } from "@/lib/server/reconciliation/scan-webhook-events";
import { sweepDeposits } from "@/lib/server/reconciliation/sweep-deposits";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { applyWebhookEvent } from "@/lib/server/webhooks/apply-webhook-event";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newAppUser } from "../helpers/app-users";
import { createDevice, readyAppUser, simulateDeposit, waitFor, type ReadyUser } from "../helpers/device";
import { sandboxRequest } from "../helpers/sandbox";

// The journeys that depend on what Cobo does not document, run under every answer the sandbox's
// profiles give (docs/cobo-assumptions.md): the signed webhook → inbox → apply journey under each
// timestamp unit and retry signing, the TSS key generation under both status orders, and
// reconciliation's missed-event scan under both list orders and scopes (plus the deposit sweep).

const WEBHOOK_PATH = "/api/webhooks/cobo";
/** Every delivery attempt the receiver saw: the event id and the Biz-Timestamp it carried. */
const attempts: { eventId: string; timestamp: string; status: number }[] = [];
/** Each event id is refused (503) this many times before it is accepted, so Cobo retries it. */
let refuseFirst = 0;

const app = setupAppHarness({
  routes: {
    [WEBHOOK_PATH]: async (req) => {
      const body = await req.clone().text();
      let eventId = "";
      try {
        eventId = (JSON.parse(body) as { event_id?: string }).event_id ?? "";
      } catch {
        // not JSON: the receiver refuses it
      }
      const before = attempts.filter((a) => a.eventId === eventId).length;
      let status: number;
      if (before < refuseFirst) status = 503;
      else status = (await receiveWebhook(req, async (id) => void (await applyWebhookEvent(id)))).status;
      attempts.push({ eventId, timestamp: req.headers.get("biz-timestamp") ?? "", status });
      return new Response(status === 503 ? "unavailable" : "ok", { status });
    },
    "/elsewhere": async () => new Response("unavailable", { status: 503 }),
    "/unreachable": async () => new Response("unavailable", { status: 503 }),
  },
  // Retries 400 ms, 800 ms, … apart: a retry is in another second than its first attempt.
  sandbox: { retryBaseMs: 400 },
});

async function setProfile(profile: Record<string, string>) {
  const res = await sandboxRequest(app.sandbox, "POST", "/_sandbox/profile", profile);
  expect(res.status).toBe(200);
}

async function depositAddress(user: ReadyUser, name: string): Promise<{ walletId: string; address: string }> {
  const wallet = await call(createWallet, { path: "/api/v1/wallets", token: user.token, body: { name } });
  const walletId = (wallet.body as { wallet_id: string }).wallet_id;
  const address = await call(createAddress, {
    path: `/api/v1/wallets/${walletId}/addresses`,
    params: { wallet_id: walletId },
    token: user.token,
    body: { chain_id: "SETH" },
  });
  return { walletId, address: (address.body as { address: string }).address };
}

async function listed(endpointId: string): Promise<WebhookEvent[]> {
  const events: WebhookEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await getCoboGateway().listWebhookEvents(endpointId, { limit: 50, ...(after ? { after } : {}) });
    events.push(...page.data);
    after = page.pagination?.after ?? undefined;
    if (!after || page.data.length === 0) return events;
  }
}

const txIdOf = (e: WebhookEvent) => (e.data as { transaction_id?: string }).transaction_id;

let shared: ReadyUser | undefined;
async function sharedUser(): Promise<ReadyUser> {
  shared ??= await readyAppUser(app.sandbox, "profiles");
  return shared;
}

describe("webhook → inbox → apply under every timestamp unit and retry signing", () => {
  const cases = [
    { timestamp_unit: "milliseconds", retry_signature: "fresh" },
    { timestamp_unit: "milliseconds", retry_signature: "first_attempt" },
    { timestamp_unit: "seconds", retry_signature: "fresh" },
    { timestamp_unit: "seconds", retry_signature: "first_attempt" },
  ] as const;
  for (const profile of cases) {
    it(
      `${profile.timestamp_unit}, retries ${profile.retry_signature}: a deposit's webhooks, refused twice each, are applied once`,
      {
        timeout: 180_000,
      },
      async () => {
        const user = await sharedUser();
        const { address } = await depositAddress(user, `p${profile.timestamp_unit[0]}${profile.retry_signature[0]}`);
        const rejectedBefore = await app.db.inboundRejectionCount.aggregate({ _sum: { count: true }, where: { channel: "webhook" } });
        await setProfile(profile);
        refuseFirst = 2;
        try {
          const deposit = await simulateDeposit(app.sandbox, address, "0.25", "SETH");
          const row = await waitFor(async () => {
            const t = await app.db.transaction.findUnique({
              where: { coboTransactionId: deposit.transaction_id },
              select: { id: true, status: true, type: true },
            });
            return t?.status === "Completed" ? t : undefined;
          }, "the deposit to be Completed through webhooks");
          expect(row.type).toBe("Deposit");
          // Every event of the deposit Cobo sent (each refused twice, then accepted) ends applied.
          const stored = await waitFor(async () => {
            const rows = await app.db.webhookEvent.findMany({
              where: { rawBody: { contains: deposit.transaction_id } },
              select: { eventId: true, source: true, signatureResult: true, status: true },
            });
            return rows.length >= 2 && rows.every((r) => r.status !== "received") ? rows : undefined;
          }, "the deposit's events to be applied");
          expect(stored.length).toBeGreaterThanOrEqual(2);
          expect(new Set(stored.map((s) => s.eventId)).size).toBe(stored.length);
          expect(stored.map((s) => `${s.source} ${s.signatureResult} ${s.status}`)).toEqual(stored.map(() => "push valid applied"));
          // Each was retried after two refusals, in the profile's unit and signing.
          for (const s of stored) {
            const seen = attempts.filter((a) => a.eventId === s.eventId);
            expect(seen.map((a) => a.status).slice(0, 3)).toEqual([503, 503, 200]);
            const digits = profile.timestamp_unit === "seconds" ? 10 : 13;
            expect(seen.every((a) => a.timestamp.length === digits)).toBe(true);
            if (profile.retry_signature === "first_attempt") expect(new Set(seen.map((a) => a.timestamp)).size).toBe(1);
            else expect(seen[2]!.timestamp).not.toBe(seen[0]!.timestamp);
          }
          const rejectedAfter = await app.db.inboundRejectionCount.aggregate({ _sum: { count: true }, where: { channel: "webhook" } });
          expect(rejectedAfter._sum.count ?? 0n).toBe(rejectedBefore._sum.count ?? 0n);
        } finally {
          refuseFirst = 0;
          await sandboxRequest(app.sandbox, "DELETE", "/_sandbox/profile");
        }
      },
    );
  }
});

describe("TSS key generation under both status orders", () => {
  for (const order of ["mpc_processing_first", "key_generating_first"] as const) {
    it(
      `${order}: the app sees the request to approve, the device approves, it ends Success and never moves back`,
      {
        timeout: 180_000,
      },
      async () => {
        await setProfile({ tss_status_order: order });
        try {
          const user = await newAppUser(`order${order.slice(0, 3)}`);
          const device = await createDevice(app.sandbox, `order${order.slice(0, 3)}`);
          expect(
            (await call(registerNode, { path: "/api/v1/tss-nodes", token: user.token, body: { tss_node_id: device.nodeId } })).status,
          ).toBe(201);
          expect((await call(createVaultRoute, { path: "/api/v1/vault", method: "POST", token: user.token })).status).toBe(201);
          const group = await call(createMainGroupRoute, {
            path: "/api/v1/vault/main-group",
            token: user.token,
            body: { tss_node_id: device.nodeId },
          });
          expect(group.status).toBe(201);
          const id = (group.body as { tss_request_id: string }).tss_request_id;
          await waitFor(async () => (await device.pendingTss()).some((r) => r.tss_request_id === id), "the device to see the request");
          // The app lists it as open (whatever Cobo calls the waiting status in this order).
          await syncTssRequest(id);
          const listedForApp = await call(listTssRequests, { path: "/api/v1/tss-requests", token: user.token });
          const mine = (listedForApp.body as { data: { tss_request_id: string; status: string }[] }).data.find(
            (r) => r.tss_request_id === id,
          );
          expect(mine?.status).toMatch(/^(PendingKeyHolderConfirmation|MPCProcessing|KeyGenerating)$/);
          const waiting = mine!.status;
          await device.approveTss([id]);
          // Polled (as reconciliation does) while the webhooks also arrive: every read is applied in order.
          await waitFor(async () => (await syncTssRequest(id)).status === "Success", "key generation to succeed");
          const row = await app.db.tssRequest.findUniqueOrThrow({
            where: { coboTssRequestId: id },
            select: { status: true, statusObservedAt: true, targetGroup: { select: { lifecycle: true, status: true } }, history: true },
          });
          expect(row).toMatchObject({ status: "Success", targetGroup: { lifecycle: "active", status: "Valid" } });
          expect(row.statusObservedAt).not.toBeNull();
          // The applied statuses follow the profile's order: never back, nothing frozen.
          const sequence =
            order === "mpc_processing_first"
              ? ["PendingKeyHolderConfirmation", "MPCProcessing", "KeyGenerating", "Success"]
              : ["PendingKeyHolderConfirmation", "KeyGenerating", "MPCProcessing", "Success"];
          const applied = row.history
            .sort((a, b) => (a.seq < b.seq ? -1 : 1))
            .filter((h) => h.applied)
            .map((h) => h.toStatus);
          const positions = applied.map((s) => sequence.indexOf(s));
          expect(positions.every((p) => p >= 0)).toBe(true);
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
          expect(sequence.indexOf(waiting)).toBeLessThan(3);
          // No report Cobo made later was refused as "older" (the old fixed rank froze MPCProcessing after KeyGenerating).
          expect(row.history.filter((h) => !h.applied && h.note === "older than the recorded status; not applied")).toEqual([]);
        } finally {
          await sandboxRequest(app.sandbox, "DELETE", "/_sandbox/profile");
        }
      },
    );
  }
});

describe("missed-event scan under both list orders and scopes, and the deposit sweep", () => {
  const cases = [
    { webhook_event_order: "newest_first", webhook_event_scope: "organization" },
    { webhook_event_order: "oldest_first", webhook_event_scope: "organization" },
    { webhook_event_order: "newest_first", webhook_event_scope: "endpoint" },
    { webhook_event_order: "oldest_first", webhook_event_scope: "endpoint" },
  ] as const;
  let ours: string | undefined;
  let other: string | undefined;
  async function endpoints() {
    if (ours && other) return { ours, other };
    const events = ["wallets.transaction.created", "wallets.transaction.updated", "wallets.transaction.succeeded"];
    ours = (await getCoboGateway().createWebhookEndpoint({ url: `${app.routes.origin}/unreachable`, subscribed_events: events }))
      .endpoint_id;
    other = (await getCoboGateway().createWebhookEndpoint({ url: `${app.routes.origin}/elsewhere`, subscribed_events: events }))
      .endpoint_id;
    // Reconciliation scans our endpoint, found by its URL.
    process.env.COBO_WEBHOOK_URL = `${app.routes.origin}/unreachable`;
    resetEnvCache();
    return { ours, other };
  }

  for (const profile of cases) {
    it(
      `${profile.webhook_event_order}, ${profile.webhook_event_scope}: a deposit whose deliveries all failed is pulled from our endpoint's events only`,
      {
        timeout: 180_000,
      },
      async () => {
        const user = await sharedUser();
        const { ours, other } = await endpoints();
        const { address } = await depositAddress(user, `s${profile.webhook_event_order[0]}${profile.webhook_event_scope[0]}`);
        // Many older events first, so the newest are not on the first page when the list is oldest first.
        await setProfile(profile);
        // Our receiver refuses everything: only the scan can bring the deposit in.
        refuseFirst = 1_000;
        try {
          // The last complete scan covered everything before this deposit: every event listed from
          // earlier cases is older than the scan's floor. Listed oldest first, those fill the first
          // pages; a scan that stopped at the first old event would never reach the deposit's.
          const before = Date.now() - 1;
          const value = { checkedThrough: before + SCAN_OVERLAP_MS };
          await app.db.systemSetting.upsert({
            where: { key: `reconcile.webhook_scan.${ours}` },
            update: { value },
            create: { key: `reconcile.webhook_scan.${ours}`, value },
          });
          const deposit = await simulateDeposit(app.sandbox, address, "0.125", "SETH");
          const mineListed = await waitFor(async () => {
            if ((await getCoboGateway().getTransaction(deposit.transaction_id)).status !== "Completed") return undefined;
            const all = (await listed(ours)).filter((e) => txIdOf(e) === deposit.transaction_id);
            const mine = all.filter((e) => e.url === `${app.routes.origin}/unreachable`);
            return mine.some((e) => e.type === "wallets.transaction.succeeded") ? mine : undefined;
          }, "the deposit's events to be listed");
          const otherIds = (await listed(other)).filter((e) => txIdOf(e) === deposit.transaction_id && e.url?.endsWith("/elsewhere"));
          expect(otherIds.length).toBeGreaterThan(0);
          // Small pages, so a scan spans several; enough runs to get through the list whatever its order.
          for (let run = 0; run < 20; run++) {
            const report = await pullMissingEvents(Date.now(), { pageSize: 3, maxPages: 4 });
            expect(report.endpoints).toBe(1);
            const have = await app.db.webhookEvent.count({ where: { eventId: { in: mineListed.map((e) => e.event_id) } } });
            if (have === mineListed.length) break;
          }
          expect(await app.db.webhookEvent.count({ where: { eventId: { in: mineListed.map((e) => e.event_id) } } })).toBe(
            mineListed.length,
          );
          // The other endpoint's copies are never pulled.
          expect(await app.db.webhookEvent.count({ where: { eventId: { in: otherIds.map((e) => e.event_id) } } })).toBe(0);
          expect(
            await app.db.transaction.findUnique({ where: { coboTransactionId: deposit.transaction_id }, select: { status: true } }),
          ).toEqual({ status: "Completed" });
          expect(await app.db.transaction.count({ where: { coboTransactionId: deposit.transaction_id } })).toBe(1);
        } finally {
          refuseFirst = 0;
          await sandboxRequest(app.sandbox, "DELETE", "/_sandbox/profile");
        }
      },
    );
  }

  it(
    "the deposit sweep finds a deposit no webhook and no scan brought, once, and a late webhook changes nothing",
    { timeout: 180_000 },
    async () => {
      const user = await sharedUser();
      const { address } = await depositAddress(user, "sweep");
      refuseFirst = 1_000;
      try {
        const deposit = await simulateDeposit(app.sandbox, address, "0.0625", "SETH");
        await waitFor(
          async () => (await getCoboGateway().getTransaction(deposit.transaction_id)).status === "Completed",
          "the deposit to complete at Cobo",
        );
        expect(await app.db.transaction.count({ where: { coboTransactionId: deposit.transaction_id } })).toBe(0);
        const first = await sweepDeposits();
        expect(first.complete).toBe(true);
        expect(first.adopted).toBeGreaterThanOrEqual(1);
        expect(
          await app.db.transaction.findUnique({
            where: { coboTransactionId: deposit.transaction_id },
            select: { status: true, type: true },
          }),
        ).toEqual({ status: "Completed", type: "Deposit" });
        expect(await app.db.reconciliationDrift.count({ where: { subjectType: "transaction", subjectId: deposit.transaction_id } })).toBe(
          1,
        );
        // Again (the overlap lists it again): nothing new.
        const second = await sweepDeposits();
        expect(second.adopted).toBe(0);
        // A webhook that finally arrives (here: the scan pulls the events) changes nothing either.
        await reconcile({ sweepDeposits: false });
        expect(await app.db.transaction.count({ where: { coboTransactionId: deposit.transaction_id } })).toBe(1);
        expect(await app.db.reconciliationDrift.count({ where: { subjectType: "transaction", subjectId: deposit.transaction_id } })).toBe(
          1,
        );
      } finally {
        refuseFirst = 0;
      }
    },
  );
});
