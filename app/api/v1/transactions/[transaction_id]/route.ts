import { TransactionDetailSchema, TransactionIdParams } from "@/lib/api/v1/transactions.schema";
import { json, route } from "@/lib/http/route";
import { getTransaction } from "@/lib/server/transactions/get-transaction";

/** GET: one of the caller's transactions (our id or Cobo's) with its timeline. */
export const GET = route({
  name: "/api/v1/transactions/[transaction_id]",
  auth: "bearer",
  params: TransactionIdParams,
  handler: async ({ appUser, params }) => json(TransactionDetailSchema.parse(await getTransaction(appUser.userId, params.transaction_id))),
});
