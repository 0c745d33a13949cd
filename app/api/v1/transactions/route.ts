import { TransactionList, TransactionListQuery } from "@/lib/api/v1/transactions.schema";
import { json, route } from "@/lib/http/route";
import { listTransactions } from "@/lib/server/transactions/list-transactions";

/** GET: the caller's transactions, newest first, cursor-paged. */
export const GET = route({
  name: "/api/v1/transactions",
  auth: "bearer",
  query: TransactionListQuery,
  handler: async ({ appUser, query }) => json(TransactionList.parse(await listTransactions(appUser.userId, query))),
});
