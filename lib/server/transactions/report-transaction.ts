import "server-only";
import { db } from "@/lib/db/client";
import { requireOwnTransaction } from "@/lib/server/transactions/own-transaction";
import { timelineRecordSelect, type TimelineRecord } from "@/lib/server/transactions/transaction-record";

// The guide's "Client App sends a transaction status update": what the UCW SDK told the app. It is
// kept on the timeline for support (applied: false) and never changes the transaction: only Cobo's
// own reports (webhooks, polling) do, through applyTransactionUpdate.

export type TransactionReport = { status: "approved" | "rejected" | "failed" | "completed"; message?: string };

/** Records the app's report on the caller's transaction's timeline. */
export async function reportTransaction(userId: string, ref: string, report: TransactionReport): Promise<TimelineRecord> {
  const tx = await requireOwnTransaction(userId, ref);
  return db.transactionStatusChange.create({
    data: {
      transactionId: tx.id,
      fromStatus: tx.status,
      toStatus: report.status,
      subStatus: null,
      source: "app",
      applied: false,
      note: report.message ? `app: ${report.message}` : "reported by the app",
    },
    select: timelineRecordSelect,
  });
}
