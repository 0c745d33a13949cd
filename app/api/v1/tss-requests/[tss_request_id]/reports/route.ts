import { presentTssRequestDetail } from "@/lib/api/v1/tss-requests.presenter";
import { tssRequestsApi } from "@/lib/api/v1/tss-requests.schema";
import { route } from "@/lib/http/route";
import { logger } from "@/lib/log/logger";
import { getMyTssRequest } from "@/lib/server/tss-requests/list-tss-requests";
import { reportTssRequest } from "@/lib/server/tss-requests/report-tss-request";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";

/** POST: record what the UCW SDK told the app about a TSS request, then re-read Cobo. */
export const POST = route(tssRequestsApi.report).handle(async ({ appUser, params, body }) => {
  await reportTssRequest(appUser.userId, params.tss_request_id, body);
  // The report is recorded either way; Cobo being unreachable must not fail it.
  await syncTssRequest(params.tss_request_id, "poll").catch((error) =>
    logger.warn({ err: error }, "re-reading the TSS request after an app report failed"),
  );
  return { status: 200, body: presentTssRequestDetail(await getMyTssRequest(appUser.userId, params.tss_request_id)) };
});
