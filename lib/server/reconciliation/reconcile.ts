import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { deleteExpiredRateLimits } from "@/lib/server/rate-limit/rate-limit";
import { recordDrift } from "@/lib/server/reconciliation/record-drift";
import { submitTransfer } from "@/lib/server/transactions/create-transfer";
import { syncTransactionRow } from "@/lib/server/transactions/sync-transaction";
import { TX_FINAL_STATUSES } from "@/lib/server/transactions/transaction-status";
import { TSS_FINAL_STATUSES } from "@/lib/server/tss-requests/tss-status";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { applyDueInboxEvents } from "@/lib/server/cobo-inbound/inbox";
import { pullMissingEvents } from "@/lib/server/reconciliation/scan-webhook-events";
import { sweepDeposits } from "@/lib/server/reconciliation/sweep-deposits";
import { currentCallbackLink } from "@/lib/server/risk/callback-link";
import { listFailedCallbackMessages } from "@/lib/server/risk/callback-messages";

// The guide's polling option, and the safety net under webhooks: Cobo's webhooks can be late,
// duplicated, reordered or lost (10 attempts, then Failed). Each run
//  1. applies inbox events that were stored but never applied (a crash between store and apply),
//  2. re-reads open TSS requests and transactions from Cobo, each on its own backoff schedule,
//  3. resubmits transfers whose first call to Cobo never got an answer (same request_id: safe),
//  4. pulls webhook events Cobo lists for our endpoint that the inbox lacks (scan-webhook-events.ts),
//  5. sweeps Cobo's deposits since a watermark, so one no webhook announced is found (sweep-deposits.ts),
//  6. reports risk-control callback messages Cobo marked Failed (the withdrawal waits for an admin
//     to retry them) and re-checks, when due, that our API key's callback points at us,
// and records every difference it heals as drift, for the console.

export type ReconcileReport = {
  inbox: number;
  tssRequests: number;
  transactions: number;
  resubmitted: number;
  pulledEvents: number;
  failedCallbacks: number;
  sweptDeposits: number;
  drifts: number;
  errors: number;
};

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
export async function reconcile(
  opts: { now?: number; pullEvents?: boolean; sweepDeposits?: boolean; callbacks?: boolean } = {},
): Promise<ReconcileReport> {
  const now = opts.now ?? Date.now();
  const report: ReconcileReport = {
    inbox: 0,
    tssRequests: 0,
    transactions: 0,
    resubmitted: 0,
    pulledEvents: 0,
    failedCallbacks: 0,
    sweptDeposits: 0,
    drifts: 0,
    errors: 0,
  };
  const attempt = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      report.errors++;
      logger.warn({ err: error, what }, "reconciliation step failed; it is retried on the next run");
    }
  };

  // 1. inbox events never applied (the process died before its worker did, or a retry is due):
  // claimed and retried under the inbox's one policy, exactly as the inbox worker would
  await attempt("webhook inbox", async () => {
    const inbox = await applyDueInboxEvents(MAX_PER_RUN);
    report.inbox += inbox.applied;
    report.errors += inbox.failed;
  });

  // 2a. open TSS requests
  const openTss = await openTssRequests();
  for (const t of openTss) {
    if (!due(t.createdAt, t.lastSyncedAt, now)) continue;
    await attempt(`tss ${t.coboTssRequestId}`, async () => {
      const result = await syncTssRequest(t.coboTssRequestId, "poll");
      report.tssRequests++;
      if (result.applied) {
        report.drifts++;
        await recordDrift({
          subjectType: "tss_request",
          subjectId: t.coboTssRequestId,
          ourValue: t.status,
          coboValue: result.status,
          detail: "status caught up by polling (no webhook had brought it)",
          healed: true,
        });
      }
    });
  }

  // 2b/3. open transactions; "Created" ones never got Cobo's answer
  const openTx = await openTransactions();
  for (const t of openTx) {
    if (!t.coboTransactionId) {
      if (now - t.createdAt.getTime() < 30_000) continue; // the request that made it may still be at work
      await attempt(`resubmit ${t.requestId}`, async () => {
        await submitTransfer(t.id);
        report.resubmitted++;
        await recordDrift({
          subjectType: "transaction",
          subjectId: t.requestId,
          ourValue: "Created",
          coboValue: null,
          detail: "transfer had no answer from Cobo; submitted again with the same request_id",
          healed: true,
        });
        report.drifts++;
      });
      continue;
    }
    if (!due(t.createdAt, t.lastSyncedAt, now)) continue;
    await attempt(`tx ${t.coboTransactionId}`, async () => {
      const result = await syncTransactionRow(t.id);
      report.transactions++;
      if (result.missingAtCobo) {
        report.drifts += await recordOpenDriftOnce({
          subjectType: "transaction",
          subjectId: t.coboTransactionId!,
          ourValue: t.status,
          coboValue: null,
          detail: "Cobo does not know this transaction; investigate",
        });
        return;
      }
      // Cobo answered: whatever was open for this transaction is settled now.
      await db.reconciliationDrift.updateMany({
        where: { subjectType: "transaction", subjectId: t.coboTransactionId!, resolvedAt: null },
        data: { resolvedAt: new Date() },
      });
      if (result.applied) {
        report.drifts++;
        await recordDrift({
          subjectType: "transaction",
          subjectId: t.coboTransactionId!,
          ourValue: t.status,
          coboValue: result.status,
          detail: "status caught up by polling (no webhook had brought it)",
          healed: true,
        });
      }
    });
  }

  await attempt("expired rate-limit counters", async () => {
    await deleteExpiredRateLimits();
  });

  // 4. events Cobo sent (or gave up on) that never reached the inbox
  if (opts.pullEvents ?? true)
    await attempt("pull webhook events", async () => {
      report.pulledEvents = (await pullMissingEvents(now)).pulled;
      report.drifts += report.pulledEvents;
    });
  // 5. deposits no webhook (and no listed event) brought
  if (opts.sweepDeposits ?? opts.pullEvents ?? true)
    await attempt("deposit sweep", async () => {
      report.sweptDeposits = (await sweepDeposits(now)).adopted;
      report.drifts += report.sweptDeposits;
    });

  // 6. callback messages Cobo gave up on, and whether the callback is still linked to us
  if (opts.callbacks ?? true) {
    await attempt("failed callback messages", async () => {
      const found = await reportFailedCallbackMessages();
      report.failedCallbacks = found.failed;
      report.drifts += found.recorded;
    });
    await attempt("callback link", async () => {
      await currentCallbackLink(now);
    });
  }
  return report;
}

