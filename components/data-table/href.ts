// URL state of a server-side table. Defaults are left out so links stay short and a bookmarked
// URL keeps meaning "the default" if the default changes. Paging is by cursor (`after` / `before`
// name the row a page continues from), so a link to page 40,000 costs what page 1 does; changing
// the sort, a filter or the page size starts again from the first page.

import { DEFAULT_PAGE_SIZE } from "@/components/data-table/page-sizes";
import { formatCount } from "@/components/ui/format";
import type { TotalInfo } from "@/lib/console/list-query";

export type SortState = { id: string; desc: boolean };

export type TableQuery = {
  basePath: string;
  pageSize: number;
  defaultPageSize: number;
  total: TotalInfo;
  /** rows on the page shown */
  rowCount: number;
  nextCursor: string | null;
  prevCursor: string | null;
  sort: SortState;
  defaultSort: SortState;
  /** Current filter values by query-string key (search box, selects, hidden scopes such as vault). */
  filters: Record<string, string | undefined>;
};

/** The listing metadata every lib/server/console list-* result carries. */
export type Listing = {
  pageSize: number;
  total: TotalInfo;
  nextCursor: string | null;
  prevCursor: string | null;
  rows: readonly unknown[];
  sort: SortState;
  defaultSort: SortState;
  filters: Record<string, string | undefined>;
};

export function toTableQuery(basePath: string, listing: Listing): TableQuery {
  return {
    basePath,
    pageSize: listing.pageSize,
    defaultPageSize: DEFAULT_PAGE_SIZE,
    total: listing.total,
    rowCount: listing.rows.length,
    nextCursor: listing.nextCursor,
    prevCursor: listing.prevCursor,
    sort: listing.sort,
    defaultSort: listing.defaultSort,
    filters: listing.filters,
  };
}

export function sortToParam(sort: SortState): string {
  return `${sort.id}.${sort.desc ? "desc" : "asc"}`;
}

/** "1,234", "10,000+" (counting stopped there) or "about 1,000,000" (the database's estimate). */
export function formatTotal(total: TotalInfo): string {
  if (total.kind === "atLeast") return `${formatCount(total.value)}+`;
  if (total.kind === "estimate") return `about ${formatCount(total.value)}`;
  return formatCount(total.value);
}

export function tableHref(
  query: TableQuery,
  overrides: {
    cursor?: { after: string } | { before: string };
    pageSize?: number;
    sort?: SortState;
    filters?: Record<string, string | undefined>;
  } = {},
): string {
  const params = new URLSearchParams();
  const filters = overrides.filters ?? query.filters;
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const sort = overrides.sort ?? query.sort;
  if (sort.id !== query.defaultSort.id || sort.desc !== query.defaultSort.desc) params.set("sort", sortToParam(sort));
  const pageSize = overrides.pageSize ?? query.pageSize;
  if (pageSize !== query.defaultPageSize) params.set("pageSize", String(pageSize));
  const cursor = overrides.cursor;
  if (cursor && "after" in cursor) params.set("after", cursor.after);
  if (cursor && "before" in cursor) params.set("before", cursor.before);
  const search = params.toString();
  return search ? `${query.basePath}?${search}` : query.basePath;
}
