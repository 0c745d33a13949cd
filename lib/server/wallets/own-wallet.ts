import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Ownership is part of the query: a wallet of another user is simply not found (404, never 403),
// so Cobo wallet ids of other accounts cannot be probed.

const ownWalletSelect = { id: true, coboWalletId: true, name: true, createdAt: true, vault: { select: { coboVaultId: true } } } as const;

export type OwnWallet = { id: string; coboWalletId: string; name: string; createdAt: Date; vault: { coboVaultId: string | null } };

/** The caller's wallet with this Cobo wallet id, or 404. */
export async function requireOwnWallet(userId: string, coboWalletId: string): Promise<OwnWallet> {
  const wallet = await db.wallet.findFirst({ where: { coboWalletId, vault: { userId } }, select: ownWalletSelect });
  if (!wallet) throw new AppError("not_found", `Wallet ${coboWalletId} was not found.`);
  return wallet;
}
