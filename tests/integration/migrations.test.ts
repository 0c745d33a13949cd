import { spawn } from "node:child_process";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, readMigrations, type MigrationFile } from "@/lib/db/migrate";
import { createTestDatabase } from "../helpers/db";

// Runs against an empty database (PGlite, or a fresh PostgreSQL database when DATABASE_URL is set).

async function emptyDatabase() {
  const t = await createTestDatabase();
  // createTestDatabase hands out migrated databases; start these tests from nothing.
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  await c.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
  await c.end();
  return t;
}

async function tables(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  await c.end();
  return rows.map((r) => r.tablename);
}

async function appliedCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM "_prisma_migrations"`);
  await c.end();
  return Number(rows[0]?.n);
}

/** Runs the db:migrate command (scripts/migrate.ts) as its own OS process against `url`. */
function migrateProcess(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
      // secrets given, so the command writes nothing into a data folder
      env: { ...process.env, DATABASE_URL: url, AUTH_SECRET: "a".repeat(64), COBO_API_SECRET: "b".repeat(64) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (drops.length) await drops.pop()!();
});

describe("migrations", () => {
  it("applies every committed migration once; a second run applies nothing", async () => {
    const t = await emptyDatabase();
    drops.push(t.drop);
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);

    const first = await migrate(t.url);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const second = await migrate(t.url);
    expect(second).toEqual({ applied: [], alreadyApplied: files.map((f) => f.name) });
    expect(await appliedCount(t.url)).toBe(files.length);
    expect(await tables(t.url)).toEqual(
      expect.arrayContaining(["users", "vaults", "transactions", "webhook_events", "audit_log", "console_users"]),
    );
  });

  it("three connections migrating at once apply each migration exactly once", async () => {
    const t = await emptyDatabase();
    drops.push(t.drop);
    const files = await readMigrations();
    const [a, b, c] = await Promise.all([migrate(t.url), migrate(t.url), migrate(t.url)]);
    const appliedTotal = [...a.applied, ...b.applied, ...c.applied].sort();
    expect(appliedTotal).toEqual(files.map((f) => f.name).sort());
    expect(await appliedCount(t.url)).toBe(files.length);
  });

  it("two `npm run db:migrate` processes started together apply each migration exactly once", async () => {
    const t = await emptyDatabase();
    drops.push(t.drop);
    const files = await readMigrations();
    const runs = await Promise.all([migrateProcess(t.url), migrateProcess(t.url)]);
    for (const r of runs) expect(r.code, r.output).toBe(0);
    const applied = runs.flatMap((r) => /^applied: (.+)$/m.exec(r.output)?.[1]?.split(", ") ?? []).sort();
    expect(applied).toEqual(files.map((f) => f.name).sort());
    expect(await appliedCount(t.url)).toBe(files.length);
  });

  it("refuses a migration that was edited after it was applied, and changes nothing", async () => {
    const t = await emptyDatabase();
    drops.push(t.drop);
    const files = await readMigrations();
    await migrate(t.url);
    const edited: MigrationFile[] = files.map((f, i) => (i === 0 ? { ...f, checksum: "0".repeat(64) } : f));
    await expect(migrate(t.url, edited)).rejects.toThrow(/was edited after it was applied/);
    expect(await appliedCount(t.url)).toBe(files.length);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    const t = await emptyDatabase();
    drops.push(t.drop);
    const files = await readMigrations();
    await migrate(t.url);
    const broken: MigrationFile = {
      name: "99999999999999_broken",
      sql: `CREATE TABLE half_done (id int); SELECT no_such_function();`,
      checksum: "1".repeat(64),
    };
    await expect(migrate(t.url, [...files, broken])).rejects.toThrow();
    expect(await tables(t.url)).not.toContain("half_done");
    expect(await appliedCount(t.url)).toBe(files.length);
  });
});
