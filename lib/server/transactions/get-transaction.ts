import "server-only";
import { db } from "@/lib/db/client";
import { requireOwnTransaction } from "@/lib/server/transactions/own-transaction";
import { timelineRecordSelect, transactionRecordSelect, type TransactionWithTimeline } from "@/lib/server/transactions/transaction-record";

/** One of the caller's transactions (by our id or Cobo's) with its whole timeline, oldest first. */
export async function getTransaction(userId: string, ref: string): Promise<TransactionWithTimeline> {
  const { id } = await requireOwnTransaction(userId, ref);
  return db.transaction.findUniqueOrThrow({
    where: { id },
    select: { ...transactionRecordSelect, history: { orderBy: [{ occurredAt: "asc" }, { seq: "asc" }], select: timelineRecordSelect } },
  });
}
