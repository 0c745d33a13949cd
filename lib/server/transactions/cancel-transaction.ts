import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { coboErrorRecord, isCoboError } from "@/lib/cobo/errors";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { recordCancellation, recordCancellationRefused } from "@/lib/server/events/write-status-change";
import { recordedCanceller, type Canceller } from "@/lib/server/tss-requests/cancel-tss-request";
import { applyTransactionUpdate } from "@/lib/server/transactions/apply-transaction-update";
import { syncTransaction } from "@/lib/server/transactions/sync-transaction";
import { TRANSACTION_STATUS } from "@/lib/domain/status/transaction";

// Cancelling a pending withdrawal (Cobo's cancelTransactionById). Cobo stops a transaction only
// while nothing has been signed: in Submitted, PendingScreening, PendingAuthorization or
// PendingSignature. Anything else (a deposit; a withdrawal broadcasting, confirming or final; a
// transfer Cobo has not acknowledged yet, which the reconciler may still resubmit) is a 409. The
// app cancels its own transfers; admins anyone's, with a reason (audited). The cancellation goes on
// the row and the timeline; Cobo is re-read and its new status (Rejected, sub-status
// CanceledByAPI) applied like any other report.

/** The statuses the transaction status catalog marks cancellable. */
export const CANCELLABLE_TRANSACTION_STATUSES: readonly string[] = TRANSACTION_STATUS.entries
  .filter((e) => e.cancellable)
  .map((e) => e.value);

export type TransactionCancellation = { transactionId: string; coboTransactionId: string; previousStatus: string; status: string };

/** Which transaction: the user's (our id or Cobo's), or anyone's for the console (same ids). */
export type TransactionRef = { ref: string; userId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cancels a pending withdrawal at Cobo and records it; 404 when not found (or not the user's), 409 when Cobo does not allow it. */
export async function cancelTransaction({ ref, userId }: TransactionRef, canceller: Canceller): Promise<TransactionCancellation> {
  const who = recordedCanceller(canceller);
  const match: Prisma.TransactionWhereInput[] = UUID.test(ref) ? [{ id: ref }, { coboTransactionId: ref }] : [{ coboTransactionId: ref }];
  const row = await db.transaction.findFirst({
    where: { OR: match, ...(userId ? { wallet: { vault: { userId } } } : {}) },
    select: { id: true, type: true, status: true, coboTransactionId: true },
  });
  if (!row) throw new AppError("not_found", `Transaction ${ref} was not found.`);
  if (row.type !== "Withdrawal") throw new AppError("conflict", `A ${row.type} cannot be cancelled; only a pending withdrawal can.`);
  if (!row.coboTransactionId) {
    throw new AppError("conflict", "Cobo has not acknowledged this transfer yet, so it cannot be cancelled yet. Try again in a moment.", {
      retryAfterSeconds: 5,
    });
  }
  if (!CANCELLABLE_TRANSACTION_STATUSES.includes(row.status)) {
    throw new AppError(
      "conflict",
      `This transaction is ${row.status}: Cobo cancels a withdrawal only before it is signed (${CANCELLABLE_TRANSACTION_STATUSES.join(", ")}).`,
    );
  }
  const coboId = row.coboTransactionId;
  try {
    await getCoboGateway().cancelTransaction(coboId);
  } catch (error) {
    // Cobo said no (it moved on meanwhile): re-read so the answer states where it is.
    if (!isCoboError(error) || error.kind !== "rejected") throw error;
    const now = await syncTransaction(coboId).catch(() => null);
    const status = now?.status ?? row.status;
    await recordCancellationRefused("transaction", row.id, status, who, error.message, { cobo_error: coboErrorRecord(error) });
    throw new AppError("conflict", `Cobo did not cancel this transaction: it is ${status} and can no longer be cancelled.`);
  }

  await recordCancellation("transaction", row.id, row.status, who);
  logger.info({ event: "transaction.cancelled", coboTransactionId: coboId, by: who.by }, "transaction cancelled at Cobo");

  let status = row.status;
  try {
    const remote = await getCoboGateway().getTransaction(coboId);
    const applied = await applyTransactionUpdate({
      coboTransaction: remote,
      source: who.source === "admin" ? "admin" : "api",
      note: `Cobo's status after the cancellation by ${who.by}`,
    });
    status = applied.status ?? remote.status;
  } catch (error) {
    logger.warn({ err: error, coboTransactionId: coboId }, "re-reading a cancelled transaction failed");
  }
  return { transactionId: row.id, coboTransactionId: coboId, previousStatus: row.status, status };
}
