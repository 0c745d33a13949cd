import { TssRequestDetailSchema, TssRequestIdParams } from "@/lib/api/v1/tss-requests.schema";
import { json, route } from "@/lib/http/route";
import { getMyTssRequest } from "@/lib/server/tss-requests/list-tss-requests";

/** GET: one of the caller's TSS requests (by Cobo id) with its timeline. */
export const GET = route({
  name: "/api/v1/tss-requests/[tss_request_id]",
  auth: "bearer",
  params: TssRequestIdParams,
  handler: async ({ appUser, params }) => json(TssRequestDetailSchema.parse(await getMyTssRequest(appUser.userId, params.tss_request_id))),
});
