import "server-only";
import { db } from "@/lib/db/client";
import { driftSelect, toDriftRows, type DriftRow } from "@/lib/console/list-drifts";
import { isoString, isoStringOrNull } from "@/lib/serialize";
import { TX_FINAL_STATUSES } from "@/lib/server/transactions/transaction-status";
import { TSS_FINAL_STATUSES } from "@/lib/server/tss-requests/tss-status";

// What reconciliation watches, in one read: records still open at Cobo, the webhook inbox and the
// outbound push queue, and drift nobody has healed yet. "Open" uses the same final-status lists
// as reconcile() itself, so the page counts exactly what the next run will look at.

/** Unresolved drift shown in full; more than this is a sign of a bigger problem, and is counted. */
export const UNRESOLVED_LIMIT = 50;

export type ReconciliationOverview = {
  generatedAt: string;
  tssRequests: { open: number; oldestOpenAt: string | null };
  transactions: { open: number; unanswered: number; oldestOpenAt: string | null };
  webhooks: { received: number; failed: number; oldestReceivedAt: string | null };
  outbound: { pending: number; failed: number; oldestPendingAt: string | null };
  drift: { unresolvedTotal: number; last24h: number; unresolved: DriftRow[] };
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Counts and unresolved drift for the reconciliation page. */
export async function getReconciliationOverview(): Promise<ReconciliationOverview> {
  const now = new Date();
  const openTss = { status: { notIn: [...TSS_FINAL_STATUSES] } };
  const openTx = { status: { notIn: [...TX_FINAL_STATUSES] } };
  const [
    tssOpen,
    tssOldest,
    txOpen,
    txUnanswered,
    txOldest,
    webhooksReceived,
    webhooksFailed,
    webhookOldest,
    outboundPending,
    outboundFailed,
    outboundOldest,
    unresolvedTotal,
    last24h,
    unresolved,
  ] = await Promise.all([
    db.tssRequest.count({ where: openTss }),
    db.tssRequest.findFirst({ where: openTss, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.transaction.count({ where: openTx }),
    db.transaction.count({ where: { ...openTx, coboTransactionId: null } }),
    db.transaction.findFirst({ where: openTx, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.webhookEvent.count({ where: { status: "received" } }),
    db.webhookEvent.count({ where: { status: "failed" } }),
    db.webhookEvent.findFirst({ where: { status: "received" }, orderBy: { receivedAt: "asc" }, select: { receivedAt: true } }),
    db.outboundDelivery.count({ where: { status: "pending" } }),
    db.outboundDelivery.count({ where: { status: "failed" } }),
    db.outboundDelivery.findFirst({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.reconciliationDrift.count({ where: { resolvedAt: null } }),
    db.reconciliationDrift.count({ where: { detectedAt: { gte: new Date(now.getTime() - DAY_MS) } } }),
    db.reconciliationDrift.findMany({
      where: { resolvedAt: null },
      orderBy: [{ detectedAt: "desc" }, { id: "asc" }],
      take: UNRESOLVED_LIMIT,
      select: driftSelect,
    }),
  ]);
  return {
    generatedAt: isoString(now),
    tssRequests: { open: tssOpen, oldestOpenAt: isoStringOrNull(tssOldest?.createdAt ?? null) },
    transactions: { open: txOpen, unanswered: txUnanswered, oldestOpenAt: isoStringOrNull(txOldest?.createdAt ?? null) },
    webhooks: { received: webhooksReceived, failed: webhooksFailed, oldestReceivedAt: isoStringOrNull(webhookOldest?.receivedAt ?? null) },
    outbound: { pending: outboundPending, failed: outboundFailed, oldestPendingAt: isoStringOrNull(outboundOldest?.createdAt ?? null) },
    drift: { unresolvedTotal, last24h, unresolved: await toDriftRows(unresolved) },
  };
}
