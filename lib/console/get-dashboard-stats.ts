import "server-only";
import { INBOUND_REJECTION_SAMPLES } from "@/lib/server/cobo-inbound/rejections";
import { db } from "@/lib/db/client";
import { TSS_REQUEST_TERMINAL_STATUSES } from "@/lib/console/known-values";
import { toTransactionRow, transactionRowSelect, type TransactionRow } from "@/lib/console/list-transactions";
import { toTssRequestRow, tssRequestRowSelect, type ConsoleTssRequestRow } from "@/lib/console/list-tss-requests";
import { isoString } from "@/lib/serialize";

const RECENT = 8;
const DAY_MS = 24 * 60 * 60 * 1000;

export type StatusCount = { status: string; count: number };

export type DashboardStats = {
  /** The instant "last 24 h" is measured from, so the page can say what window it shows. */
  generatedAt: string;
  since: string;
  users: number;
  vaults: number;
  vaultsWithActiveMainGroup: number;
  tssPendingByStatus: StatusCount[];
  tssPendingTotal: number;
  transactionsLast24hByStatus: StatusCount[];
  transactionsLast24hTotal: number;
  /** refusedLast24h: refused deliveries sampled in the last 24 h; `refusedAtLeast` when the samples' cap was reached (more were refused) */
  webhooks: { backlog: number; failed: number; refusedLast24h: number; refusedAtLeast: boolean };
  recentTssRequests: ConsoleTssRequestRow[];
  recentTransactions: TransactionRow[];
};

function toCounts(groups: { status: string; _count: { _all: number } }[]): StatusCount[] {
  return groups
    .map((g) => ({ status: g.status, count: g._count._all }))
    .sort((a, b) => b.count - a.count || a.status.localeCompare(b.status));
}

/** Headline numbers and the most recent activity for the dashboard. */
export async function getDashboardStats(): Promise<DashboardStats> {
  const now = new Date();
  const since = new Date(now.getTime() - DAY_MS);
  const [
    users,
    vaults,
    vaultsWithActiveMainGroup,
    tssPending,
    transactions24h,
    webhookBacklog,
    webhookFailed,
    invalidSignatures,
    recentTssRequests,
    recentTransactions,
  ] = await Promise.all([
    db.user.count(),
    db.vault.count(),
    db.vault.count({ where: { activeMainGroupId: { not: null } } }),
    db.tssRequest.groupBy({
      by: ["status"],
      // "Pending" means not terminal: Cobo may add statuses, and an unknown one still needs attention.
      where: { status: { notIn: [...TSS_REQUEST_TERMINAL_STATUSES] } },
      _count: { _all: true },
    }),
    db.transaction.groupBy({ by: ["status"], where: { createdAt: { gte: since } }, _count: { _all: true } }),
    db.webhookEvent.count({ where: { status: "received" } }),
    db.webhookEvent.count({ where: { status: "failed" } }),
    // Refused deliveries (bad signature, timestamp or body) are never stored as events: they are
    // sampled (the latest ones per channel), so this counts at most that many.
    db.inboundRejectionSample.count({ where: { channel: "webhook", receivedAt: { gte: since } } }),
    db.tssRequest.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: RECENT, select: tssRequestRowSelect }),
    db.transaction.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: RECENT, select: transactionRowSelect }),
  ]);

  const tssPendingByStatus = toCounts(tssPending);
  const transactionsLast24hByStatus = toCounts(transactions24h);
  return {
    generatedAt: isoString(now),
    since: isoString(since),
    users,
    vaults,
    vaultsWithActiveMainGroup,
    tssPendingByStatus,
    tssPendingTotal: tssPendingByStatus.reduce((sum, s) => sum + s.count, 0),
    transactionsLast24hByStatus,
    transactionsLast24hTotal: transactionsLast24hByStatus.reduce((sum, s) => sum + s.count, 0),
    webhooks: {
      backlog: webhookBacklog,
      failed: webhookFailed,
      refusedLast24h: invalidSignatures,
      refusedAtLeast: invalidSignatures >= INBOUND_REJECTION_SAMPLES,
    },
    recentTssRequests: recentTssRequests.map(toTssRequestRow),
    recentTransactions: recentTransactions.map(toTransactionRow),
  };
}
