import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import type { WebhookEvent } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
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
//  4. pulls webhook events Cobo lists that the inbox lacks (continuing where the last scan stopped),
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

/** How far back the first scan of an endpoint looks, and how much each later scan re-reads before its last one. */
const FIRST_SCAN_MS = 24 * 60 * 60_000;
const SCAN_OVERLAP_MS = 10 * 60_000;

/**
 * Where the scan of one endpoint's events stands. Cobo lists events newest first, so a scan pages
 * back until it reaches events older than what the previous complete scan covered
 * (`checkedThrough`, less an overlap for events listed late). A scan cut short by the page limit
 * keeps its cursor (`resume`) and the next run continues from there instead of starting again
 * from the newest events, so older missing events are reached however many newer ones there are.
 */
type ScanState = { checkedThrough: number | null; resume?: { after: string; newest: number } };

const scanKey = (endpointId: string) => `reconcile.webhook_scan.${endpointId}`;

async function readScan(endpointId: string): Promise<ScanState> {
  const row = await db.systemSetting.findUnique({ where: { key: scanKey(endpointId) }, select: { value: true } });
  return row ? (row.value as ScanState) : { checkedThrough: null };
}

async function writeScan(endpointId: string, state: ScanState): Promise<void> {
  const value = JSON.parse(JSON.stringify(state)) as Prisma.InputJsonValue;
  await db.systemSetting.upsert({ where: { key: scanKey(endpointId) }, update: { value }, create: { key: scanKey(endpointId), value } });
}

/** Stores (source "pull") and applies events Cobo lists for our endpoints that the inbox lacks. */
export async function pullMissingEvents(now = Date.now(), opts: { pageSize?: number; maxPages?: number } = {}): Promise<number> {
  const cobo = getCoboGateway();
  const pageSize = opts.pageSize ?? 50;
  const maxPages = opts.maxPages ?? 20;
  let pulled = 0;
  const endpoints = await cobo.listWebhookEndpoints({ limit: 50 });
  for (const endpoint of endpoints.data) {
    const state = await readScan(endpoint.endpoint_id);
    const floor = (state.checkedThrough ?? now - FIRST_SCAN_MS) - SCAN_OVERLAP_MS;
    let after = state.resume?.after;
    let newest = state.resume?.newest ?? null;
    let complete = false;
    for (let page = 0; page < maxPages; page++) {
      const events = await cobo.listWebhookEvents(endpoint.endpoint_id, { limit: pageSize, ...(after ? { after } : {}) });
      const ids = events.data.map((e) => e.event_id);
      const known = new Set((await db.webhookEvent.findMany({ where: { eventId: { in: ids } }, select: { eventId: true } })).map((e) => e.eventId));
      let reachedFloor = false;
      for (const e of events.data) {
        const at = e.created_timestamp ?? now;
        newest = Math.max(newest ?? at, at);
        if (at < floor) {
          reachedFloor = true;
          continue;
        }
        if (known.has(e.event_id)) continue;
        pulled += await pullEvent(e);
      }
      after = events.pagination?.after ?? undefined;
      if (reachedFloor || !after || events.data.length < pageSize) {
        complete = true;
        break;
      }
    }
    // Complete: everything up to the newest event seen is checked. Cut short: continue next run.
    await writeScan(
      endpoint.endpoint_id,
      complete || !after ? { checkedThrough: newest ?? state.checkedThrough } : { checkedThrough: state.checkedThrough, resume: { after, newest: newest ?? now } },
    );
  }
  return pulled;
}

/** Stores one listed event in the inbox, records the drift and applies it; 0 if it arrived meanwhile. */
async function pullEvent(e: WebhookEvent): Promise<number> {
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
    await recordDrift({ subjectType: "webhook_event", subjectId: e.event_id, ourValue: null, coboValue: e.status ?? null, detail: `event ${e.type} never reached the webhook endpoint; pulled from Cobo`, healed: true });
    await applyWebhookEvent(row.id).catch(() => undefined); // a failure stays in the inbox for the next run
    return 1;
  } catch (error) {
    if (isUniqueViolation(error)) return 0; // pushed meanwhile: fine
    throw error;
  }
}
