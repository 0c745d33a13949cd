import { Prisma } from "@/lib/generated/prisma/client";

/** True when a write failed on a unique constraint (Prisma P2002), optionally on a given field. */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  if (!field) return true;
  const target = JSON.stringify(error.meta ?? {});
  return target.includes(field);
}

/** True when a record to update or delete was not found (Prisma P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

// Prisma codes for a value the database (or Prisma's query compiler) cannot take: too long (P2000),
// invalid (P2006, P2007, P2019, P2023), out of range (P2020, P2033).
const INPUT_DATA_CODES = new Set(["P2000", "P2006", "P2007", "P2019", "P2020", "P2023", "P2033"]);
// Errors the query compiler reports without a code when a value cannot be encoded for it (an
// unpaired surrogate in a string, a date outside years 1–9999, an integer beyond 64 bits).
const UNENCODABLE_VALUE = /JSON Error: .*(surrogate|escape)|Could not convert argument value|Provided Date object is invalid/;

/** The SQLSTATE a driver error carries (the pg adapter wraps it as `cause.originalCode`). */
function sqlState(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const cause = (error as { cause?: unknown }).cause;
  if (cause && typeof cause === "object") {
    const code = (cause as { originalCode?: unknown; code?: unknown }).originalCode ?? (cause as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const inner = (error.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)?.driverAdapterError?.cause?.originalCode;
    if (typeof inner === "string") return inner;
  }
  return undefined;
}

/**
 * True when a query failed because of a value it was given rather than the database's state:
 * PostgreSQL's "data exception" class (SQLSTATE 22xxx: invalid text, number, date, uuid, …) or
 * Prisma's equivalent refusals. The boundary refuses such values first; this is the backstop
 * that keeps one that slipped through a 4xx instead of a 500.
 */
export function isInputDataError(error: unknown): boolean {
  if (sqlState(error)?.startsWith("22")) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) return INPUT_DATA_CODES.has(error.code);
  if (error instanceof Prisma.PrismaClientUnknownRequestError || error instanceof Prisma.PrismaClientValidationError) {
    return UNENCODABLE_VALUE.test(error.message);
  }
  return false;
}
