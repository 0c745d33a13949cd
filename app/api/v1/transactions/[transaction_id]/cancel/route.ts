import { CancelBody, TransactionDetailSchema, TransactionIdParams } from "@/lib/api/v1/transactions.schema";
import { json, route } from "@/lib/http/route";
import { cancelTransaction } from "@/lib/server/transactions/cancel-transaction";
import { getTransaction } from "@/lib/server/transactions/get-transaction";

/** POST: cancel one of the caller's pending transfers (Cobo's cancelTransactionById). */
export const POST = route({
  name: "/api/v1/transactions/[transaction_id]/cancel",
  auth: "bearer",
  params: TransactionIdParams,
  body: CancelBody,
  handler: async ({ appUser, params, body }) => {
    const done = await cancelTransaction(
      { ref: params.transaction_id, userId: appUser.userId },
      { by: `user:${appUser.userId}`, source: "app", reason: body.reason ?? null },
    );
    return json(TransactionDetailSchema.parse(await getTransaction(appUser.userId, done.transactionId)));
  },
});
