import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, dbSlot, type Db } from "../../lib/db/client";
import { closePgPool } from "../../lib/db/pool";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../../lib/db/embedded-server";
import { migrate } from "../../lib/db/migrate";
import { resetEnvCache } from "../../lib/env";

// A real, migrated database for one test file: a copy of the run's template on PostgreSQL when
// DATABASE_URL is set, otherwise a fresh in-memory PGlite served on a loopback port. The app's
// `db` singleton is pointed at it too, so domain code under test uses the same database.

export type TestDatabase = { url: string; db: Db; kind: "pglite" | "postgres" };

/** Creates a fresh database (not yet registered with any hook). */
export async function createTestDatabase(): Promise<TestDatabase & { drop(): Promise<void> }> {
  const template = inject("pgTemplate");
  const adminUrl = inject("pgAdminUrl");
  if (template && adminUrl) {
    const name = `${template}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const url = u.toString();
    const db = createDb(url, 4);
    return {
      url,
      db,
      kind: "postgres",
      async drop() {
        await db.$disconnect();
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const embedded: EmbeddedDatabase = await startEmbeddedDatabase({ dataDir: "memory://" });
  await migrate(embedded.url);
  const db = createDb(embedded.url, 4);
  return {
    url: embedded.url,
    db,
    kind: "pglite",
    async drop() {
      await db.$disconnect();
      await embedded.stop();
    },
  };
}

/** Registers beforeAll/afterAll hooks giving this file its own database; read `.current` inside tests. */
export function setupTestDatabase(): { readonly current: TestDatabase } {
  let handle: (TestDatabase & { drop(): Promise<void> }) | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    process.env.DATABASE_URL = handle.url;
    process.env.UCW_DATABASE_KIND = handle.kind;
    dbSlot.set(handle.db);
    resetEnvCache();
  }, 60_000);
  afterAll(async () => {
    if (dbSlot.peek() === handle?.db) dbSlot.reset();
    // the SQL pool of the hot paths (lib/db/pool.ts) may have connections to this database too
    await closePgPool();
    await handle?.drop();
  }, 60_000);
  return {
    get current() {
      if (!handle) throw new Error("test database not ready: use it inside tests or hooks");
      return handle;
    },
  };
}
