import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { VAULT_STATUSES } from "@/lib/console/known-values";
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

const SORTS = ["createdAt", "status", "coboVaultId", "name"] as const;
type VaultSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<VaultSort> = { id: "createdAt", desc: true };

export const listVaultsInput = listInput(SORTS, DEFAULT_SORT, {
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

const CREATED: SortKey = { sql: "v.created_at", type: "timestamptz" };
/** The index-backed key of each sort (vaults_*_idx); `v.id` follows. A vault being created has no Cobo id yet: it sorts as "". */
const SORT_KEYS: Record<VaultSort, SortKey[]> = {
  createdAt: [CREATED],
  status: [{ sql: "v.status", type: "text" }, CREATED],
  coboVaultId: [{ sql: "coalesce(v.cobo_vault_id, '')", type: "text" }],
  name: [{ sql: "v.name", type: "text" }],
};

/** The keyset query of one page (exported for the EXPLAIN tests). */
export function vaultsListQuery(input: z.infer<typeof listVaultsInput>): KeysetQuery {
  const where: Prisma.Sql[] = [];
  if (input.q)
    // Two index-backed searches joined by id (an OR across the join could use neither index).
    where.push(Prisma.sql`v.id IN (
      SELECT v2.id FROM vaults v2 WHERE ${searchCondition(["v2.cobo_vault_id", "v2.name"], input.q)}
      UNION SELECT v3.id FROM vaults v3 JOIN users u ON u.id = v3.user_id WHERE ${searchCondition(["u.email"], input.q)})`);
  if (input.status) where.push(Prisma.sql`v.status = ${input.status}`);
  return {
    from: "vaults v",
    id: "v.id",
    where,
    keys: SORT_KEYS[input.sort.id],
    sort: input.sort,
    after: input.after,
    before: input.before,
    pageSize: input.pageSize,
  };
}

/** Vaults for the Vaults table; the search box matches Cobo vault id, vault name or owner email. */
export async function listVaults(rawInput: unknown): Promise<ListVaultsResult> {
  const input = listVaultsInput.parse(rawInput ?? {});
  const query = vaultsListQuery(input);
  const [page, total, storedStatuses] = await Promise.all([
    keysetPage(query),
    countRows({ from: query.from, where: query.where, table: "vaults" }),
    distinctValues("vaults", "status"),
  ]);
  // Counted for this page's vaults only (Prisma's relation _count aggregates the whole table).
  const [vaults, groupCounts, walletCounts] = await Promise.all([
    db.vault.findMany({
      where: { id: { in: page.ids } },
      select: {
        id: true,
        coboVaultId: true,
        name: true,
        status: true,
        createdAt: true,
        user: { select: { id: true, email: true } },
        activeMainGroup: { select: { coboGroupId: true } },
      },
    }),
    db.keyShareHolderGroup.groupBy({ by: ["vaultId"], where: { vaultId: { in: page.ids } }, _count: { _all: true } }),
    db.wallet.groupBy({ by: ["vaultId"], where: { vaultId: { in: page.ids } }, _count: { _all: true } }),
  ]);
  const groupCount = new Map(groupCounts.map((c) => [c.vaultId, c._count._all]));
  const walletCount = new Map(walletCounts.map((c) => [c.vaultId, c._count._all]));
  return {
    ...cursorPage(input.pageSize, total, page),
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, status: input.status },
    statusOptions: mergeOptions(VAULT_STATUSES, storedStatuses),
    rows: inPageOrder(page.ids, vaults).map((v) => ({
      id: v.id,
      coboVaultId: v.coboVaultId,
      name: v.name,
      status: v.status,
      userId: v.user.id,
      userEmail: v.user.email,
      activeMainGroupCoboId: v.activeMainGroup?.coboGroupId ?? null,
      groupCount: groupCount.get(v.id) ?? 0,
      walletCount: walletCount.get(v.id) ?? 0,
      createdAt: isoString(v.createdAt),
    })),
  };
}
