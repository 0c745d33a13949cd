import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { VAULT_STATUSES } from "@/lib/server/console/known-values";
import { mergeOptions, pageParam, pageSizeParam, pageWindow, sortParam, textParam, type ListResult, type SortState, orderBySort } from "@/lib/server/console/list-query";
import { isoString } from "@/lib/server/console/serialize";

const SORTS = ["createdAt", "status", "coboVaultId", "name"] as const;
type VaultSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<VaultSort> = { id: "createdAt", desc: true };

export const listVaultsInput = z.object({
  page: pageParam,
  pageSize: pageSizeParam,
  sort: sortParam(SORTS, DEFAULT_SORT),
  q: textParam,
  status: textParam,
});

export type VaultRow = {
  id: string;
  /** null while the create call to Cobo is in flight. */
  coboVaultId: string | null;
  name: string;
  status: string;
  userId: string;
  userEmail: string;
  activeMainGroupCoboId: string | null;
  groupCount: number;
  walletCount: number;
  createdAt: string;
};

export type VaultFilters = { q?: string; status?: string };

export type ListVaultsResult = ListResult<VaultRow, VaultSort, VaultFilters> & { statusOptions: string[] };

function orderBy(sort: SortState<VaultSort>): Prisma.VaultOrderByWithRelationInput[] {
  return orderBySort<VaultSort, Prisma.VaultOrderByWithRelationInput>(sort);
}

/** Vaults for the Vaults table; the search box matches Cobo vault id, vault name or owner email. */
export async function listVaults(rawInput: unknown): Promise<ListVaultsResult> {
  const input = listVaultsInput.parse(rawInput ?? {});
  const where: Prisma.VaultWhereInput = {
    ...(input.q
      ? {
          OR: [
            { coboVaultId: { contains: input.q, mode: "insensitive" } },
            { name: { contains: input.q, mode: "insensitive" } },
            { user: { email: { contains: input.q, mode: "insensitive" } } },
          ],
        }
      : {}),
    ...(input.status ? { status: input.status } : {}),
  };
  const [total, storedStatuses] = await Promise.all([
    db.vault.count({ where }),
    db.vault.findMany({ distinct: ["status"], select: { status: true } }),
  ]);
  const window = pageWindow(input.page, input.pageSize, total);
  const vaults = await db.vault.findMany({
    where,
    orderBy: orderBy(input.sort),
    skip: window.skip,
    take: window.pageSize,
    select: {
      id: true,
      coboVaultId: true,
      name: true,
      status: true,
      createdAt: true,
      user: { select: { id: true, email: true } },
      activeMainGroup: { select: { coboGroupId: true } },
      _count: { select: { groups: true, wallets: true } },
    },
  });
  return {
    page: window.page,
    pageSize: window.pageSize,
    total: window.total,
    pageCount: window.pageCount,
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, status: input.status },
    statusOptions: mergeOptions(VAULT_STATUSES, storedStatuses.map((s) => s.status)),
    rows: vaults.map((v) => ({
      id: v.id,
      coboVaultId: v.coboVaultId,
      name: v.name,
      status: v.status,
      userId: v.user.id,
      userEmail: v.user.email,
      activeMainGroupCoboId: v.activeMainGroup?.coboGroupId ?? null,
      groupCount: v._count.groups,
      walletCount: v._count.wallets,
      createdAt: isoString(v.createdAt),
    })),
  };
}
