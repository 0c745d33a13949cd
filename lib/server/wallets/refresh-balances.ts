import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { readCoboBalances, type WalletTokenBalance } from "@/lib/server/wallets/get-wallet-balances";

// The console's balance snapshot of one app user: every wallet's balances per token
// (listTokenBalancesForWallet) and every address's (listTokenBalancesForAddress), read from Cobo
// when staff ask for it and stored with the time of the read, so the user page renders the last
// read without calling Cobo. A read replaces the wallet's (or address's) whole snapshot; a read
// older than the stored one never overwrites it (two staff pressing Refresh at once).

/** Cobo's amounts must be decimal numbers that fit the amount columns (numeric(65, 30)). */
const AMOUNT = /^-?(0|[1-9]\d{0,34})(\.\d{1,30})?$/;

export type RefreshBalancesResult = { wallets: number; addresses: number; tokens: number; readAt: string };

function amounts(b: WalletTokenBalance) {
  for (const [field, value] of [
    ["total", b.total],
    ["available", b.available],
    ["pending", b.pending],
    ["locked", b.locked],
  ] as const) {
    if (!AMOUNT.test(value)) throw new AppError("cobo_error", `Cobo reported an unreadable ${field} balance of ${b.tokenId}.`);
  }
  return {
    tokenId: b.tokenId,
    total: new Prisma.Decimal(b.total),
    available: new Prisma.Decimal(b.available),
    pending: new Prisma.Decimal(b.pending),
    locked: new Prisma.Decimal(b.locked),
  };
}

/** Reads every wallet and address balance of an app user from Cobo and stores it as the user's snapshot. */
export async function refreshUserBalances(userId: string): Promise<RefreshBalancesResult> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      vault: {
        select: {
          wallets: {
            select: { id: true, coboWalletId: true, addresses: { select: { id: true, address: true }, orderBy: { createdAt: "asc" } } },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  if (!user) throw new AppError("not_found", "Unknown app user.");
  const wallets = user.vault?.wallets ?? [];
  const cobo = getCoboGateway();
  let addresses = 0;
  let tokens = 0;
  const readAt = new Date();
  for (const wallet of wallets) {
    // Read everything of this wallet first: a failed read stores nothing of it.
    const walletBalances = (await readCoboBalances((p) => cobo.listTokenBalancesForWallet(wallet.coboWalletId, p))).map(amounts);
    const addressBalances: { id: string; balances: ReturnType<typeof amounts>[] }[] = [];
    for (const a of wallet.addresses) {
      const read = await readCoboBalances((p) => cobo.listTokenBalancesForAddress(wallet.coboWalletId, a.address, p));
      addressBalances.push({ id: a.id, balances: read.map(amounts) });
    }
    const stored = await db.$transaction(async (tx) => {
      // The row lock of this update orders concurrent refreshes; an older read loses.
      const claimed = await tx.wallet.updateMany({
        where: { id: wallet.id, OR: [{ balancesReadAt: null }, { balancesReadAt: { lt: readAt } }] },
        data: { balancesReadAt: readAt },
      });
      if (claimed.count === 0) return false;
      await tx.walletBalance.deleteMany({ where: { walletId: wallet.id } });
      if (walletBalances.length > 0) {
        await tx.walletBalance.createMany({ data: walletBalances.map((b) => ({ ...b, walletId: wallet.id, readAt })) });
      }
      for (const a of addressBalances) {
        await tx.address.update({ where: { id: a.id }, data: { balancesReadAt: readAt } });
        await tx.addressBalance.deleteMany({ where: { addressId: a.id } });
        if (a.balances.length > 0) {
          await tx.addressBalance.createMany({ data: a.balances.map((b) => ({ ...b, addressId: a.id, readAt })) });
        }
      }
      return true;
    });
    if (stored) {
      addresses += addressBalances.length;
      tokens += walletBalances.length;
    }
  }
  logger.info({ event: "balances.refreshed", userId, wallets: wallets.length, addresses, tokens }, "balances read from Cobo");
  return { wallets: wallets.length, addresses, tokens, readAt: readAt.toISOString() };
}
