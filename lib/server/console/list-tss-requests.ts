import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { TSS_REQUEST_STATUSES, TSS_REQUEST_TYPES } from "@/lib/server/console/known-values";
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
import { isoString, isoStringOrNull } from "@/lib/server/console/serialize";

const SORTS = ["createdAt", "updatedAt", "status", "type"] as const;
type TssRequestSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<TssRequestSort> = { id: "createdAt", desc: true };

export const listTssRequestsInput = z.object({
  page: pageParam,
  pageSize: pageSizeParam,
  sort: sortParam(SORTS, DEFAULT_SORT),
  q: textParam,
  status: textParam,
  type: textParam,
  vault: idParam,
});

export type TssRequestRow = {
  id: string;
  coboTssRequestId: string;
  type: string;
  status: string;
  vaultId: string;
  coboVaultId: string | null;
  userId: string;
  userEmail: string;
  targetGroupCoboId: string | null;
  targetGroupType: string;
  createdAt: string;
  updatedAt: string;
  finalizedAt: string | null;
};

export type TssRequestFilters = { q?: string; status?: string; type?: string; vault?: string };

export type ListTssRequestsResult = ListResult<TssRequestRow, TssRequestSort, TssRequestFilters> & {
  /** The vault a "view all" link scoped the list to, named for the page. */
  scopeVault: { id: string; coboVaultId: string | null } | null;
  statusOptions: string[];
  typeOptions: string[];
};

/** The narrow read shared by every TSS request table (list, dashboard, user and vault pages). */
export const tssRequestRowSelect = {
  id: true,
  coboTssRequestId: true,
  type: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  finalizedAt: true,
  vault: { select: { id: true, coboVaultId: true, user: { select: { id: true, email: true } } } },
  targetGroup: { select: { coboGroupId: true, groupType: true } },
} satisfies Prisma.TssRequestSelect;

export function toTssRequestRow(r: Prisma.TssRequestGetPayload<{ select: typeof tssRequestRowSelect }>): TssRequestRow {
  return {
    id: r.id,
    coboTssRequestId: r.coboTssRequestId,
    type: r.type,
    status: r.status,
    vaultId: r.vault.id,
    coboVaultId: r.vault.coboVaultId,
    userId: r.vault.user.id,
    userEmail: r.vault.user.email,
    targetGroupCoboId: r.targetGroup.coboGroupId,
    targetGroupType: r.targetGroup.groupType,
    createdAt: isoString(r.createdAt),
    updatedAt: isoString(r.updatedAt),
    finalizedAt: isoStringOrNull(r.finalizedAt),
  };
}

function orderBy(sort: SortState<TssRequestSort>): Prisma.TssRequestOrderByWithRelationInput[] {
  return orderBySort<TssRequestSort, Prisma.TssRequestOrderByWithRelationInput>(sort);
}

/** TSS requests for the TSS requests table, filterable by status, type and vault. */
export async function listTssRequests(rawInput: unknown): Promise<ListTssRequestsResult> {
  const input = listTssRequestsInput.parse(rawInput ?? {});
  const where: Prisma.TssRequestWhereInput = {
    ...(input.q ? { coboTssRequestId: { contains: input.q, mode: "insensitive" } } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.type ? { type: input.type } : {}),
    ...(input.vault ? { vaultId: input.vault } : {}),
  };
  const [total, storedStatuses, storedTypes] = await Promise.all([
    db.tssRequest.count({ where }),
    db.tssRequest.findMany({ distinct: ["status"], select: { status: true } }),
    db.tssRequest.findMany({ distinct: ["type"], select: { type: true } }),
  ]);
  const window = pageWindow(input.page, input.pageSize, total);
  const scopeVault = input.vault
    ? await db.vault.findUnique({ where: { id: input.vault }, select: { id: true, coboVaultId: true } })
    : null;
  const rows = await db.tssRequest.findMany({
    where,
    orderBy: orderBy(input.sort),
    skip: window.skip,
    take: window.pageSize,
    select: tssRequestRowSelect,
  });
  return {
    page: window.page,
    pageSize: window.pageSize,
    total: window.total,
    pageCount: window.pageCount,
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    scopeVault,
    filters: { q: input.q, status: input.status, type: input.type, vault: input.vault },
    statusOptions: mergeOptions(TSS_REQUEST_STATUSES, storedStatuses.map((s) => s.status)),
    typeOptions: mergeOptions(TSS_REQUEST_TYPES, storedTypes.map((t) => t.type)),
    rows: rows.map(toTssRequestRow),
  };
}
