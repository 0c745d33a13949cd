import { presentGroupCreation } from "@/lib/api/v1/vault.presenter";
import { vaultApi } from "@/lib/api/v1/vault.schema";
import { route } from "@/lib/http/route";
import { createMainGroup } from "@/lib/server/groups/create-main-group";

/** POST: create the caller's Main Group with their device's TSS node, and its KeyGen TSS request. */
export const POST = route(vaultApi.createMainGroup).handle(async ({ appUser, body }) => {
  const result = await createMainGroup(appUser.userId, body.tss_node_id);
  return { status: result.created ? 201 : 200, body: presentGroupCreation(result) };
});
