import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { mergeOptions, pageParam, pageSizeParam, pageWindow, sortParam, textParam, type ListResult, type SortState } from "@/lib/server/console/list-query";
import { addressRuleRow, addressRuleSelect, ADDRESS_RULE_KINDS, type AddressRuleRow } from "@/lib/server/risk/manage-address-rules";

// Allow and deny lists can grow to hundreds of entries per chain: paged, filterable by kind and
// chain, searchable by address or note, with the console's usual query-string parsing.

const SORTS = ["createdAt", "chainId", "address", "kind"] as const;
type AddressRuleSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<AddressRuleSort> = { id: "createdAt", desc: true };

export const listAddressRulesInput = z.object({
  page: pageParam,
  pageSize: pageSizeParam,
  sort: sortParam(SORTS, DEFAULT_SORT),
  q: textParam,
  kind: textParam,
  chainId: textParam,
});

export type AddressRuleFilters = { q?: string; kind?: string; chainId?: string };

export type ListAddressRulesResult = ListResult<AddressRuleRow, AddressRuleSort, AddressRuleFilters> & {
  kindOptions: string[];
  chainOptions: string[];
};

function orderBy(sort: SortState<AddressRuleSort>): Prisma.RiskAddressRuleOrderByWithRelationInput[] {
  const dir = sort.desc ? "desc" : "asc";
  return [{ [sort.id]: dir }, { id: "asc" }];
}

/** Address rules for the console table (server-side paging, filters and sorting). */
export async function listAddressRules(rawInput: unknown): Promise<ListAddressRulesResult> {
  const input = listAddressRulesInput.parse(rawInput ?? {});
  const where: Prisma.RiskAddressRuleWhereInput = {
    ...(input.q
      ? { OR: [{ address: { contains: input.q, mode: "insensitive" } }, { note: { contains: input.q, mode: "insensitive" } }] }
      : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.chainId ? { chainId: input.chainId } : {}),
  };
  const [total, chains] = await Promise.all([
    db.riskAddressRule.count({ where }),
    db.riskAddressRule.findMany({ distinct: ["chainId"], select: { chainId: true } }),
  ]);
  const window = pageWindow(input.page, input.pageSize, total);
  const rows = await db.riskAddressRule.findMany({ where, orderBy: orderBy(input.sort), skip: window.skip, take: window.pageSize, select: addressRuleSelect });
  return {
    page: window.page,
    pageSize: window.pageSize,
    total: window.total,
    pageCount: window.pageCount,
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, kind: input.kind, chainId: input.chainId },
    kindOptions: [...ADDRESS_RULE_KINDS],
    chainOptions: mergeOptions([], chains.map((c) => c.chainId)),
    rows: rows.map(addressRuleRow),
  };
}
