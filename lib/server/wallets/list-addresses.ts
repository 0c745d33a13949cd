import "server-only";
import { db } from "@/lib/db/client";
import { requireOwnWallet } from "@/lib/server/wallets/own-wallet";
import { addressRecordSelect, type AddressRecord } from "@/lib/server/wallets/wallet-record";

/** The addresses of the caller's wallet (optionally one chain), oldest first, with path and public key. */
export async function listAddresses(userId: string, coboWalletId: string, chainId?: string): Promise<AddressRecord[]> {
  const wallet = await requireOwnWallet(userId, coboWalletId);
  return db.address.findMany({
    where: { walletId: wallet.id, ...(chainId ? { chainId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: addressRecordSelect,
  });
}
