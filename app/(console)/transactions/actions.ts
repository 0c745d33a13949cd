"use server";

import { z } from "zod";
import { consoleAction } from "@/lib/http/console-action";
import { cancelTransaction } from "@/lib/server/transactions/cancel-transaction";
import { rereadTransaction } from "@/lib/server/transactions/reread-transaction";
import { adminCancelInput } from "@/lib/server/tss-requests/cancel-tss-request";

// Admin actions of the transaction pages (made by the console's action client, see _lib/console-action.ts).

/** Admins re-read one transaction (our row id) from Cobo, by Cobo's id or else by our request id. */
export const rereadTransactionAction = consoleAction({
  name: "transaction.reread",
  role: "admin",
  input: z.object({ id: z.guid("Unknown record.") }),
  run: (input) => rereadTransaction(input.id),
  target: (input) => ({ type: "transaction", id: input.id }),
});

/** Admins cancel a pending withdrawal (our row id) at Cobo, with a reason kept on the record and in the audit log. */
export const cancelTransactionAction = consoleAction({
  name: "transaction.cancel",
  role: "admin",
  input: adminCancelInput,
  run: (input, actor) => cancelTransaction({ ref: input.id }, { by: actor, reason: input.reason }),
  target: (input) => ({ type: "transaction", id: input.id }),
  details: (input) => ({ reason: input.reason }),
});
