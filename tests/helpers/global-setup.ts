import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../../lib/db/migrate";

// With DATABASE_URL set (PostgreSQL), builds one migrated template database for this run; each
// test file then gets its own copy (CREATE DATABASE … TEMPLATE), so files run in parallel without
// seeing each other's rows. Without it, each file starts its own in-memory PGlite (tests/helpers/db.ts).

let cleanup: (() => Promise<void>) | undefined;

export async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  if (!base) {
    project.provide("pgTemplate", "");
    project.provide("pgAdminUrl", "");
    return;
  }
  const template = `ucw_tpl_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const templateUrl = new URL(base);
  templateUrl.pathname = `/${template}`;
  await migrate(templateUrl.toString());
  project.provide("pgTemplate", template);
  project.provide("pgAdminUrl", base);
  cleanup = async () => {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
      template,
      `${template}_%`,
    ]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await admin.end();
  };
}

export async function teardown() {
  await cleanup?.();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
    pgAdminUrl: string;
  }
}
