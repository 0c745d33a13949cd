import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { logger } from "@/lib/log/logger";
import { deleteExpiredRateLimits } from "@/lib/server/rate-limit/rate-limit";
import { recordDrift } from "@/lib/server/reconciliation/record-drift";
import { submitTransfer } from "@/lib/server/transactions/create-transfer";
import { syncTransactionRow } from "@/lib/server/transactions/sync-transaction";
import { TX_FINAL_STATUSES } from "@/lib/server/transactions/transaction-status";
import { TSS_FINAL_STATUSES } from "@/lib/server/tss-requests/tss-status";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { applyWebhookEvent } from "@/lib/server/webhooks/apply-webhook-event";

// The guide's polling option, and the safety net under webhooks: Cobo's webhooks can be late,
// duplicated, reordered or lost (10 attempts, then Failed). Each run
//  1. applies inbox events that were stored but never applied (a crash between store and apply),
//  2. re-reads open TSS requests and transactions from Cobo, each on its own backoff schedule,
//  3. resubmits transfers whose first call to Cobo never got an answer (same request_id: safe),
//  4. pulls webhook events Cobo lists that the inbox lacks,
// and records every difference it heals as drift, for the console.

export type ReconcileReport = { inbox: number; tssRequests: number; transactions: number; resubmitted: number; pulledEvents: number; drifts: number; errors: number };

const MAX_PER_RUN = 200;

/** How long to wait between checks of an open object: a tenth of its age, between 5 s and 10 min. */
export function pollInterval(ageMs: number): number {
  return Math.min(10 * 60_000, Math.max(5_000, Math.floor(ageMs / 10)));
}

function due(createdAt: Date, lastSyncedAt: Date | null, now: number): boolean {
  if (!lastSyncedAt) return true;
  return now - lastSyncedAt.getTime() >= pollInterval(now - createdAt.getTime());
}

/** One reconciliation pass. */
export async function reconcile(opts: { now?: number; pullEvents?: boolean } = {}): Promise<ReconcileReport> {
  const now = opts.now ?? Date.now();
  const report: ReconcileReport = { inbox: 0, tssRequests: 0, transactions: 0, resubmitted: 0, pulledEvents: 0, drifts: 0, errors: 0 };
  const attempt = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      report.errors++;
      logger.warn({ err: error, what }, "reconciliation step failed; it is retried on the next run");
    }
  };

  // 1. inbox events never applied (received: the job never ran; failed: retry with backoff)
  const stuck = await db.webhookEvent.findMany({
    where: { status: { in: ["received", "failed"] }, attempts: { lt: 10 }, receivedAt: { lt: new Date(now - 5_000) } },
    orderBy: { receivedAt: "asc" },
    take: MAX_PER_RUN,
    select: { id: true, status: true, attempts: true, receivedAt: true },
  });
  for (const e of stuck) {
    if (e.status === "failed" && now - e.receivedAt.getTime() < 2 ** e.attempts * 5_000) continue;
    await attempt(`webhook ${e.id}`, async () => {
      await applyWebhookEvent(e.id);
      report.inbox++;
    });
  }

  // 2a. open TSS requests
  const openTss = await db.tssRequest.findMany({
    where: { status: { notIn: [...TSS_FINAL_STATUSES] } },
    orderBy: { lastSyncedAt: { sort: "asc", nulls: "first" } },
    take: MAX_PER_RUN,
    select: { coboTssRequestId: true, status: true, createdAt: true, lastSyncedAt: true },
  });
  for (const t of openTss) {
    if (!due(t.createdAt, t.lastSyncedAt, now)) continue;
    await attempt(`tss ${t.coboTssRequestId}`, async () => {
      const result = await syncTssRequest(t.coboTssRequestId, "poll");
      report.tssRequests++;
      if (result.applied) {
        report.drifts++;
        await recordDrift({ subjectType: "tss_request", subjectId: t.coboTssRequestId, ourValue: t.status, coboValue: result.status, detail: "status caught up by polling (no webhook had brought it)", healed: true });
      }
    });
  }

  // 2b/3. open transactions; "Created" ones never got Cobo's answer
  const openTx = await db.transaction.findMany({
    where: { status: { notIn: [...TX_FINAL_STATUSES] } },
    orderBy: { lastSyncedAt: { sort: "asc", nulls: "first" } },
    take: MAX_PER_RUN,
    select: { id: true, requestId: true, coboTransactionId: true, status: true, createdAt: true, lastSyncedAt: true },
  });
  for (const t of openTx) {
    if (!t.coboTransactionId) {
      if (now - t.createdAt.getTime() < 30_000) continue; // the request that made it may still be at work
      await attempt(`resubmit ${t.requestId}`, async () => {
        await submitTransfer(t.id);
        report.resubmitted++;
        await recordDrift({ subjectType: "transaction", subjectId: t.requestId, ourValue: "Created", coboValue: null, detail: "transfer had no answer from Cobo; submitted again with the same request_id", healed: true });
        report.drifts++;
      });
      continue;
    }
    if (!due(t.createdAt, t.lastSyncedAt, now)) continue;
    await attempt(`tx ${t.coboTransactionId}`, async () => {
      const result = await syncTransactionRow(t.id);
      report.transactions++;
      if (result.missingAtCobo) {
        report.drifts += await recordOpenDriftOnce({ subjectType: "transaction", subjectId: t.coboTransactionId!, ourValue: t.status, coboValue: null, detail: "Cobo does not know this transaction; investigate" });
        return;
      }
      // Cobo answered: whatever was open for this transaction is settled now.
      await db.reconciliationDrift.updateMany({ where: { subjectType: "transaction", subjectId: t.coboTransactionId!, resolvedAt: null }, data: { resolvedAt: new Date() } });
      if (result.applied) {
        report.drifts++;
        await recordDrift({ subjectType: "transaction", subjectId: t.coboTransactionId!, ourValue: t.status, coboValue: result.status, detail: "status caught up by polling (no webhook had brought it)", healed: true });
      }
    });
  }

  await attempt("expired rate-limit counters", async () => {
    await deleteExpiredRateLimits();
  });

  // 4. events Cobo sent (or gave up on) that never reached the inbox
  if (opts.pullEvents ?? true) await attempt("pull webhook events", async () => {
    report.pulledEvents = await pullMissingEvents(now);
    report.drifts += report.pulledEvents;
  });
  return report;
}

