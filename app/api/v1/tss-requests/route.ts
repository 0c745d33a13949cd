import { presentTssRequestPage } from "@/lib/api/v1/tss-requests.presenter";
import { tssRequestsApi } from "@/lib/api/v1/tss-requests.schema";
import { route } from "@/lib/http/route";
import { listMyTssRequests } from "@/lib/server/tss-requests/list-tss-requests";

/** GET: the caller's TSS requests, newest first, optionally by node and status. */
export const GET = route(tssRequestsApi.list).handle(async ({ appUser, query }) => ({
  status: 200,
  body: presentTssRequestPage(
    await listMyTssRequests(appUser.userId, {
      tssNodeId: query.tss_node_id,
      status: query.status,
      limit: query.limit,
      cursor: query.cursor,
    }),
  ),
}));
