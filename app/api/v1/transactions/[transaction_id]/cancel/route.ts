import { presentTransactionDetail } from "@/lib/api/v1/transactions.presenter";
import { transactionsApi } from "@/lib/api/v1/transactions.schema";
import { route } from "@/lib/http/route";
import { appUserActor } from "@/lib/actor";
import { cancelTransaction } from "@/lib/server/transactions/cancel-transaction";
import { getTransaction } from "@/lib/server/transactions/get-transaction";

/** POST: cancel one of the caller's pending transfers (Cobo's cancelTransactionById). */
export const POST = route(transactionsApi.cancel).handle(async ({ appUser, params, body }) => {
  const done = await cancelTransaction(
    { ref: params.transaction_id, userId: appUser.userId },
    { by: appUserActor(appUser.userId), reason: body.reason ?? null },
  );
  return { status: 200, body: presentTransactionDetail(await getTransaction(appUser.userId, done.transactionId)) };
});