/**
 * Records each callback message Cobo lists as Failed as an open drift (once per message), and
 * settles the open ones Cobo no longer lists as Failed (retried and answered).
 */
export async function reportFailedCallbackMessages(): Promise<{ failed: number; recorded: number }> {
  const failed = await listFailedCallbackMessages();
  let recorded = 0;
  for (const m of failed) {
    recorded += await recordOpenDriftOnce({
      subjectType: "callback_message",
      subjectId: m.id,
      ourValue: null,
      coboValue: "Failed",
      detail:
        `Cobo gave up delivering the risk-control callback for request_id ${m.requestId ?? "?"} (transaction ${m.coboTransactionId ?? "?"}); ` +
        "the withdrawal waits in PendingAuthorization until an admin retries it from the Risk page",
    });
  }
  await db.reconciliationDrift.updateMany({
    where: { subjectType: "callback_message", resolvedAt: null, subjectId: { notIn: failed.map((m) => m.id) } },
    data: { resolvedAt: new Date() },
  });
  return { failed: failed.length, recorded };
}

// Open objects, least recently synced first. Only rows that are not final are read, through the
// partial indexes transactions_open_last_synced_idx / tss_requests_open_last_synced_idx, whose
// predicates are these literal lists: a pass costs the same with a million settled transactions
// as with none. (The final statuses are code constants, never user input.)
const notIn = (column: string, values: readonly string[]) =>
  Prisma.raw(`${column} NOT IN (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`);

/** The SQL of the open-transactions read (exported for the EXPLAIN test). */
export const openTransactionsSql = Prisma.sql`
  SELECT id::text AS id, request_id, cobo_transaction_id, status,
         (extract(epoch FROM created_at) * 1000)::float8 AS created_ms,
         (extract(epoch FROM last_synced_at) * 1000)::float8 AS synced_ms
  FROM transactions
  WHERE ${notIn("status", TX_FINAL_STATUSES)}
  ORDER BY last_synced_at ASC NULLS FIRST
  LIMIT ${MAX_PER_RUN}`;

/** The SQL of the open-TSS-requests read (exported for the EXPLAIN test). */
export const openTssRequestsSql = Prisma.sql`
  SELECT cobo_tss_request_id, status,
         (extract(epoch FROM created_at) * 1000)::float8 AS created_ms,
         (extract(epoch FROM last_synced_at) * 1000)::float8 AS synced_ms
  FROM tss_requests
  WHERE ${notIn("status", TSS_FINAL_STATUSES)}
  ORDER BY last_synced_at ASC NULLS FIRST
  LIMIT ${MAX_PER_RUN}`;

type OpenTx = {
  id: string;
  requestId: string;
  coboTransactionId: string | null;
  status: string;
  createdAt: Date;
  lastSyncedAt: Date | null;
};

async function openTransactions(): Promise<OpenTx[]> {
  const rows =
    await db.$queryRaw<
      { id: string; request_id: string; cobo_transaction_id: string | null; status: string; created_ms: number; synced_ms: number | null }[]
    >(openTransactionsSql);
  return rows.map((r) => ({
    id: r.id,
    requestId: r.request_id,
    coboTransactionId: r.cobo_transaction_id,
    status: r.status,
    createdAt: new Date(r.created_ms),
    lastSyncedAt: r.synced_ms === null ? null : new Date(r.synced_ms),
  }));
}

async function openTssRequests(): Promise<{ coboTssRequestId: string; status: string; createdAt: Date; lastSyncedAt: Date | null }[]> {
  const rows =
    await db.$queryRaw<{ cobo_tss_request_id: string; status: string; created_ms: number; synced_ms: number | null }[]>(openTssRequestsSql);
  return rows.map((r) => ({
    coboTssRequestId: r.cobo_tss_request_id,
    status: r.status,
    createdAt: new Date(r.created_ms),
    lastSyncedAt: r.synced_ms === null ? null : new Date(r.synced_ms),
  }));
}

/** Records an unhealed difference unless one is already open for the subject; returns 1 if recorded. */
async function recordOpenDriftOnce(d: {
  subjectType: "transaction" | "tss_request" | "callback_message";
  subjectId: string;
  ourValue: string | null;
  coboValue: string | null;
  detail: string;
}): Promise<number> {
  const open = await db.reconciliationDrift.findFirst({
    where: { subjectType: d.subjectType, subjectId: d.subjectId, resolvedAt: null },
    select: { id: true },
  });
  if (open) return 0;
  await recordDrift({ ...d, healed: false });
  return 1;
}
