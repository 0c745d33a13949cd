import { presentTimelineEntry } from "@/lib/api/v1/transactions.presenter";
import { transactionsApi } from "@/lib/api/v1/transactions.schema";
import { route } from "@/lib/http/route";
import { reportTransaction } from "@/lib/server/transactions/report-transaction";

/** POST: record what the UCW SDK told the app about a transaction (timeline only, never its state). */
export const POST = route(transactionsApi.report).handle(async ({ appUser, params, body }) => ({
  status: 201,
  body: presentTimelineEntry(await reportTransaction(appUser.userId, params.transaction_id, body)),
}));
