import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  countRows,
  cursorPage,
  distinctValues,
  escapeLike,
  inPageOrder,
  keysetPage,
  listInput,
  mergeOptions,
  textParam,
  type KeysetQuery,
  type ListResult,
  type SortKey,
  type SortState,
} from "@/lib/console/list-query";
import { addressRuleRow, addressRuleSelect, ADDRESS_RULE_KINDS, type AddressRuleRow } from "@/lib/server/risk/manage-address-rules";

// Allow and deny lists can grow to hundreds of entries per chain: paged, filterable by kind and
// chain, searchable by address or note, with the console's usual query-string parsing.

const SORTS = ["createdAt", "chainId", "address", "kind"] as const;
type AddressRuleSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<AddressRuleSort> = { id: "createdAt", desc: true };

export const listAddressRulesInput = listInput(SORTS, DEFAULT_SORT, {
  q: textParam,
  kind: textParam,
  chainId: textParam,
});

export type AddressRuleFilters = { q?: string; kind?: string; chainId?: string };

export type ListAddressRulesResult = ListResult<AddressRuleRow, AddressRuleSort, AddressRuleFilters> & {
  kindOptions: string[];
  chainOptions: string[];
};

const CREATED: SortKey = { sql: "r.created_at", type: "timestamptz" };
// Hundreds of rows at most (an admin enters each one): no dedicated indexes beyond the unique one.
const SORT_KEYS: Record<AddressRuleSort, SortKey[]> = {
  createdAt: [CREATED],
  chainId: [{ sql: "r.chain_id", type: "text" }, CREATED],
  address: [{ sql: "r.address", type: "text" }],
  kind: [{ sql: "r.kind", type: "text" }, CREATED],
};

/** The keyset query of one page (exported for the EXPLAIN tests). */
export function addressRulesListQuery(input: z.infer<typeof listAddressRulesInput>): KeysetQuery {
  const where: Prisma.Sql[] = [];
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    where.push(Prisma.sql`r.address ILIKE ${pattern} OR r.note ILIKE ${pattern}`);
  }
  if (input.kind) where.push(Prisma.sql`r.kind = ${input.kind}`);
  if (input.chainId) where.push(Prisma.sql`r.chain_id = ${input.chainId}`);
  return {
    from: "risk_address_rules r",
    id: "r.id",
    where,
    keys: SORT_KEYS[input.sort.id],
    sort: input.sort,
    after: input.after,
    before: input.before,
    pageSize: input.pageSize,
  };
}

/** Address rules for the console table (server-side paging, filters and sorting). */
export async function listAddressRules(rawInput: unknown): Promise<ListAddressRulesResult> {
  const input = listAddressRulesInput.parse(rawInput ?? {});
  const query = addressRulesListQuery(input);
  const [page, total, chains] = await Promise.all([
    keysetPage(query),
    countRows({ from: query.from, where: query.where, table: "risk_address_rules" }),
    distinctValues("risk_address_rules", "chain_id"),
  ]);
  const rows = await db.riskAddressRule.findMany({ where: { id: { in: page.ids } }, select: addressRuleSelect });
  return {
    ...cursorPage(input.pageSize, total, page),
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, kind: input.kind, chainId: input.chainId },
    kindOptions: [...ADDRESS_RULE_KINDS],
    chainOptions: mergeOptions([], chains),
    rows: inPageOrder(page.ids, rows).map(addressRuleRow),
  };
}
