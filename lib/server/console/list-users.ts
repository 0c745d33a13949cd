import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { USER_STATUSES } from "@/lib/server/console/known-values";
import { mergeOptions, pageParam, pageSizeParam, pageWindow, sortParam, textParam, type ListResult, type SortState, orderBySort } from "@/lib/server/console/list-query";
import { isoString } from "@/lib/server/console/serialize";

const SORTS = ["email", "status", "createdAt", "nodeCount"] as const;
type UserSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<UserSort> = { id: "createdAt", desc: true };

export const listUsersInput = z.object({
  page: pageParam,
  pageSize: pageSizeParam,
  sort: sortParam(SORTS, DEFAULT_SORT),
  q: textParam,
  status: textParam,
});

export type UserRow = {
  id: string;
  email: string;
  status: string;
  createdAt: string;
  vaultId: string | null;
  coboVaultId: string | null;
  vaultStatus: string | null;
  nodeCount: number;
};

export type UserFilters = { q?: string; status?: string };

export type ListUsersResult = ListResult<UserRow, UserSort, UserFilters> & { statusOptions: string[] };

function orderBy(sort: SortState<UserSort>): Prisma.UserOrderByWithRelationInput[] {
  return orderBySort<UserSort, Prisma.UserOrderByWithRelationInput>(sort, { nodeCount: (dir) => ({ tssNodes: { _count: dir } }) });
}

/** App users for the Users table: search by email, filter by status, server-side paging. */
export async function listUsers(rawInput: unknown): Promise<ListUsersResult> {
  const input = listUsersInput.parse(rawInput ?? {});
  const where: Prisma.UserWhereInput = {
    ...(input.q ? { email: { contains: input.q, mode: "insensitive" } } : {}),
    ...(input.status ? { status: input.status } : {}),
  };
  const [total, storedStatuses] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({ distinct: ["status"], select: { status: true } }),
  ]);
  const window = pageWindow(input.page, input.pageSize, total);
  const users = await db.user.findMany({
    where,
    orderBy: orderBy(input.sort),
    skip: window.skip,
    take: window.pageSize,
    select: {
      id: true,
      email: true,
      status: true,
      createdAt: true,
      vault: { select: { id: true, coboVaultId: true, status: true } },
      _count: { select: { tssNodes: true } },
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
    statusOptions: mergeOptions(USER_STATUSES, storedStatuses.map((s) => s.status)),
    rows: users.map((u) => ({
      id: u.id,
      email: u.email,
      status: u.status,
      createdAt: isoString(u.createdAt),
      vaultId: u.vault?.id ?? null,
      coboVaultId: u.vault?.coboVaultId ?? null,
      vaultStatus: u.vault?.status ?? null,
      nodeCount: u._count.tssNodes,
    })),
  };
}
