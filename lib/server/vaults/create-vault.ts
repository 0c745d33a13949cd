import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { rootPubkeysOf, vaultKeyColumns } from "@/lib/server/groups/group-keys";
import { resolveProjectId } from "@/lib/server/vaults/cobo-context";
import { getVaultRecord, type VaultRecord } from "@/lib/server/vaults/vault-record";

// Creates the caller's one vault at Cobo and binds it to them. Cobo's create call has no
// idempotency key, so the local row is written first (without Cobo's id) under a deterministic
// name; whoever holds the row's lease makes the call, and a retry after a crash first looks for a
// vault of that name in the project and adopts it rather than making a second one. No database
// transaction is held open across the call to Cobo.

const LEASE_MS = 30_000;

/**
 * Cobo's naming rules. Cobo documents none for vault names (`CreateMpcVaultRequest.name`: "The
 * vault name"); for wallet names it documents at most 100 characters, none of `+ - = @`, unique in
 * the organisation (errors 2101–2103). Vault names are kept within the wallet rules [assumed: the
 * same rules may apply; docs/cobo-assumptions.md], and also to letters, digits and `_`.
 */
export const COBO_NAME_MAX_LENGTH = 100;
const COBO_VAULT_NAME = /^[A-Za-z0-9_]+$/;

/** Whether `name` keeps Cobo's documented wallet-name rules and our stricter vault-name alphabet. */
export function isValidCoboVaultName(name: string): boolean {
  return name.length >= 1 && name.length <= COBO_NAME_MAX_LENGTH && COBO_VAULT_NAME.test(name);
}

/**
 * The vault name this backend gives a user's vault at Cobo: stable (a lost answer is found by it),
 * unique (the user's id) and within Cobo's name rules: `ucw_` and the user id's 32 hex digits
 * (a UUID's dashes are among the characters Cobo refuses in wallet names).
 */
export function vaultNameFor(userId: string): string {
  const name = `ucw_${userId.replaceAll("-", "").toLowerCase()}`;
  if (!isValidCoboVaultName(name)) throw new Error(`vault name for user ${userId} breaks Cobo's name rules`);
  return name;
}

/** Creates (or returns) the caller's vault; `created` is false when it already existed. */
export async function createVault(userId: string): Promise<{ created: boolean; vault: VaultRecord }> {
  const existing = await db.vault.findUnique({ where: { userId }, select: { id: true, coboVaultId: true, updatedAt: true } });
  if (existing?.coboVaultId) return { created: false, vault: (await getVaultRecord(userId))! };

  let rowId: string;
  if (!existing) {
    const projectId = await resolveProjectId();
    try {
      const row = await db.vault.create({
        data: { userId, name: vaultNameFor(userId), coboProjectId: projectId, status: "Creating" },
        select: { id: true },
      });
      rowId = row.id;
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError("conflict", "Your vault is being created. Try again in a moment.", { retryAfterSeconds: 2 });
      throw error;
    }
  } else {
    // A previous attempt died before it stored Cobo's answer: take over once its lease ran out.
    const claimed = await db.vault.updateMany({
      where: { id: existing.id, coboVaultId: null, updatedAt: { lt: new Date(Date.now() - LEASE_MS) } },
      data: { updatedAt: new Date() },
    });
    if (claimed.count !== 1)
      throw new AppError("conflict", "Your vault is being created. Try again in a moment.", { retryAfterSeconds: 2 });
    rowId = existing.id;
  }

  const row = await db.vault.findUniqueOrThrow({ where: { id: rowId }, select: { name: true, coboProjectId: true } });
  const cobo = getCoboGateway();
  let coboVault = existing ? await findVaultByName(row.coboProjectId, row.name) : undefined;
  if (coboVault)
    logger.info({ event: "vault.adopted", coboVaultId: coboVault.vault_id }, "adopted a vault created by an interrupted attempt");
  coboVault ??= await cobo.createMpcVault({ project_id: row.coboProjectId, name: row.name });
  await db.vault.update({
    where: { id: rowId },
    data: {
      coboVaultId: coboVault.vault_id,
      status: "Created",
      ...vaultKeyColumns(rootPubkeysOf(coboVault)),
    },
  });
  logger.info({ event: "vault.created", coboVaultId: coboVault.vault_id }, "vault created");
  return { created: true, vault: (await getVaultRecord(userId))! };
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
