import "server-only";
import { db } from "@/lib/db/client";
import { requireOwnTransaction } from "@/lib/server/transactions/own-transaction";
import {
  timelineEntryView,
  timelineViewSelect,
  transactionView,
  transactionViewSelect,
  type TimelineEntryView,
  type TransactionView,
} from "@/lib/server/transactions/transaction-view";

export type TransactionDetailView = TransactionView & { timeline: TimelineEntryView[] };

/** One of the caller's transactions (by our id or Cobo's) with its whole timeline, oldest first. */
export async function getTransaction(userId: string, ref: string): Promise<TransactionDetailView> {
  const { id } = await requireOwnTransaction(userId, ref);
  const row = await db.transaction.findUniqueOrThrow({
    where: { id },
    select: { ...transactionViewSelect, history: { orderBy: [{ occurredAt: "asc" }, { seq: "asc" }], select: timelineViewSelect } },
  });
  const { history, ...rest } = row;
  return { ...transactionView(rest), timeline: history.map(timelineEntryView) };
}
