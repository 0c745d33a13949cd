import "server-only";
import { requireOwnWallet } from "@/lib/server/wallets/own-wallet";
import { walletView, type WalletView } from "@/lib/server/wallets/wallet-view";

/** One of the caller's wallets by Cobo wallet id (404 when it is not theirs). */
export async function getWallet(userId: string, coboWalletId: string): Promise<WalletView> {
  return walletView(await requireOwnWallet(userId, coboWalletId));
}
