import "server-only";
import { db } from "@/lib/db/client";
import { requireOwnWallet } from "@/lib/server/wallets/own-wallet";
import { addressView, addressViewSelect, type AddressView } from "@/lib/server/wallets/wallet-view";

/** The addresses of the caller's wallet (optionally one chain), oldest first, with path and public key. */
export async function listAddresses(userId: string, coboWalletId: string, chainId?: string): Promise<AddressView[]> {
  const wallet = await requireOwnWallet(userId, coboWalletId);
  const rows = await db.address.findMany({
    where: { walletId: wallet.id, ...(chainId ? { chainId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: addressViewSelect,
  });
  return rows.map(addressView);
}
