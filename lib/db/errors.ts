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
