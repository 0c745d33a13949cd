import { GroupCreationSchema, RecoveryBody } from "@/lib/api/v1/vault.schema";
import { json, route } from "@/lib/http/route";
import { recoverMainGroup } from "@/lib/server/groups/recover-main-group";

/** POST: recover the caller's Main Group onto a new device from one of their Recovery Groups. */
export const POST = route({
  name: "/api/v1/vault/recoveries",
  auth: "bearer",
  body: RecoveryBody,
  handler: async ({ appUser, body }) => {
    const result = await recoverMainGroup(appUser.userId, body.recovery_group_id, body.tss_node_id);
    return json(GroupCreationSchema.parse(result), { status: result.created ? 201 : 200 });
  },
});
