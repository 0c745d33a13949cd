import { presentTransactionDetail } from "@/lib/api/v1/transactions.presenter";
import { transactionsApi } from "@/lib/api/v1/transactions.schema";
import { route } from "@/lib/http/route";
import { getTransaction } from "@/lib/server/transactions/get-transaction";

/** GET: one of the caller's transactions (our id or Cobo's) with its timeline. */
export const GET = route(transactionsApi.get).handle(async ({ appUser, params }) => ({
  status: 200,
  body: presentTransactionDetail(await getTransaction(appUser.userId, params.transaction_id)),
}));
