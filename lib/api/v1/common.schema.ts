import { z } from "zod";

// Shapes shared by every Client API endpoint. Field names are snake_case, like Cobo's API.

export const ProblemSchema = z
  .object({
    type: z.string().describe("URI identifying the problem type"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe("Human-readable explanation"),
    code: z.string().describe("Stable machine-readable error code"),
    requestId: z.string().describe("Quote this when contacting support"),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("One entry per invalid field"),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)" });

export const Timestamp = z.string().describe("ISO 8601 timestamp (UTC)");

/**
 * A decimal amount as a string: money never travels as a JSON number. Bounded to what the amount
 * columns (numeric(65, 30)) hold: 35 digits before the point and 30 after.
 */
export const DecimalString = z
  .string()
  .regex(
    /^(0|[1-9]\d{0,34})(\.\d{1,30})?$/,
    'must be a positive decimal number written as a string, e.g. "0.015", with at most 35 digits before the point and 30 after',
  )
  .describe('Decimal amount as a string, e.g. "0.015" (at most 35 digits before the point and 30 after)');

// Keyset cursors: the (created_at, id) of the last row of a page, as base64url JSON. Both halves
// reach a query, so a cursor decodes only when the date is one the database can compare (years
// 1970–9999) and the id is a UUID; anything else is a 422 naming `query.cursor`.

export type KeysetCursor = { createdAt: Date; id: string };

const CURSOR_MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The opaque cursor of the row after which the next page starts. */
export function encodeKeysetCursor(c: KeysetCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString("base64url");
}

/** The position a cursor names, or null when it is not a cursor this API could have returned. */
export function decodeKeysetCursor(raw: string): KeysetCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [at, id] = parsed as unknown[];
  if (typeof at !== "string" || typeof id !== "string" || !GUID.test(id)) return null;
  const createdAt = new Date(at);
  const time = createdAt.getTime();
  if (Number.isNaN(time) || time < 0 || time > CURSOR_MAX_TIME) return null;
  return { createdAt, id: id.toLowerCase() };
}

export const CursorQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("Page size (1–100, default 20)"),
  cursor: z
    .string()
    .max(200)
    // (empty means no cursor: the first page)
    .refine((v) => v === "" || decodeKeysetCursor(v) !== null, "is not a cursor this API returned")
    .optional()
    .describe("Opaque cursor from the previous page's next_cursor"),
});

export const PageInfo = z.object({
  next_cursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page"),
});

export const UuidParam = (name: string, what: string) => z.object({ [name]: z.uuid().describe(what) });
