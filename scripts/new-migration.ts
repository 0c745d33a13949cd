import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that turns the schema as of the last commit into prisma/schema.prisma now.
// (Prisma's `migrate dev` needs a native engine these machines cannot download; `migrate diff`
// runs on the WASM engine.) Review the SQL before committing it.

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <snake_case_name>");
  process.exit(2);
}
const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" };
const hasMigrations = readdirSync("prisma/migrations").some((d) => /^\d{14}_/.test(d));
const from = (() => {
  if (!hasMigrations) return ["--from-empty"];
  const dir = mkdtempSync(path.join(tmpdir(), "ucw-schema-"));
  const file = path.join(dir, "schema.prisma");
  writeFileSync(file, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
  return ["--from-schema-datamodel", file];
})();
const sql = execFileSync(
  process.execPath,
  ["node_modules/prisma/build/index.js", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { env, encoding: "utf8" },
);
if (!sql.trim() || /This is an empty migration/.test(sql)) {
  console.log("no schema changes since the last commit");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`wrote ${dir}/migration.sql`);
