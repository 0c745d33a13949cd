import { VaultSchema } from "@/lib/api/v1/vault.schema";
import { AppError } from "@/lib/errors";
import { json, route } from "@/lib/http/route";
import { createVault } from "@/lib/server/vaults/create-vault";
import { getVaultView } from "@/lib/server/vaults/vault-view";

/** POST: create the caller's vault at Cobo and bind it to them (201), or return it (200). */
export const POST = route({
  name: "/api/v1/vault",
  auth: "bearer",
  handler: async ({ appUser }) => {
    const { created, vault } = await createVault(appUser.userId);
    return json(VaultSchema.parse(vault), { status: created ? 201 : 200 });
  },
});

/** GET: the caller's vault with its groups, members and statuses. */
export const GET = route({
  name: "/api/v1/vault",
  auth: "bearer",
  handler: async ({ appUser }) => {
    const vault = await getVaultView(appUser.userId);
    if (!vault) throw new AppError("not_found", "You have no vault yet. Create it with POST /api/v1/vault.");
    return json(VaultSchema.parse(vault));
  },
});
