import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded-server";

// The embedded database is one PGlite backend shared by every connection of the app, its job
// queue and its scripts. Many connections at once, with parameterised (extended-protocol)
// statements and transactions that commit or roll back, must behave like PostgreSQL.

let db: EmbeddedDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await startEmbeddedDatabase({ dataDir: "memory://" });
  pool = new pg.Pool({ connectionString: db.url, max: 8 });
  await pool.query("CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)");
  await pool.query("INSERT INTO counters (id) SELECT g FROM generate_series(0, 299) g");
});
afterAll(async () => {
  await pool.end();
  await db.stop();
});

describe("PGlite served to many connections", () => {
  it("keeps each connection's statements and transactions whole under concurrency", async () => {
    let failures = 0;
    let unmatched = 0;
    await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        try {
          if (i % 3 === 0) {
            const c = await pool.connect();
            try {
              await c.query("BEGIN");
              await c.query("UPDATE counters SET n = n + 100 WHERE id = $1", [i]);
              await c.query("SELECT $1::int", [i]);
              await c.query(i % 2 ? "ROLLBACK" : "COMMIT");
            } finally {
              c.release();
            }
          } else {
            const r = await pool.query("UPDATE counters SET n = n + 1 WHERE id = $1", [i]);
            if (r.rowCount !== 1) unmatched++;
          }
        } catch {
          failures++;
        }
      }),
    );
    expect({ failures, unmatched }).toEqual({ failures: 0, unmatched: 0 });
    const committed = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 3 === 0 && i % 2 === 0).length;
    const { rows } = await pool.query<{ s: number }>("SELECT sum(n)::int AS s FROM counters");
    expect(rows[0]!.s).toBe(200 + committed * 100);
  });

  it("a failing statement does not stall the other connections", async () => {
    await expect(pool.query("SELECT no_such_column FROM counters")).rejects.toThrow();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.query<{ v: number }>("SELECT $1::int AS v", [i])));
    expect(results.map((r) => r.rows[0]!.v)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
