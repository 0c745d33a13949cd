import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import { syncTransactionRow } from "@/lib/server/transactions/sync-transaction";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";

// "Re-read from Cobo": when a user says the app shows something else than the console, an admin
// asks Cobo for the truth instead of waiting for the next webhook or polling round. The answer is
// applied like any other report (forward moves only), so a re-read can never move a record back.

export const rereadInput = z.object({ id: z.guid("Unknown record.") });

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

/** Admins re-read one TSS request (our row id) from Cobo. */
export const rereadTssRequestSpec: ActionSpec<z.output<typeof rereadInput>, RereadResult> = {
  name: "tss_request.reread",
  role: "admin",
  input: rereadInput,
  target: (input) => ({ type: "tss_request", id: input.id }),
  run: async (input) => {
    const row = await db.tssRequest.findUnique({ where: { id: input.id }, select: { coboTssRequestId: true, status: true } });
    if (!row) throw new AppError("not_found", "This TSS request does not exist.");
    const result = await syncTssRequest(row.coboTssRequestId, "admin");
    if (!result.found) throw new AppError("conflict", "This TSS request's vault is not known at Cobo yet.");
    return { coboId: row.coboTssRequestId, previousStatus: row.status, status: result.status, applied: result.applied };
  },
};

/** Admins re-read one transaction (our row id) from Cobo, by Cobo's id or else by our request id. */
export const rereadTransactionSpec: ActionSpec<z.output<typeof rereadInput>, RereadResult> = {
  name: "transaction.reread",
  role: "admin",
  input: rereadInput,
  target: (input) => ({ type: "transaction", id: input.id }),
  run: async (input) => {
    const row = await db.transaction.findUnique({ where: { id: input.id }, select: { status: true } });
    if (!row) throw new AppError("not_found", "This transaction does not exist.");
    const result = await syncTransactionRow(input.id);
    const after = await db.transaction.findUniqueOrThrow({ where: { id: input.id }, select: { coboTransactionId: true, status: true } });
    return {
      coboId: after.coboTransactionId,
      previousStatus: row.status,
      status: result.status ?? after.status,
      applied: result.applied,
      missingAtCobo: result.missingAtCobo,
    };
  },
};
