import { presentTssRequestDetail } from "@/lib/api/v1/tss-requests.presenter";
import { tssRequestsApi } from "@/lib/api/v1/tss-requests.schema";
import { route } from "@/lib/http/route";
import { appUserActor } from "@/lib/actor";
import { cancelTssRequest } from "@/lib/server/tss-requests/cancel-tss-request";
import { getMyTssRequest } from "@/lib/server/tss-requests/list-tss-requests";

/** POST: cancel one of the caller's TSS requests that has not ended (Cobo's cancelTssRequestById). */
export const POST = route(tssRequestsApi.cancel).handle(async ({ appUser, params, body }) => {
  await cancelTssRequest(
    { coboTssRequestId: params.tss_request_id, userId: appUser.userId },
    { by: appUserActor(appUser.userId), reason: body.reason ?? null },
  );
  return { status: 200, body: presentTssRequestDetail(await getMyTssRequest(appUser.userId, params.tss_request_id)) };
});
