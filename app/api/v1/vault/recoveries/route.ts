import { presentGroupCreation } from "@/lib/api/v1/vault.presenter";
import { vaultApi } from "@/lib/api/v1/vault.schema";
import { route } from "@/lib/http/route";
import { recoverMainGroup } from "@/lib/server/groups/recover-main-group";

/** POST: recover the caller's Main Group onto a new device from one of their Recovery Groups. */
export const POST = route(vaultApi.recoverMainGroup).handle(async ({ appUser, body }) => {
  const result = await recoverMainGroup(appUser.userId, body.recovery_group_id, body.tss_node_id);
  return { status: result.created ? 201 : 200, body: presentGroupCreation(result) };
});
