import { z } from "zod";
import { CoboError, ErrorCode } from "./errors.js";

// Every body and query is parsed with zod; the first issue becomes Cobo's 2003
// (missing parameter) or 2006 (invalid parameter) error, and nothing changes.

function issueToError(issue: z.core.$ZodIssue): CoboError {
  const path = issue.path.map(String).join(".") || "body";
  const missing = issue.code === "invalid_type" && (!("input" in issue) || issue.input === undefined);
  if (missing) return new CoboError(400, ErrorCode.missingParameter, `Missing required parameter: ${path}`);
  return new CoboError(400, ErrorCode.invalidParameter, `Invalid parameter ${path}: ${issue.message}`);
}

/** Parses `value` with `schema` or throws Cobo's 400 error for the first issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (!first) throw new CoboError(400, ErrorCode.invalidParameter, "Invalid request");
  throw issueToError(first);
}

/** Parses a raw JSON body text; empty text is `{}`. Throws Cobo's 2006 on bad JSON. */
export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new CoboError(400, ErrorCode.invalidParameter, "Request body is not valid JSON");
  }
}

/** A non-empty string, trimmed of nothing: Cobo ids and names. */
export const nonEmpty = z.string().min(1);

/** Query `limit`: 1–50, default 10. */
export const limitParam = z
  .string()
  .regex(/^\d+$/, "must be an integer")
  .transform(Number)
  .pipe(z.number().int().min(1).max(50))
  .optional()
  .transform((v) => v ?? 10);

/** The pagination query shared by every list operation. */
export const pageQuery = z.object({
  limit: limitParam,
  before: z.string().min(1).optional(),
  after: z.string().min(1).optional(),
});

/** Comma-separated list query parameter → array of non-empty strings. */
export const csvParam = z
  .string()
  .optional()
  .transform((v) =>
    v === undefined
      ? undefined
      : v
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
  );
