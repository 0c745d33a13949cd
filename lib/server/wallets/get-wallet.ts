import "server-only";
import { requireOwnWallet } from "@/lib/server/wallets/own-wallet";
import type { WalletRecord } from "@/lib/server/wallets/wallet-record";

/** One of the caller's wallets by Cobo wallet id (404 when it is not theirs). */
export async function getWallet(userId: string, coboWalletId: string): Promise<WalletRecord> {
  return requireOwnWallet(userId, coboWalletId);
}
