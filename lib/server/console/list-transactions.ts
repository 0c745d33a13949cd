import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { TRANSACTION_STATUSES, TRANSACTION_TYPES } from "@/lib/server/console/known-values";
import {
  idParam,
  mergeOptions,
  pageParam,
  pageSizeParam,
  pageWindow,
  sortParam,
  textParam,
  type ListResult,
  type SortState,
  orderBySort,
} from "@/lib/server/console/list-query";
import { decimalString, isoString } from "@/lib/server/console/serialize";

const SORTS = ["createdAt", "status", "type", "chainId", "amount"] as const;
type TransactionSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<TransactionSort> = { id: "createdAt", desc: true };

export const listTransactionsInput = z.object({
  page: pageParam,
  pageSize: pageSizeParam,
  sort: sortParam(SORTS, DEFAULT_SORT),
  q: textParam,
  status: textParam,
  type: textParam,
  chain: textParam,
  vault: idParam,
});

export type TransactionRow = {
  id: string;
  requestId: string;
  coboTransactionId: string | null;
  type: string;
  chainId: string;
  tokenId: string;
  /** Decimal string, never a number. */
  amount: string;
  status: string;
  subStatus: string | null;
  transactionHash: string | null;
  vaultId: string;
  userId: string;
  userEmail: string;
  createdAt: string;
};

export type TransactionFilters = { q?: string; status?: string; type?: string; chain?: string; vault?: string };

export type ListTransactionsResult = ListResult<TransactionRow, TransactionSort, TransactionFilters> & {
  /** The vault a "view all" link scoped the list to, named for the page. */
  scopeVault: { id: string; coboVaultId: string | null } | null;
  statusOptions: string[];
  typeOptions: string[];
  chainOptions: string[];
};

/** The narrow read shared by every transaction table (list, dashboard, user and vault pages). */
export const transactionRowSelect = {
  id: true,
  requestId: true,
  coboTransactionId: true,
  type: true,
  chainId: true,
  tokenId: true,
  amount: true,
  status: true,
  subStatus: true,
  transactionHash: true,
  createdAt: true,
  wallet: { select: { vault: { select: { id: true, user: { select: { id: true, email: true } } } } } },
} satisfies Prisma.TransactionSelect;

export function toTransactionRow(t: Prisma.TransactionGetPayload<{ select: typeof transactionRowSelect }>): TransactionRow {
  return {
    id: t.id,
    requestId: t.requestId,
    coboTransactionId: t.coboTransactionId,
    type: t.type,
    chainId: t.chainId,
    tokenId: t.tokenId,
    amount: decimalString(t.amount),
    status: t.status,
    subStatus: t.subStatus,
    transactionHash: t.transactionHash,
    vaultId: t.wallet.vault.id,
    userId: t.wallet.vault.user.id,
    userEmail: t.wallet.vault.user.email,
    createdAt: isoString(t.createdAt),
  };
}

function orderBy(sort: SortState<TransactionSort>): Prisma.TransactionOrderByWithRelationInput[] {
  return orderBySort<TransactionSort, Prisma.TransactionOrderByWithRelationInput>(sort);
}

/** Transactions for the Transactions table; the search box matches Cobo id, request id or hash. */
export async function listTransactions(rawInput: unknown): Promise<ListTransactionsResult> {
  const input = listTransactionsInput.parse(rawInput ?? {});
  const where: Prisma.TransactionWhereInput = {
    ...(input.q
      ? {
          OR: [
            { coboTransactionId: { contains: input.q, mode: "insensitive" } },
            { requestId: { contains: input.q, mode: "insensitive" } },
            { transactionHash: { contains: input.q, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.type ? { type: input.type } : {}),
    ...(input.chain ? { chainId: input.chain } : {}),
    ...(input.vault ? { wallet: { vaultId: input.vault } } : {}),
  };
  const [total, storedStatuses, storedTypes, storedChains] = await Promise.all([
    db.transaction.count({ where }),
    db.transaction.findMany({ distinct: ["status"], select: { status: true } }),
    db.transaction.findMany({ distinct: ["type"], select: { type: true } }),
    db.transaction.findMany({ distinct: ["chainId"], select: { chainId: true } }),
  ]);
  const window = pageWindow(input.page, input.pageSize, total);
  const scopeVault = input.vault
    ? await db.vault.findUnique({ where: { id: input.vault }, select: { id: true, coboVaultId: true } })
    : null;
  const rows = await db.transaction.findMany({
    where,
    orderBy: orderBy(input.sort),
    skip: window.skip,
    take: window.pageSize,
    select: transactionRowSelect,
  });
  return {
    page: window.page,
    pageSize: window.pageSize,
    total: window.total,
    pageCount: window.pageCount,
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    scopeVault,
    filters: { q: input.q, status: input.status, type: input.type, chain: input.chain, vault: input.vault },
    statusOptions: mergeOptions(TRANSACTION_STATUSES, storedStatuses.map((s) => s.status)),
    typeOptions: mergeOptions(TRANSACTION_TYPES, storedTypes.map((t) => t.type)),
    // Chains have no fixed list: offer only the ones we hold transactions on.
    chainOptions: mergeOptions([], storedChains.map((c) => c.chainId)),
    rows: rows.map(toTransactionRow),
  };
}
