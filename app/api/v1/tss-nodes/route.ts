import { RegisterNodeBody, TssNodeList, TssNodeSchema } from "@/lib/api/v1/nodes.schema";
import { json, route } from "@/lib/http/route";
import { listTssNodes, registerTssNode } from "@/lib/server/tss-nodes/register-tss-node";

/** POST: register this device's TSS node id to the caller (201 new, 200 already theirs). */
export const POST = route({
  name: "/api/v1/tss-nodes",
  auth: "bearer",
  body: RegisterNodeBody,
  handler: async ({ appUser, body }) => {
    const { created, node } = await registerTssNode(appUser.userId, body.tss_node_id, body.label ?? null);
    return json(TssNodeSchema.parse(node), { status: created ? 201 : 200 });
  },
});

/** GET: the caller's TSS nodes. */
export const GET = route({
  name: "/api/v1/tss-nodes",
  auth: "bearer",
  handler: async ({ appUser }) => json(TssNodeList.parse({ data: await listTssNodes(appUser.userId) })),
});
