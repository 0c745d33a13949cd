import { presentGroupCreation, presentGroupList } from "@/lib/api/v1/vault.presenter";
import { vaultApi } from "@/lib/api/v1/vault.schema";
import { route } from "@/lib/http/route";
import { createRecoveryGroup } from "@/lib/server/groups/create-recovery-group";
import { listRecoveryGroups } from "@/lib/server/groups/list-recovery-groups";

/** GET: the caller's Recovery Groups. */
export const GET = route(vaultApi.listRecoveryGroups).handle(async ({ appUser }) => ({
  status: 200,
  body: presentGroupList(await listRecoveryGroups(appUser.userId)),
}));

/** POST: a Recovery Group of the caller's other devices, and the KeyGenFromKeyGroup TSS request. */
export const POST = route(vaultApi.createRecoveryGroup).handle(async ({ appUser, body }) => ({
  status: 201,
  body: presentGroupCreation(await createRecoveryGroup(appUser.userId, body.tss_node_ids)),
}));
