import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { USER_STATUSES } from "@/lib/console/known-values";
import {
  countRows,
  cursorPage,
  distinctValues,
  inPageOrder,
  keysetPage,
  listInput,
  mergeOptions,
  searchCondition,
  textParam,
  type KeysetQuery,
  type ListResult,
  type SortKey,
  type SortState,
} from "@/lib/console/list-query";
import { isoString } from "@/lib/serialize";

// No sort by node count: a relation count has no index, so it would read every user per page.
const SORTS = ["email", "status", "createdAt"] as const;
type UserSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<UserSort> = { id: "createdAt", desc: true };

export const listUsersInput = listInput(SORTS, DEFAULT_SORT, {
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

const CREATED: SortKey = { sql: "u.created_at", type: "timestamptz" };
/** The index-backed key of each sort (users_*_idx, users_email_key); `u.id` follows. */
const SORT_KEYS: Record<UserSort, SortKey[]> = {
  createdAt: [CREATED],
  email: [{ sql: "u.email", type: "text" }],
  status: [{ sql: "u.status", type: "text" }, CREATED],
};

/** The keyset query of one page (exported for the EXPLAIN tests). */
export function usersListQuery(input: z.infer<typeof listUsersInput>): KeysetQuery {
  const where: Prisma.Sql[] = [];
  if (input.q) where.push(searchCondition(["u.email"], input.q));
  if (input.status) where.push(Prisma.sql`u.status = ${input.status}`);
  return {
    from: "users u",
    id: "u.id",
    where,
    keys: SORT_KEYS[input.sort.id],
    sort: input.sort,
    after: input.after,
    before: input.before,
    pageSize: input.pageSize,
  };
}

/** App users for the Users table: search by email, filter by status, server-side paging. */
export async function listUsers(rawInput: unknown): Promise<ListUsersResult> {
  const input = listUsersInput.parse(rawInput ?? {});
  const query = usersListQuery(input);
  const [page, total, storedStatuses] = await Promise.all([
    keysetPage(query),
    countRows({ from: query.from, where: query.where, table: "users" }),
    distinctValues("users", "status"),
  ]);
  // Counted for this page's users only (Prisma's relation _count aggregates the whole table).
  const [users, nodeCounts] = await Promise.all([
    db.user.findMany({
      where: { id: { in: page.ids } },
      select: {
        id: true,
        email: true,
        status: true,
        createdAt: true,
        vault: { select: { id: true, coboVaultId: true, status: true } },
      },
    }),
    db.tssNode.groupBy({ by: ["userId"], where: { userId: { in: page.ids } }, _count: { _all: true } }),
  ]);
  const nodeCount = new Map(nodeCounts.map((c) => [c.userId, c._count._all]));
  return {
    ...cursorPage(input.pageSize, total, page),
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, status: input.status },
    statusOptions: mergeOptions(USER_STATUSES, storedStatuses),
    rows: inPageOrder(page.ids, users).map((u) => ({
      id: u.id,
      email: u.email,
      status: u.status,
      createdAt: isoString(u.createdAt),
      vaultId: u.vault?.id ?? null,
      coboVaultId: u.vault?.coboVaultId ?? null,
      vaultStatus: u.vault?.status ?? null,
      nodeCount: nodeCount.get(u.id) ?? 0,
    })),
  };
}
