import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { safeString } from "@/lib/safe-input";

// Shared parsing and querying for the console's list pages. Query strings are user-editable and
// bookmarked, so a malformed value falls back to its default instead of failing the page: an
// operator with a stale link still gets a useful table.
//
// Every list pages by keyset (a cursor naming the last row shown, never OFFSET), sorts on columns
// an index covers with the row id as the tiebreak, counts at most COUNT_CAP rows, and reads its
// filter menus with a loose index scan. So each page costs about the same at 1k rows and at 1M.

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
/** Counts stop here: "10,000+" is as useful to an operator as an exact figure, and costs no full scan. */
export const COUNT_CAP = 10_000;

export type SortState<K extends string = string> = { id: K; desc: boolean };

/** Next.js gives string | string[] | undefined per key; only the first value counts. */
const first = (value: unknown): unknown => (Array.isArray(value) ? (value[0] as unknown) : value);

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
export const idParam = z.preprocess(first, z.guid().optional()).catch(undefined);

/**
 * A date (`2026-12-01`, a whole UTC day) or an instant (`2026-12-01T10:30:00Z`, with a zone), kept
 * as written so the URL stays readable; `dateBound` turns it into the bound of a range.
 */
export const dateParam = z
  .preprocess(first, z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional())
  .transform((v) => (v !== undefined && Number.isFinite(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v)) ? v : undefined))
  .catch(undefined);

/** The instant a `dateParam` names: a date's first instant (UTC), or for the end of a range the first instant after it. */
export function dateBound(value: string, edge: "from" | "to"): Date {
  if (value.length !== 10) return new Date(value);
  const start = new Date(`${value}T00:00:00Z`);
  return edge === "from" ? start : new Date(start.getTime() + 86_400_000);
}

/** A non-negative decimal amount (`0.5`, `1000`), as text: amounts are never floats. */
export const decimalParam = z
  .preprocess(
    first,
    z
      .string()
      .trim()
      .regex(/^\d{1,35}(\.\d{1,30})?$/)
      .optional(),
  )
  .catch(undefined);

const DURATION_UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration such as `30m`, `2h` or `3d` (1 minute to 365 days), as written. */
export const durationParam = z
  .preprocess(
    first,
    z
      .string()
      .trim()
      .regex(/^[1-9]\d{0,5}[mhd]$/)
      .refine((v) => durationMs(v) <= 365 * DURATION_UNITS.d)
      .optional(),
  )
  .catch(undefined);

/** Milliseconds of a `durationParam` value. */
export function durationMs(value: string): number {
  const unit = value.slice(-1) as keyof typeof DURATION_UNITS;
  return Number(value.slice(0, -1)) * DURATION_UNITS[unit];
}

/**
 * The filter parameters that were given but not understood (the list pages fall back to "no
 * filter" for them; an export refuses them, so it never writes more rows than the person asked for).
 */
export function unreadFilters(raw: Record<string, unknown>, parsed: Record<string, unknown>, keys: readonly string[]): string[] {
  return keys.filter((k) => {
    const given = first(raw[k]);
    return typeof given === "string" && given.trim() !== "" && parsed[k] === undefined;
  });
}

/** An opaque page cursor (`after` / `before`); checked against the sort when it is used. */
export const cursorParam = z.preprocess(
  first,
  z
    .string()
    .max(4000)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .catch(undefined),
);

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

/**
 * A list's query-string input: the cursor (`after` / `before`), the page size and the sort every
 * list takes, and the list's own filters (`q`, status, …).
 */
export function listInput<K extends string, F extends z.ZodRawShape>(sorts: readonly K[], defaultSort: SortState<K>, filters: F) {
  return z.object({ after: cursorParam, before: cursorParam, pageSize: pageSizeParam, sort: sortParam(sorts, defaultSort), ...filters });
}

export const sortToken = (sort: SortState): string => `${sort.id}.${sort.desc ? "desc" : "asc"}`;

