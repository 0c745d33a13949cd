import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { isCoboNotFound } from "@/lib/cobo/errors";
import { db } from "@/lib/db/client";
import { applyTransactionUpdate, type TransactionUpdateResult } from "@/lib/server/transactions/apply-transaction-update";

// Polling: Cobo is the source of truth, so a transaction is re-read from Cobo and applied like
// any other report (source "poll"). Reconciliation calls this for transactions that are not final
// and for webhooks that never came; the journey tests use it instead of waiting for a webhook.

export type SyncResult = TransactionUpdateResult & { /** Cobo does not know the transaction (yet) */ missingAtCobo: boolean };

/** Re-reads one transaction from Cobo by its Cobo id and applies it. */
export async function syncTransaction(coboTransactionId: string): Promise<SyncResult> {
  let detail;
  try {
    detail = await getCoboGateway().getTransaction(coboTransactionId);
  } catch (error) {
    if (!isCoboNotFound(error)) throw error;
    return { found: false, created: false, applied: false, transactionId: null, status: null, missingAtCobo: true };
  }
  return { ...(await applyTransactionUpdate({ coboTransaction: detail, source: "poll" })), missingAtCobo: false };
}

/**
 * Re-reads one of our rows: by Cobo's id once we have it, otherwise (a transfer still "Created",
 * whose answer from Cobo was lost) by our request_id, which tells whether Cobo has it at all.
 */
export async function syncTransactionRow(transactionRowId: string): Promise<SyncResult> {
  const row = await db.transaction.findUniqueOrThrow({
    where: { id: transactionRowId },
    select: { coboTransactionId: true, requestId: true },
  });
  if (row.coboTransactionId) return syncTransaction(row.coboTransactionId);
  const found = await getCoboGateway().getTransactionByRequestId(row.requestId);
  if (!found) return { found: true, created: false, applied: false, transactionId: transactionRowId, status: null, missingAtCobo: true };
  return { ...(await applyTransactionUpdate({ coboTransaction: found, source: "poll" })), missingAtCobo: false };
}
