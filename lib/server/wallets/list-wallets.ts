import "server-only";
import { db } from "@/lib/db/client";
import { walletView, walletViewSelect, type WalletView } from "@/lib/server/wallets/wallet-view";

/** The caller's wallets, oldest first (a vault has a handful, so no paging). */
export async function listWallets(userId: string): Promise<WalletView[]> {
  const rows = await db.wallet.findMany({
    where: { vault: { userId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: walletViewSelect,
  });
  return rows.map(walletView);
}