/** Known values first (stable filter menus), then any value Cobo introduced that we have stored. */
export function mergeOptions(known: readonly string[], stored: readonly string[]): string[] {
  const extra = stored.filter((v) => !known.includes(v)).sort((a, b) => a.localeCompare(b));
  return [...known, ...extra];
}

// ───────────── keyset pages ─────────────

/** How many rows match: exact up to COUNT_CAP, else a lower bound, or the planner's estimate for a whole table. */
export type TotalInfo = { value: number; kind: "exact" | "atLeast" | "estimate" };

/** What every keyset list returns besides its rows. */
export type CursorPage = {
  pageSize: number;
  total: TotalInfo;
  /** cursor of the page after this one (`?after=`), null on the last page */
  nextCursor: string | null;
  /** cursor of the page before this one (`?before=`), null on the first page */
  prevCursor: string | null;
};

export type ListResult<Row, Sort extends string, Filters> = CursorPage & {
  rows: Row[];
  sort: SortState<Sort>;
  defaultSort: SortState<Sort>;
  filters: Filters;
};

export type KeyType = "timestamptz" | "text" | "numeric" | "int" | "uuid";

/** One column (or expression) of a sort key. `sql` is trusted code, never user input. */
export type SortKey = { sql: string; type: KeyType };

const KEY_PATTERNS: Record<KeyType, RegExp> = {
  timestamptz: /^(-?infinity|\d{4,}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2}){0,2})?)$/,
  numeric: /^-?\d{1,66}(\.\d{1,40})?$/,
  int: /^-?\d{1,10}$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  text: /^[^\u0000]{0,1000}$/,
};

export type DecodedCursor = { dir: "after" | "before"; values: string[] };

function encodeCursor(sort: string, values: string[]): string {
  return Buffer.from(JSON.stringify({ s: sort, k: values }), "utf8").toString("base64url");
}

/** The cursor's key values, if it was made for this sort and every value has its column's shape. */
function decodeCursor(raw: string | undefined, sort: string, keys: SortKey[]): string[] | undefined {
  if (!raw) return undefined;
  try {
    const parsed = z.object({ s: z.string(), k: z.array(z.string()) }).parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (parsed.s !== sort || parsed.k.length !== keys.length) return undefined;
    if (!parsed.k.every((v, i) => KEY_PATTERNS[keys[i]!.type].test(v))) return undefined;
    return parsed.k;
  } catch {
    return undefined;
  }
}

const and = (conditions: Prisma.Sql[]): Prisma.Sql =>
  conditions.length === 0
    ? Prisma.sql`TRUE`
    : Prisma.join(
        conditions.map((c) => Prisma.sql`(${c})`),
        " AND ",
      );

export type KeysetQuery = {
  /** FROM clause, e.g. `transactions t` (trusted). */
  from: string;
  /** the table's id column, e.g. `t.id` (uuid): the tiebreak of every sort */
  id: string;
  where: Prisma.Sql[];
  /** the sort's columns before the id */
  keys: SortKey[];
  sort: SortState;
  after?: string;
  before?: string;
  pageSize: number;
};

const allKeys = (q: KeysetQuery): SortKey[] => [...q.keys, { sql: q.id, type: "uuid" }];

function resolveCursor(q: KeysetQuery): DecodedCursor | undefined {
  const keys = allKeys(q);
  const token = sortToken(q.sort);
  const after = decodeCursor(q.after, token, keys);
  if (after) return { dir: "after", values: after };
  const before = decodeCursor(q.before, token, keys);
  return before ? { dir: "before", values: before } : undefined;
}

