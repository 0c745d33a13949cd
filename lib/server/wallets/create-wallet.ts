import "server-only";
import { createHash } from "node:crypto";
import { getCoboGateway } from "@/lib/cobo/client";
import { isCoboError } from "@/lib/cobo/errors";
import type { WalletInfo } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { requireVault } from "@/lib/server/groups/group-inputs";
import { walletRecordSelect, type WalletRecord } from "@/lib/server/wallets/wallet-record";

// The guide's "Create a wallet": a User-Controlled MPC wallet in the caller's vault. Cobo's create
// call has no idempotency key and the Wallet row needs Cobo's id, so the row cannot be written
// first (as vaults are). Instead the name Cobo sees is deterministic for (vault, name): before
// creating, and after Cobo refuses a create (names are unique per organisation, so a concurrent or
// earlier attempt with this name makes Cobo refuse), the vault's wallets are listed and a wallet
// of that name is adopted. A retry after a crash or a lost answer therefore never makes a second
// wallet. The vault tag in Cobo's name keeps two users' "Main" wallets apart at Cobo.

function vaultTag(coboVaultId: string): string {
  return createHash("sha256").update(coboVaultId).digest("hex").slice(0, 8);
}

/** The name Cobo knows a wallet by: the user's name plus a tag of the vault (unique per organisation). */
export function coboWalletNameFor(name: string, coboVaultId: string): string {
  return `${name}_${vaultTag(coboVaultId)}`;
}

/** The user's name of a wallet from the name Cobo reports (for wallets learnt from Cobo, e.g. by webhook). */
export function walletNameFromCobo(coboName: string, coboVaultId: string): string {
  const suffix = `_${vaultTag(coboVaultId)}`;
  return coboName.endsWith(suffix) && coboName.length > suffix.length ? coboName.slice(0, -suffix.length) : coboName;
}

/** Creates a wallet named `name` in the caller's vault, or returns theirs of that name (`created: false`). */
export async function createWallet(userId: string, name: string): Promise<{ created: boolean; wallet: WalletRecord }> {
  const vault = await requireVault(userId);
  if (!vault.activeMainGroupId) {
    throw new AppError(
      "conflict",
      "Your vault has no Main Group with a key yet. Create it and approve its key generation on your device first.",
    );
  }
  const existing = await db.wallet.findFirst({ where: { vaultId: vault.id, name }, select: walletRecordSelect });
  if (existing) return { created: false, wallet: existing };

  const coboName = coboWalletNameFor(name, vault.coboVaultId);
  let remote = await findWalletByName(vault.coboVaultId, coboName);
  if (remote) {
    logger.info({ event: "wallet.adopted", coboWalletId: remote.wallet_id }, "adopted a wallet created by an interrupted attempt");
  } else {
    try {
      remote = await getCoboGateway().createWallet({ name: coboName, vault_id: vault.coboVaultId });
    } catch (error) {
      if (!isCoboError(error) || error.kind !== "rejected") throw error;
      remote = await findWalletByName(vault.coboVaultId, coboName);
      if (!remote) throw error;
      logger.info({ event: "wallet.adopted", coboWalletId: remote.wallet_id }, "adopted a wallet created by a concurrent attempt");
    }
  }

  const coboWalletId = remote.wallet_id;
  try {
    // The row may exist already, adopted from Cobo's wallets.created webhook under Cobo's name: the user's name wins.
    await db.wallet.upsert({
      where: { coboWalletId },
      update: { name },
      create: { vaultId: vault.id, coboWalletId, name },
      select: { id: true },
    });
  } catch (error) {
    // A concurrent request stored the same wallet between our upsert's read and write.
    if (!isUniqueViolation(error)) throw error;
  }
  const row = await db.wallet.findUniqueOrThrow({ where: { coboWalletId }, select: walletRecordSelect });
  logger.info({ event: "wallet.created", coboWalletId }, "wallet created");
  return { created: true, wallet: row };
}

/** The vault's wallet at Cobo with exactly this name, if any (listing pages through every wallet of the vault). */
async function findWalletByName(coboVaultId: string, coboName: string): Promise<WalletInfo | undefined> {
  const cobo = getCoboGateway();
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await cobo.listWallets({ vault_id: coboVaultId, limit: 50, ...(after ? { after } : {}) });
    // Match the vault too: never trust the filter alone to pick the wallet we adopt.
    const hit = res.data.find((w) => w.name === coboName && (w.vault_id ?? coboVaultId) === coboVaultId);
    if (hit) return hit;
    after = res.pagination?.after ?? undefined;
    if (!after || res.data.length === 0) return undefined;
  }
  return undefined;
}
