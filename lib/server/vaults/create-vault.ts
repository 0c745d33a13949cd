import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { resolveProjectId } from "@/lib/server/vaults/cobo-context";
import { getVaultView, type VaultView } from "@/lib/server/vaults/vault-view";

// Creates the caller's one vault at Cobo and binds it to them. Cobo's create call has no
// idempotency key, so the local row is written first (without Cobo's id) under a deterministic
// name; whoever holds the row's lease makes the call, and a retry after a crash first looks for a
// vault of that name in the project and adopts it rather than making a second one. No database
// transaction is held open across the call to Cobo.

const LEASE_MS = 30_000;

/** The vault name this backend gives a user's vault at Cobo (stable, so a lost answer can be found). */
export function vaultNameFor(userId: string): string {
  return `ucw-${userId}`;
}

/** Creates (or returns) the caller's vault; `created` is false when it already existed. */
export async function createVault(userId: string): Promise<{ created: boolean; vault: VaultView }> {
  const existing = await db.vault.findUnique({ where: { userId }, select: { id: true, coboVaultId: true, updatedAt: true } });
  if (existing?.coboVaultId) return { created: false, vault: (await getVaultView(userId))! };

  let rowId: string;
  if (!existing) {
    const projectId = await resolveProjectId();
    try {
      const row = await db.vault.create({ data: { userId, name: vaultNameFor(userId), coboProjectId: projectId, status: "Creating" }, select: { id: true } });
      rowId = row.id;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", "Your vault is being created. Try again in a moment.", { retryAfterSeconds: 2 });
      throw error;
    }
  } else {
    // A previous attempt died before it stored Cobo's answer: take over once its lease ran out.
    const claimed = await db.vault.updateMany({
      where: { id: existing.id, coboVaultId: null, updatedAt: { lt: new Date(Date.now() - LEASE_MS) } },
      data: { updatedAt: new Date() },
    });
    if (claimed.count !== 1) throw new AppError("conflict", "Your vault is being created. Try again in a moment.", { retryAfterSeconds: 2 });
    rowId = existing.id;
  }

  const row = await db.vault.findUniqueOrThrow({ where: { id: rowId }, select: { name: true, coboProjectId: true } });
  const cobo = getCoboGateway();
  let coboVault = existing ? await findVaultByName(row.coboProjectId, row.name) : undefined;
  if (coboVault) logger.info({ event: "vault.adopted", coboVaultId: coboVault.vault_id }, "adopted a vault created by an interrupted attempt");
  coboVault ??= await cobo.createMpcVault({ project_id: row.coboProjectId, name: row.name });
  await db.vault.update({
    where: { id: rowId },
    data: {
      coboVaultId: coboVault.vault_id,
      status: "Created",
      rootPubkey: coboVault.root_pubkeys?.find((k) => k.root_pubkey)?.root_pubkey ?? null,
    },
  });
  logger.info({ event: "vault.created", coboVaultId: coboVault.vault_id }, "vault created");
  return { created: true, vault: (await getVaultView(userId))! };
}

async function findVaultByName(projectId: string, name: string) {
  const cobo = getCoboGateway();
  let after: string | undefined;
  for (let page = 0; page < 200; page++) {
    const res = await cobo.listMpcVaults({ project_id: projectId, limit: 50, ...(after ? { after } : {}) });
    const hit = res.data.find((v) => v.name === name);
    if (hit) return hit;
    after = res.pagination?.after ?? undefined;
    if (!after || res.data.length === 0) return undefined;
  }
  return undefined;
}
