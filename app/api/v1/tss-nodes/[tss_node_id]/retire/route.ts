import { appUserActor } from "@/lib/actor";
import { presentTssNode } from "@/lib/api/v1/nodes.presenter";
import { accountApi } from "@/lib/api/v1/nodes.schema";
import { route } from "@/lib/http/route";
import { retireTssNode } from "@/lib/server/tss-nodes/retire-tss-node";

/** POST: retire one of the caller's TSS nodes (a lost or replaced device), with a reason; idempotent. */
export const POST = route(accountApi.retireTssNode).handle(async ({ appUser, params, body }) => {
  const { node } = await retireTssNode(appUser.userId, params.tss_node_id, body.reason, appUserActor(appUser.userId));
  return { status: 200, body: presentTssNode(node) };
});
