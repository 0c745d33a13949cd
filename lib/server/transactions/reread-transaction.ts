import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { syncTransactionRow } from "@/lib/server/transactions/sync-transaction";
import type { RereadResult } from "@/lib/server/tss-requests/reread-tss-request";

// "Re-read from Cobo" for a transaction (see reread-tss-request.ts): by Cobo's id, or else by our
// request id when Cobo has not answered with one yet.

/** Re-reads one transaction (our row id) from Cobo and applies what Cobo says. */
export async function rereadTransaction(id: string): Promise<RereadResult> {
  const row = await db.transaction.findUnique({ where: { id }, select: { status: true } });
  if (!row) throw new AppError("not_found", "This transaction does not exist.");
  const result = await syncTransactionRow(id);
  const after = await db.transaction.findUniqueOrThrow({ where: { id }, select: { coboTransactionId: true, status: true } });
  return {
    coboId: after.coboTransactionId,
    previousStatus: row.status,
    status: result.status ?? after.status,
    applied: result.applied,
    missingAtCobo: result.missingAtCobo,
  };
}
