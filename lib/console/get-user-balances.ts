import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

// The console's view of an app user's balances: the last snapshot read from Cobo
// (lib/server/wallets/refresh-balances.ts), never a Cobo call. Wallets or addresses never read
// have readAt null, and the page says so instead of showing zeros.

export type BalanceAmounts = { total: string; available: string; pending: string; locked: string };
export type TokenBalanceView = { tokenId: string } & BalanceAmounts;

export type UserBalances = {
  /** Per token, summed over the wallets that were read. */
  summary: TokenBalanceView[];
  /** The oldest and newest read among the wallets; null when none was ever read. */
  oldestReadAt: string | null;
  newestReadAt: string | null;
  /** Wallets never read (their balances are not in the summary). */
  unreadWallets: number;
  wallets: {
    id: string;
    coboWalletId: string;
    name: string;
    readAt: string | null;
    balances: TokenBalanceView[];
    addresses: { id: string; address: string; chainId: string; readAt: string | null; balances: TokenBalanceView[] }[];
  }[];
};

type Row = { tokenId: string; total: Prisma.Decimal; available: Prisma.Decimal; pending: Prisma.Decimal; locked: Prisma.Decimal };

const view = (r: Row): TokenBalanceView => ({
  tokenId: r.tokenId,
  total: r.total.toFixed(),
  available: r.available.toFixed(),
  pending: r.pending.toFixed(),
  locked: r.locked.toFixed(),
});

const amountSelect = { tokenId: true, total: true, available: true, pending: true, locked: true } as const;

/** The last balance snapshot of an app user's wallets and addresses (null for an unknown user id). */
export async function getUserBalances(rawUserId: unknown): Promise<UserBalances | null> {
  const parsed = z.guid().safeParse(rawUserId);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({
    where: { id: parsed.data },
    select: {
      vault: {
        select: {
          wallets: {
            orderBy: { createdAt: "asc" },
            select: {
              id: true,
              coboWalletId: true,
              name: true,
              balancesReadAt: true,
              balances: { select: amountSelect, orderBy: { tokenId: "asc" } },
              addresses: {
                orderBy: { createdAt: "asc" },
                select: {
                  id: true,
                  address: true,
                  chainId: true,
                  balancesReadAt: true,
                  balances: { select: amountSelect, orderBy: { tokenId: "asc" } },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!user) return null;
  const wallets = user.vault?.wallets ?? [];
  const sums = new Map<string, { total: Prisma.Decimal; available: Prisma.Decimal; pending: Prisma.Decimal; locked: Prisma.Decimal }>();
  const reads: Date[] = [];
  for (const w of wallets) {
    if (!w.balancesReadAt) continue;
    reads.push(w.balancesReadAt);
    for (const b of w.balances) {
      const s = sums.get(b.tokenId);
      sums.set(
        b.tokenId,
        s
          ? {
              total: s.total.plus(b.total),
              available: s.available.plus(b.available),
              pending: s.pending.plus(b.pending),
              locked: s.locked.plus(b.locked),
            }
          : { total: b.total, available: b.available, pending: b.pending, locked: b.locked },
      );
    }
  }
  reads.sort((a, b) => a.getTime() - b.getTime());
  return {
    summary: [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([tokenId, s]) => view({ tokenId, ...s })),
    oldestReadAt: reads[0]?.toISOString() ?? null,
    newestReadAt: reads[reads.length - 1]?.toISOString() ?? null,
    unreadWallets: wallets.filter((w) => !w.balancesReadAt).length,
    wallets: wallets.map((w) => ({
      id: w.id,
      coboWalletId: w.coboWalletId,
      name: w.name,
      readAt: w.balancesReadAt?.toISOString() ?? null,
      balances: w.balances.map(view),
      addresses: w.addresses.map((a) => ({
        id: a.id,
        address: a.address,
        chainId: a.chainId,
        readAt: a.balancesReadAt?.toISOString() ?? null,
        balances: a.balances.map(view),
      })),
    })),
  };
}
