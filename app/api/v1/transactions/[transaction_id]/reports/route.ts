import { TimelineEntrySchema, TransactionIdParams, TransactionReportBody } from "@/lib/api/v1/transactions.schema";
import { json, route } from "@/lib/http/route";
import { reportTransaction } from "@/lib/server/transactions/report-transaction";

/** POST: record what the UCW SDK told the app about a transaction (timeline only, never its state). */
export const POST = route({
  name: "/api/v1/transactions/[transaction_id]/reports",
  auth: "bearer",
  params: TransactionIdParams,
  body: TransactionReportBody,
  handler: async ({ appUser, params, body }) =>
    json(TimelineEntrySchema.parse(await reportTransaction(appUser.userId, params.transaction_id, body)), { status: 201 }),
});
