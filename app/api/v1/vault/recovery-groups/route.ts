import { GroupCreationSchema, GroupList, RecoveryGroupBody } from "@/lib/api/v1/vault.schema";
import { json, route } from "@/lib/http/route";
import { createRecoveryGroup } from "@/lib/server/groups/create-recovery-group";
import { listRecoveryGroups } from "@/lib/server/groups/list-recovery-groups";

/** GET: the caller's Recovery Groups. */
export const GET = route({
  name: "/api/v1/vault/recovery-groups",
  auth: "bearer",
  handler: async ({ appUser }) => json(GroupList.parse({ data: await listRecoveryGroups(appUser.userId) })),
});

/** POST: a Recovery Group of the caller's other devices, and the KeyGenFromKeyGroup TSS request. */
export const POST = route({
  name: "/api/v1/vault/recovery-groups",
  auth: "bearer",
  body: RecoveryGroupBody,
  handler: async ({ appUser, body }) => json(GroupCreationSchema.parse(await createRecoveryGroup(appUser.userId, body.tss_node_ids)), { status: 201 }),
});
