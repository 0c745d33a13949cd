import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { getPgPool } from "@/lib/db/pool";
import { setupTestDatabase } from "../helpers/db";

// The SQL pool of the hot paths (lib/db/pool.ts) outlives the database's own view of it: when the
// server ends one of its idle connections (a restart, a failover, an administrator), the pool must
// drop that connection and go on, not end the process with an unhandled `error` event.

const t = setupTestDatabase();
// Ending another backend needs a server that has them (PostgreSQL); the embedded one serves one connection.
const onPostgres = Boolean(process.env.DATABASE_URL);

describe("the hot-path SQL pool", () => {
  it.runIf(onPostgres)("survives the server ending an idle connection, and the next query opens another", async () => {
    const pool = getPgPool();
    const { rows } = await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    expect(pool.idleCount).toBe(1);
    const admin = new pg.Client({ connectionString: t.current.url });
    await admin.connect();
    try {
      const ended = await admin.query<{ ok: boolean }>("SELECT pg_terminate_backend($1) AS ok", [rows[0]!.pid]);
      expect(ended.rows[0]!.ok).toBe(true);
    } finally {
      await admin.end();
    }
    // the pool notices (its `error` event, which would otherwise be thrown) and drops the connection
    await vi.waitFor(() => expect(pool.totalCount).toBe(0), { timeout: 10_000, interval: 50 });
    const again = await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    expect(again.rows[0]!.pid).not.toBe(rows[0]!.pid);
  });
});
