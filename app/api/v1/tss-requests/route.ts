import { TssRequestList, TssRequestListQuery } from "@/lib/api/v1/tss-requests.schema";
import { json, route } from "@/lib/http/route";
import { listMyTssRequests } from "@/lib/server/tss-requests/list-tss-requests";

/** GET: the caller's TSS requests, newest first, optionally by node and status. */
export const GET = route({
  name: "/api/v1/tss-requests",
  auth: "bearer",
  query: TssRequestListQuery,
  handler: async ({ appUser, query }) =>
    json(TssRequestList.parse(await listMyTssRequests(appUser.userId, { tssNodeId: query.tss_node_id, status: query.status, limit: query.limit, cursor: query.cursor }))),
});
