import "server-only";
import { db } from "@/lib/db/client";
import { walletRecordSelect, type WalletRecord } from "@/lib/server/wallets/wallet-record";

/** The caller's wallets, oldest first (a vault has a handful, so no paging). */
export async function listWallets(userId: string): Promise<WalletRecord[]> {
  return db.wallet.findMany({
    where: { vault: { userId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: walletRecordSelect,
  });
}
