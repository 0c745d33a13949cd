// Prisma's known request errors, recognised by name and code rather than `instanceof`: the production
// build gives each route its own copy of the generated client, while the process has one Prisma
// client (lib/db/client.ts), so the errors it throws belong to whichever copy created it.

function prismaErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { name?: unknown; code?: unknown };
  return e.name === "PrismaClientKnownRequestError" && typeof e.code === "string" ? e.code : undefined;
}

/** True when a write failed on a unique constraint (Prisma P2002), optionally on a given field. */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (prismaErrorCode(error) !== "P2002") return false;
  if (!field) return true;
  const target = JSON.stringify((error as { meta?: unknown }).meta ?? {});
  return target.includes(field);
}

/** True when a record to update or delete was not found (Prisma P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return prismaErrorCode(error) === "P2025";
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
  if (prismaErrorCode(error) !== undefined) {
    const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } }).meta;
    const inner = meta?.driverAdapterError?.cause?.originalCode;
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
  const code = prismaErrorCode(error);
  if (code !== undefined) return INPUT_DATA_CODES.has(code);
  const name = error instanceof Error ? error.name : undefined;
  if (name === "PrismaClientUnknownRequestError" || name === "PrismaClientValidationError") {
    return UNENCODABLE_VALUE.test((error as Error).message);
  }
  return false;
}
