import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// Applies the SQL migrations committed under prisma/migrations, each in its own transaction,
// serialised by a transaction-scoped advisory lock so that two processes starting at once apply
// each migration exactly once. Recorded in Prisma's own `_prisma_migrations` table with Prisma's
// checksum (sha256 of the file), so `prisma migrate deploy/status` stay usable where the native
// engine can be downloaded. A transaction-scoped lock (not a session lock) is used because PGlite
// multiplexes every client onto one backend, where session locks would be shared by all of them.

const LOCK_KEY = 72_707_369_001; // arbitrary, fixed: "ucw-console migrations"

export type MigrationFile = { name: string; sql: string; checksum: string };

export type MigrateResult = { applied: string[]; alreadyApplied: string[] };

/** Reads prisma/migrations/<name>/migration.sql in name order. */
export async function readMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Applies every pending migration; safe to run twice and from several processes at once. */
export async function migrate(connectionString: string, migrations?: MigrationFile[]): Promise<MigrateResult> {
  const files = migrations ?? (await readMigrations());
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  const alreadyApplied: string[] = [];
  try {
    for (const file of files) {
      await client.query("BEGIN");
      try {
        await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
        await client.query(CREATE_TABLE);
        const existing = await client.query<{ checksum: string }>(
          `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1 AND rolled_back_at IS NULL AND finished_at IS NOT NULL`,
          [file.name],
        );
        const row = existing.rows[0];
        if (row) {
          if (row.checksum !== file.checksum) {
            throw new Error(`migration ${file.name} was edited after it was applied (checksum differs); add a new migration instead`);
          }
          alreadyApplied.push(file.name);
          await client.query("COMMIT");
          continue;
        }
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), file.checksum, file.name],
        );
        await client.query("COMMIT");
        applied.push(file.name);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    }
  } finally {
    await client.end();
  }
  return { applied, alreadyApplied };
}