/** The SQL of one page: the sort's key values (as text, for the next cursor) of up to pageSize + 1 rows. */
export function keysetSql(q: KeysetQuery, cursor: DecodedCursor | null = resolveCursor(q) ?? null): Prisma.Sql {
  const keys = allKeys(q);
  // Scanning backwards from a `before` cursor reverses the order; keysetPage reverses the rows again.
  const scanDesc = q.sort.desc !== (cursor?.dir === "before");
  const dir = Prisma.raw(scanDesc ? "DESC" : "ASC");
  const cols = Prisma.raw(keys.map((k) => k.sql).join(", "));
  const conditions = [...q.where];
  if (cursor) {
    const bound = Prisma.join(
      cursor.values.map((v, i) => Prisma.sql`CAST(${v} AS ${Prisma.raw(keys[i]!.type)})`),
      ", ",
    );
    conditions.push(Prisma.sql`(${cols}) ${Prisma.raw(scanDesc ? "<" : ">")} (${bound})`);
  }
  const select = Prisma.raw(keys.map((k, i) => `(${k.sql})::text AS k${i}`).join(", "));
  const order = Prisma.join(
    keys.map((k) => Prisma.sql`${Prisma.raw(k.sql)} ${dir}`),
    ", ",
  );
  return Prisma.sql`SELECT ${select} FROM ${Prisma.raw(q.from)} WHERE ${and(conditions)} ORDER BY ${order} LIMIT ${q.pageSize + 1}`;
}

/**
 * One page of ids in sort order. Sorting on (keys…, id) in one direction lets a single b-tree
 * index serve both directions, and the row-wise comparison `(k1, k2, id) < (…)` is an index bound,
 * so a page deep in the table costs what the first one does.
 */
export async function keysetPage(q: KeysetQuery): Promise<{ ids: string[]; nextCursor: string | null; prevCursor: string | null }> {
  const keys = allKeys(q);
  const token = sortToken(q.sort);
  const cursor = resolveCursor(q);
  const run = async (c: DecodedCursor | null) => {
    const rows = await db.$queryRaw<Record<string, string>[]>(keysetSql(q, c));
    return rows.map((r) => keys.map((_, i) => r[`k${i}`]!));
  };

  let found = await run(cursor ?? null);
  let hasNext: boolean;
  let hasPrev: boolean;
  if (cursor?.dir === "before") {
    if (found.length <= q.pageSize) {
      // Fewer rows than a page before the cursor: that is the first page, shown full.
      found = await run(null);
      hasPrev = false;
      hasNext = found.length > q.pageSize;
      found = found.slice(0, q.pageSize);
    } else {
      found = found.slice(0, q.pageSize).reverse();
      hasPrev = true;
      hasNext = true;
    }
  } else {
    hasNext = found.length > q.pageSize;
    hasPrev = cursor !== undefined;
    found = found.slice(0, q.pageSize);
  }
  const idIndex = keys.length - 1;
  return {
    ids: found.map((k) => k[idIndex]!),
    nextCursor: hasNext && found.length > 0 ? encodeCursor(token, found.at(-1)!) : null,
    prevCursor: hasPrev && found.length > 0 ? encodeCursor(token, found[0]!) : null,
  };
}

/**
 * Every row of a keyset query, `batchSize` ids at a time in sort order (the query's own cursor and
 * page size are ignored): each batch is one indexed page after the previous batch's last key, so
 * an export of a million rows holds one batch in memory at a time.
 */
export async function* keysetBatches(q: KeysetQuery, batchSize = 500): AsyncGenerator<string[]> {
  const keys = allKeys(q);
  const idIndex = keys.length - 1;
  const query: KeysetQuery = { ...q, after: undefined, before: undefined, pageSize: batchSize };
  let cursor: DecodedCursor | null = null;
  for (;;) {
    const rows: Record<string, string>[] = await db.$queryRaw<Record<string, string>[]>(keysetSql(query, cursor));
    const found: string[][] = rows.slice(0, batchSize).map((r) => keys.map((_, i) => r[`k${i}`]!));
    if (found.length > 0) yield found.map((k) => k[idIndex]!);
    if (rows.length <= batchSize) return;
    cursor = { dir: "after", values: found.at(-1)! };
  }
}

/** Rows loaded by id (with their relations) put back in the page's order. */
export function inPageOrder<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
}

