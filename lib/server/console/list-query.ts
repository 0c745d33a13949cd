import "server-only";
import { z } from "zod";
import { safeString } from "@/lib/http/safe-input";

// Shared parsing for the console's list pages. Query strings are user-editable and bookmarked, so a
// malformed value falls back to its default instead of failing the page: an operator with a stale
// link still gets a useful table.

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export type SortState<K extends string = string> = { id: K; desc: boolean };

/** Next.js gives string | string[] | undefined per key; only the first value counts. */
const first = (value: unknown): unknown => (Array.isArray(value) ? (value[0] as unknown) : value);

export const pageParam = z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000)).catch(1);

export const pageSizeParam = z
  .preprocess(
    first,
    z.coerce
      .number()
      .int()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n)),
  )
  .catch(DEFAULT_PAGE_SIZE);

/**
 * Free text (search box or a Cobo enum value): trimmed, empty means "no filter". Text the database
 * could not compare (NUL, unpaired surrogates) is no filter either, like any other malformed value.
 */
export const textParam = z
  .preprocess(first, safeString().trim().max(200).optional())
  .transform((v) => (v === undefined || v === "" ? undefined : v))
  .catch(undefined);

/** One of our own row ids; anything else (not a UUID-shaped string) means "no filter". */
export const idParam = z
  .preprocess(first, z.guid().optional())
  .catch(undefined);

/** "<column>.<asc|desc>" restricted to the columns the query can sort on. */
export function sortParam<K extends string>(keys: readonly K[], fallback: SortState<K>) {
  return z
    .preprocess(first, z.string())
    .transform((raw, ctx): SortState<K> => {
      const [id, dir] = raw.split(".");
      const key = keys.find((k) => k === id);
      if (key === undefined || (dir !== "asc" && dir !== "desc")) {
        ctx.addIssue({ code: "custom", message: "unknown sort" });
        return z.NEVER;
      }
      return { id: key, desc: dir === "desc" };
    })
    .catch(fallback);
}

export type PageInfo = { page: number; pageSize: number; total: number; pageCount: number };

/** Clamps the requested page to what exists, so a shrinking table never shows a blank page. */
export function pageWindow(requestedPage: number, pageSize: number, total: number): PageInfo & { skip: number } {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(requestedPage, pageCount);
  return { page, pageSize, total, pageCount, skip: (page - 1) * pageSize };
}

/** Known values first (stable filter menus), then any value Cobo introduced that we have stored. */
export function mergeOptions(known: readonly string[], stored: readonly string[]): string[] {
  const extra = stored.filter((v) => !known.includes(v)).sort((a, b) => a.localeCompare(b));
  return [...known, ...extra];
}

export type ListResult<Row, Sort extends string, Filters> = PageInfo & {
  rows: Row[];
  sort: SortState<Sort>;
  defaultSort: SortState<Sort>;
  filters: Filters;
};

/**
 * Prisma `orderBy` for a table's sort: the sorted column, then `id`, so that paging stays stable
 * when many rows share the sorted value. Sort keys name model fields, except those `special` maps
 * (e.g. a relation count).
 */
export function orderBySort<K extends string, O>(sort: SortState<K>, special: Partial<Record<K, (dir: "asc" | "desc") => O>> = {}): O[] {
  const dir = sort.desc ? "desc" : "asc";
  const primary = special[sort.id]?.(dir) ?? ({ [sort.id]: dir } as O);
  return [primary, { id: "asc" } as O];
}