/** Records an unhealed difference unless one is already open for the subject; returns 1 if recorded. */
async function recordOpenDriftOnce(d: { subjectType: "transaction" | "tss_request"; subjectId: string; ourValue: string | null; coboValue: string | null; detail: string }): Promise<number> {
  const open = await db.reconciliationDrift.findFirst({ where: { subjectType: d.subjectType, subjectId: d.subjectId, resolvedAt: null }, select: { id: true } });
  if (open) return 0;
  await recordDrift({ ...d, healed: false });
  return 1;
}

/** Stores (source "pull") and applies recent events Cobo lists for our endpoints that the inbox lacks. */
export async function pullMissingEvents(now = Date.now()): Promise<number> {
  const cobo = getCoboGateway();
  const since = now - 24 * 60 * 60_000;
  let pulled = 0;
  const endpoints = await cobo.listWebhookEndpoints({ limit: 50 });
  for (const endpoint of endpoints.data) {
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const events = await cobo.listWebhookEvents(endpoint.endpoint_id, { limit: 50, ...(after ? { after } : {}) });
      const ids = events.data.map((e) => e.event_id);
      const known = new Set((await db.webhookEvent.findMany({ where: { eventId: { in: ids } }, select: { eventId: true } })).map((e) => e.eventId));
      let old = false;
      for (const e of events.data) {
        if (e.created_timestamp && e.created_timestamp < since) old = true;
        if (known.has(e.event_id) || (e.created_timestamp && e.created_timestamp < since)) continue;
        try {
          const row = await db.webhookEvent.create({
            data: {
              eventId: e.event_id,
              type: e.type,
              rawBody: JSON.stringify(e),
              signatureResult: "api",
              source: "pull",
              coboCreatedAt: e.created_timestamp ? new Date(e.created_timestamp) : null,
            },
            select: { id: true },
          });
          pulled++;
          await recordDrift({ subjectType: "webhook_event", subjectId: e.event_id, ourValue: null, coboValue: e.status ?? null, detail: `event ${e.type} never reached the webhook endpoint; pulled from Cobo`, healed: true });
          await applyWebhookEvent(row.id).catch(() => undefined); // a failure stays in the inbox for the next run
        } catch (error) {
          if (!isUniqueViolation(error)) throw error; // pushed meanwhile: fine
        }
      }
      after = events.pagination?.after ?? undefined;
      if (old || !after || events.data.length === 0) break;
    }
  }
  return pulled;
}
