import pg from "pg";
import { getEnv, requireEnv } from "@/lib/env";
import { processSlot } from "@/lib/process-state";

// A plain `pg` pool beside Prisma, for the statements on the hot paths that are written in SQL
// (lib/db/hot-sql.ts: inbox ingest and claims, `/me`, `/tss-requests`, `/transactions`). Same
// database, created on first use.

const poolSlot = processSlot(
  "pgPool",
  () => new pg.Pool({ connectionString: requireEnv("DATABASE_URL"), max: Math.max(2, Math.floor(getEnv().DATABASE_POOL_SIZE / 2)) }),
  { envDerived: true },
);

/** The process-wide pg pool. */
export function getPgPool(): pg.Pool {
  return poolSlot.get();
}

/** Closes the pool (tests and shutdown). */
export async function closePgPool(): Promise<void> {
  const pool = poolSlot.peek();
  poolSlot.reset();
  await pool?.end();
}
