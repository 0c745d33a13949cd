import { GroupCreationSchema, MainGroupBody } from "@/lib/api/v1/vault.schema";
import { json, route } from "@/lib/http/route";
import { createMainGroup } from "@/lib/server/groups/create-main-group";

/** POST: create the caller's Main Group with their device's TSS node, and its KeyGen TSS request. */
export const POST = route({
  name: "/api/v1/vault/main-group",
  auth: "bearer",
  body: MainGroupBody,
  handler: async ({ appUser, body }) => {
    const result = await createMainGroup(appUser.userId, body.tss_node_id);
    return json(GroupCreationSchema.parse(result), { status: result.created ? 201 : 200 });
  },
});
