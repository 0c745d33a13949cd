import { presentTssNode } from "@/lib/api/v1/nodes.presenter";
import { accountApi } from "@/lib/api/v1/nodes.schema";
import { route } from "@/lib/http/route";
import { listTssNodes, registerTssNode } from "@/lib/server/tss-nodes/register-tss-node";

/** POST: register this device's TSS node id to the caller (201 new, 200 already theirs). */
export const POST = route(accountApi.registerTssNode).handle(async ({ appUser, body }) => {
  const { created, node } = await registerTssNode(appUser.userId, body.tss_node_id, body.label ?? null);
  return { status: created ? 201 : 200, body: presentTssNode(node) };
});

/** GET: the caller's TSS nodes. */
export const GET = route(accountApi.listTssNodes).handle(async ({ appUser }) => ({
  status: 200,
  body: { data: (await listTssNodes(appUser.userId)).map(presentTssNode) },
}));
