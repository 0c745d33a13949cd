import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readCoboBalances, type WalletTokenBalance } from "@/lib/server/wallets/get-wallet-balances";
import { requireOwnWallet } from "@/lib/server/wallets/own-wallet";

// One address's balances per token, read from Cobo on every call (per-user data is never cached).
// An EVM address holds tokens of every enabled EVM chain: Cobo lists them all for the address.

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** The wallet's address row for `address` (EVM addresses match in any letter case), or 404. */
export async function requireOwnAddress(walletId: string, address: string): Promise<{ id: string; address: string; chainId: string }> {
  const row = await db.address.findFirst({
    where: { walletId, address: EVM_ADDRESS.test(address) ? { equals: address, mode: "insensitive" } : address },
    select: { id: true, address: true, chainId: true },
    orderBy: { createdAt: "asc" },
  });
  if (!row) throw new AppError("not_found", `Address ${address} was not found in this wallet.`);
  return row;
}

/** The caller's address balances per token (optionally one token), from Cobo. Another user's wallet or address is a 404. */
export async function getAddressBalances(
  userId: string,
  coboWalletId: string,
  address: string,
  tokenId?: string,
): Promise<WalletTokenBalance[]> {
  const wallet = await requireOwnWallet(userId, coboWalletId);
  const row = await requireOwnAddress(wallet.id, address);
  const cobo = getCoboGateway();
  return readCoboBalances((p) => cobo.listTokenBalancesForAddress(coboWalletId, row.address, p), tokenId);
}
