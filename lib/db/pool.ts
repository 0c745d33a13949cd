import pg from "pg";
import { getEnv, requireEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { processSlot } from "@/lib/process-state";

// A plain `pg` pool beside Prisma, for the statements on the hot paths that are written in SQL
// (lib/db/hot-sql.ts: inbox ingest and claims, `/me`, `/tss-requests`, `/transactions`). Same
// database, created on first use.

const poolSlot = processSlot(
  "pgPool",
  () => {
    const pool = new pg.Pool({
      connectionString: requireEnv("DATABASE_URL"),
      max: Math.max(2, Math.floor(getEnv().DATABASE_POOL_SIZE / 2)),
    });
    // An idle connection the server ends (a restart, a failover, an administrator) is an `error`
    // event on the pool; unhandled, it would end the process. The pool drops that connection and
    // opens another on the next query, so it is only logged.
    pool.on("error", (err) => logger.warn({ err, event: "db.pool_idle_error" }, "an idle database connection was closed by the server"));
    return pool;
  },
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
