import { presentVault } from "@/lib/api/v1/vault.presenter";
import { vaultApi } from "@/lib/api/v1/vault.schema";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { createVault } from "@/lib/server/vaults/create-vault";
import { getVaultRecord } from "@/lib/server/vaults/vault-record";

/** POST: create the caller's vault at Cobo and bind it to them (201), or return it (200). */
export const POST = route(vaultApi.createVault).handle(async ({ appUser }) => {
  const { created, vault } = await createVault(appUser.userId);
  return { status: created ? 201 : 200, body: presentVault(vault) };
});

/** GET: the caller's vault with its groups, members and statuses. */
export const GET = route(vaultApi.getVault).handle(async ({ appUser }) => {
  const vault = await getVaultRecord(appUser.userId);
  if (!vault) throw new AppError("not_found", "You have no vault yet. Create it with POST /api/v1/vault.");
  return { status: 200, body: presentVault(vault) };
});
