import "server-only";
import { z } from "zod";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import { cancelTransaction, type TransactionCancellation } from "@/lib/server/transactions/cancel-transaction";
import { cancelTssRequest, type TssCancellation } from "@/lib/server/tss-requests/cancel-tss-request";

// Admins cancel an app user's pending TSS request (a key generation for the wrong device, an app
// reinstalled before approving: the user is otherwise stuck in onboarding) or pending transfer, at
// Cobo, with a reason that goes on the record, its timeline and the audit log.

export const cancelInput = z.object({
  id: z.guid("Unknown record."),
  reason: z.string("Give a reason.").trim().min(3, "Give a reason (at least 3 characters).").max(500, "A reason has at most 500 characters."),
});

type Input = z.output<typeof cancelInput>;

/** Admins cancel a TSS request (our row id) that has not ended. */
export const cancelTssRequestSpec: ActionSpec<Input, TssCancellation> = {
  name: "tss_request.cancel",
  role: "admin",
  input: cancelInput,
  target: (input) => ({ type: "tss_request", id: input.id }),
  details: (input) => ({ reason: input.reason }),
  run: (input, actor) => cancelTssRequest({ anyId: input.id }, { by: `console:${actor.id}`, source: "admin", reason: input.reason }),
};

/** Admins cancel a pending withdrawal (our row id) at Cobo. */
export const cancelTransactionSpec: ActionSpec<Input, TransactionCancellation> = {
  name: "transaction.cancel",
  role: "admin",
  input: cancelInput,
  target: (input) => ({ type: "transaction", id: input.id }),
  details: (input) => ({ reason: input.reason }),
  run: (input, actor) => cancelTransaction({ ref: input.id }, { by: `console:${actor.id}`, source: "admin", reason: input.reason }),
};
