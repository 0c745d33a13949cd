import { CancelBody, TssRequestDetailSchema, TssRequestIdParams } from "@/lib/api/v1/tss-requests.schema";
import { json, route } from "@/lib/http/route";
import { cancelTssRequest } from "@/lib/server/tss-requests/cancel-tss-request";
import { getMyTssRequest } from "@/lib/server/tss-requests/list-tss-requests";

/** POST: cancel one of the caller's TSS requests that has not ended (Cobo's cancelTssRequestById). */
export const POST = route({
  name: "/api/v1/tss-requests/[tss_request_id]/cancel",
  auth: "bearer",
  params: TssRequestIdParams,
  body: CancelBody,
  handler: async ({ appUser, params, body }) => {
    await cancelTssRequest(
      { coboTssRequestId: params.tss_request_id, userId: appUser.userId },
      { by: `user:${appUser.userId}`, source: "app", reason: body.reason ?? null },
    );
    return json(TssRequestDetailSchema.parse(await getMyTssRequest(appUser.userId, params.tss_request_id)));
  },
});
