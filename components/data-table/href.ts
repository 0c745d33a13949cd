// URL state of a server-side table. Defaults are left out so links stay short and a bookmarked
// URL keeps meaning "the default" if the default changes.

import { DEFAULT_PAGE_SIZE } from "@/components/data-table/page-sizes";

export type SortState = { id: string; desc: boolean };

export type TableQuery = {
  basePath: string;
  page: number;
  pageSize: number;
  defaultPageSize: number;
  total: number;
  pageCount: number;
  sort: SortState;
  defaultSort: SortState;
  /** Current filter values by query-string key (search box, selects, hidden scopes such as vault). */
  filters: Record<string, string | undefined>;
};

/** The listing metadata every lib/server/console list-* result carries. */
export type Listing = {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  sort: SortState;
  defaultSort: SortState;
  filters: Record<string, string | undefined>;
};

export function toTableQuery(basePath: string, listing: Listing): TableQuery {
  return {
    basePath,
    page: listing.page,
    pageSize: listing.pageSize,
    defaultPageSize: DEFAULT_PAGE_SIZE,
    total: listing.total,
    pageCount: listing.pageCount,
    sort: listing.sort,
    defaultSort: listing.defaultSort,
    filters: listing.filters,
  };
}

export function sortToParam(sort: SortState): string {
  return `${sort.id}.${sort.desc ? "desc" : "asc"}`;
}

export function tableHref(
  query: TableQuery,
  overrides: { page?: number; pageSize?: number; sort?: SortState; filters?: Record<string, string | undefined> } = {},
): string {
  const params = new URLSearchParams();
  const filters = overrides.filters ?? query.filters;
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const sort = overrides.sort ?? query.sort;
  if (sort.id !== query.defaultSort.id || sort.desc !== query.defaultSort.desc) params.set("sort", sortToParam(sort));
  const pageSize = overrides.pageSize ?? query.pageSize;
  if (pageSize !== query.defaultPageSize) params.set("pageSize", String(pageSize));
  const page = overrides.page ?? 1;
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${query.basePath}?${search}` : query.basePath;
}
