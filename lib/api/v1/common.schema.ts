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
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe("One entry per invalid field"),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)" });

export const Timestamp = z.string().describe("ISO 8601 timestamp (UTC)");

/** A decimal amount as a string: money never travels as a JSON number. */
export const DecimalString = z
  .string()
  .regex(/^(0|[1-9]\d{0,39})(\.\d{1,30})?$/, "must be a positive decimal number written as a string, e.g. \"0.015\"")
  .describe("Decimal amount as a string, e.g. \"0.015\"");

export const CursorQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("Page size (1–100, default 20)"),
  cursor: z.string().max(200).optional().describe("Opaque cursor from the previous page's next_cursor"),
});

export const PageInfo = z.object({ next_cursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page") });

export const UuidParam = (name: string, what: string) => z.object({ [name]: z.uuid().describe(what) });
