import { presentTransactionPage } from "@/lib/api/v1/transactions.presenter";
import { transactionsApi } from "@/lib/api/v1/transactions.schema";
import { route } from "@/lib/http/route";
import { listMyTransactions } from "@/lib/server/transactions/list-transactions";

/** GET: the caller's transactions, newest first, cursor-paged. */
export const GET = route(transactionsApi.list).handle(async ({ appUser, query }) => ({
  status: 200,
  body: presentTransactionPage(await listMyTransactions(appUser.userId, query)),
}));