/**
 * How many rows match, counting at most COUNT_CAP + 1 of them. An unfiltered count of a big table
 * is the planner's estimate (pg_class.reltuples, kept by autovacuum/ANALYZE) instead.
 */
export async function countRows(q: { from: string; where: Prisma.Sql[]; table: string }): Promise<TotalInfo> {
  if (q.where.length === 0) {
    const [estimate] = await db.$queryRaw<{ n: number }[]>`
      SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass(${q.table})`;
    if (estimate && estimate.n > COUNT_CAP * 2) return { value: Math.round(estimate.n), kind: "estimate" };
  }
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM ${Prisma.raw(q.from)} WHERE ${and(q.where)} LIMIT ${COUNT_CAP + 1}) capped`;
  const n = row?.n ?? 0;
  return n > COUNT_CAP ? { value: COUNT_CAP, kind: "atLeast" } : { value: n, kind: "exact" };
}

/**
 * The distinct values of an indexed column, read by skipping through its index (one probe per
 * value, a recursive "loose index scan"), never by reading the rows. At most `limit` values.
 */
export async function distinctValues(table: string, column: string, limit = 50): Promise<string[]> {
  const t = Prisma.raw(table);
  const c = Prisma.raw(column);
  const rows = await db.$queryRaw<{ v: string }[]>`
    WITH RECURSIVE d(v) AS (
      (SELECT ${c} FROM ${t} WHERE ${c} IS NOT NULL ORDER BY ${c} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${c} FROM ${t} WHERE ${c} > d.v ORDER BY ${c} LIMIT 1) FROM d WHERE d.v IS NOT NULL
    )
    SELECT v::text AS v FROM d WHERE v IS NOT NULL LIMIT ${limit}`;
  return rows.map((r) => r.v);
}

/**
 * `column NOT IN ('a', 'b')` with the values written as literals: the form a partial index's
 * predicate has, so the planner can prove the index applies (a bound parameter would not match).
 * The values are code constants (final statuses), never user input.
 */
export const notInLiteral = (column: string, values: readonly string[]): Prisma.Sql =>
  Prisma.raw(`${column} NOT IN (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`);

/** `created_at` within a `from`/`to` range of `dateParam` values (`to` inclusive of a whole day). */
export function dateRangeConditions(column: string, from: string | undefined, to: string | undefined): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (from) out.push(Prisma.sql`${Prisma.raw(column)} >= ${timestampSql(dateBound(from, "from"))}`);
  if (to) out.push(Prisma.sql`${Prisma.raw(column)} < ${timestampSql(dateBound(to, "to"))}`);
  return out;
}

/** An instant as a timestamptz parameter. */
export const timestampSql = (at: Date): Prisma.Sql => Prisma.sql`CAST(${at.toISOString()} AS timestamptz)`;

/** A GUID-shaped string (our row ids, Cobo's wallet ids). */
export const isGuid = (value: string): boolean =>
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value);

/** The app user a `user` filter names (their id, or their email), as a uuid subquery. */
export function userIdSql(ref: string): Prisma.Sql {
  return isGuid(ref) ? Prisma.sql`${ref}::uuid` : Prisma.sql`(SELECT u.id FROM users u WHERE u.email = ${ref.toLowerCase()})`;
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * Case-insensitive search over a few text columns, each backed by a trigram GIN index: a term of
 * three or more characters matches anywhere in the value; a shorter one must be the whole value
 * (a substring of one or two characters would match nearly everything and use no index).
 */
export function searchCondition(columns: string[], q: string): Prisma.Sql {
  const pattern = q.length >= 3 ? `%${escapeLike(q)}%` : escapeLike(q);
  return Prisma.join(
    columns.map((c) => Prisma.sql`${Prisma.raw(c)} ILIKE ${pattern}`),
    " OR ",
  );
}

/** The common tail of a list result. */
export function cursorPage(pageSize: number, total: TotalInfo, page: { nextCursor: string | null; prevCursor: string | null }): CursorPage {
  return { pageSize, total, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
}
