// Mirrors lib/console/list-query.ts (a client bundle must not import server-only code);
// the server ignores any page size outside this list.
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
