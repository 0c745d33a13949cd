import { presentTssRequestDetail } from "@/lib/api/v1/tss-requests.presenter";
import { tssRequestsApi } from "@/lib/api/v1/tss-requests.schema";
import { route } from "@/lib/http/route";
import { getMyTssRequest } from "@/lib/server/tss-requests/list-tss-requests";

/** GET: one of the caller's TSS requests (by Cobo id) with its timeline. */
export const GET = route(tssRequestsApi.get).handle(async ({ appUser, params }) => ({
  status: 200,
  body: presentTssRequestDetail(await getMyTssRequest(appUser.userId, params.tss_request_id)),
}));
