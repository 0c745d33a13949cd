import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";

// "Re-read from Cobo": when a user says the app shows something else than the console, an admin
// asks Cobo for the truth instead of waiting for the next webhook or polling round. The answer is
// applied like any other report (forward moves only), so a re-read can never move a record back.

export type RereadResult = {
  /** Cobo's id of the record (TSS request id, or transaction id once Cobo has one). */
  coboId: string | null;
  previousStatus: string;
  status: string | null;
  /** true when Cobo's answer moved our record */
  applied: boolean;
  /** transactions only: Cobo does not know this transaction (yet) */
  missingAtCobo?: boolean;
};

/** Re-reads one TSS request (our row id) from Cobo and applies what Cobo says. */
export async function rereadTssRequest(id: string): Promise<RereadResult> {
  const row = await db.tssRequest.findUnique({ where: { id }, select: { coboTssRequestId: true, status: true } });
  if (!row) throw new AppError("not_found", "This TSS request does not exist.");
  const result = await syncTssRequest(row.coboTssRequestId, "admin");
  if (!result.found) throw new AppError("conflict", "This TSS request's vault is not known at Cobo yet.");
  return { coboId: row.coboTssRequestId, previousStatus: row.status, status: result.status, applied: result.applied };
}
