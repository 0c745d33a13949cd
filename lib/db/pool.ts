import pg from "pg";
import { getEnv, requireEnv } from "@/lib/env";

// A plain `pg` pool beside Prisma, for the libraries that speak SQL themselves (the rate limiter,
// the job queue). Same database, created on first use.

const g = globalThis as unknown as { __ucwPgPool?: pg.Pool };

/** The process-wide pg pool. */
export function getPgPool(): pg.Pool {
  g.__ucwPgPool ??= new pg.Pool({ connectionString: requireEnv("DATABASE_URL"), max: Math.max(2, Math.floor(getEnv().DATABASE_POOL_SIZE / 2)) });
  return g.__ucwPgPool;
}

/** Closes the pool (tests and shutdown). */
export async function closePgPool(): Promise<void> {
  const pool = g.__ucwPgPool;
  delete g.__ucwPgPool;
  await pool?.end();
}
