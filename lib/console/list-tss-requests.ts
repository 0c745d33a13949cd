import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { TSS_REQUEST_STATUSES, TSS_REQUEST_TYPES } from "@/lib/console/known-values";
import {
  countRows,
  cursorPage,
  dateParam,
  dateRangeConditions,
  distinctValues,
  durationMs,
  durationParam,
  idParam,
  inPageOrder,
  keysetPage,
  listInput,
  mergeOptions,
  notInLiteral,
  searchCondition,
  textParam,
  timestampSql,
  userIdSql,
  type KeysetQuery,
  type ListResult,
  type SortKey,
  type SortState,
} from "@/lib/console/list-query";
import { isoString, isoStringOrNull } from "@/lib/serialize";
import { TSS_FINAL_STATUSES } from "@/lib/server/tss-requests/tss-status";

const SORTS = ["createdAt", "updatedAt", "status", "type"] as const;
type TssRequestSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<TssRequestSort> = { id: "createdAt", desc: true };

export const listTssRequestsInput = listInput(SORTS, DEFAULT_SORT, {
  q: textParam,
  status: textParam,
  type: textParam,
  vault: idParam,
  /** created on or after (a date is a whole UTC day) */
  from: dateParam,
  /** created on or before */
  to: dateParam,
  /** the app user: id or email */
  user: textParam,
  /** not final, and no status change for this long (`30m`, `2h`, `3d`) */
  stuck: durationParam,
});

/** The filters a TSS requests view reads from the URL. */
export const TSS_REQUEST_FILTER_KEYS = ["q", "status", "type", "vault", "from", "to", "user", "stuck"] as const;

export type ConsoleTssRequestRow = {
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

export type TssRequestFilters = Partial<Record<(typeof TSS_REQUEST_FILTER_KEYS)[number], string>>;

export type ListTssRequestsResult = ListResult<ConsoleTssRequestRow, TssRequestSort, TssRequestFilters> & {
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

export function toTssRequestRow(r: Prisma.TssRequestGetPayload<{ select: typeof tssRequestRowSelect }>): ConsoleTssRequestRow {
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

const CREATED: SortKey = { sql: "r.created_at", type: "timestamptz" };
/** The index-backed key of each sort (tss_requests_*_idx in the console_list_indexes migration); `r.id` follows. */
const SORT_KEYS: Record<TssRequestSort, SortKey[]> = {
  createdAt: [CREATED],
  updatedAt: [{ sql: "r.updated_at", type: "timestamptz" }],
  status: [{ sql: "r.status", type: "text" }, CREATED],
  type: [{ sql: "r.type", type: "text" }, CREATED],
};

/** The keyset query of one page (exported for the EXPLAIN tests). */
export function tssRequestsListQuery(input: z.infer<typeof listTssRequestsInput>): KeysetQuery {
  const where: Prisma.Sql[] = [];
  if (input.q) where.push(searchCondition(["r.cobo_tss_request_id"], input.q));
  if (input.status) where.push(Prisma.sql`r.status = ${input.status}`);
  if (input.type) where.push(Prisma.sql`r.type = ${input.type}`);
  if (input.vault) where.push(Prisma.sql`r.vault_id = ${input.vault}::uuid`);
  where.push(...dateRangeConditions("r.created_at", input.from, input.to));
  // A user has one vault: tss_requests_vault_id_created_at_id_idx serves the filter.
  if (input.user) where.push(Prisma.sql`r.vault_id IN (SELECT v.id FROM vaults v WHERE v.user_id = ${userIdSql(input.user)})`);
  if (input.stuck) {
    // Not final (tss_requests_open_created_at_idx), older than the cutoff, no status change since.
    const cutoff = timestampSql(new Date(Date.now() - durationMs(input.stuck)));
    where.push(notInLiteral("r.status", TSS_FINAL_STATUSES));
    where.push(Prisma.sql`r.created_at < ${cutoff}`);
    // A scalar subquery (one index probe per open row), as in list-transactions.ts.
    where.push(
      Prisma.sql`coalesce((SELECT max(c.occurred_at) FROM tss_request_status_changes c WHERE c.tss_request_id = r.id AND c.applied), '-infinity') < ${cutoff}`,
    );
  }
  return {
    from: "tss_requests r",
    id: "r.id",
    where,
    keys: SORT_KEYS[input.sort.id],
    sort: input.sort,
    after: input.after,
    before: input.before,
    pageSize: input.pageSize,
  };
}

/** TSS requests for the TSS requests table, filterable by status, type and vault. */
export async function listTssRequests(rawInput: unknown): Promise<ListTssRequestsResult> {
  const input = listTssRequestsInput.parse(rawInput ?? {});
  const query = tssRequestsListQuery(input);
  const [page, total, storedStatuses, storedTypes, scopeVault] = await Promise.all([
    keysetPage(query),
    countRows({ from: query.from, where: query.where, table: "tss_requests" }),
    distinctValues("tss_requests", "status"),
    distinctValues("tss_requests", "type"),
    input.vault ? db.vault.findUnique({ where: { id: input.vault }, select: { id: true, coboVaultId: true } }) : null,
  ]);
  const rows = await db.tssRequest.findMany({ where: { id: { in: page.ids } }, select: tssRequestRowSelect });
  return {
    ...cursorPage(input.pageSize, total, page),
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    scopeVault,
    filters: Object.fromEntries(TSS_REQUEST_FILTER_KEYS.map((k) => [k, input[k]])),
    statusOptions: mergeOptions(TSS_REQUEST_STATUSES, storedStatuses),
    typeOptions: mergeOptions(TSS_REQUEST_TYPES, storedTypes),
    rows: inPageOrder(page.ids, rows).map(toTssRequestRow),
  };
}
