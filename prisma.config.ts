import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The Prisma CLI runs on its WASM schema engine through the pg adapter: these machines cannot
// download Prisma's native engines. DATABASE_URL must resolve whenever the CLI runs, or it falls back
// to downloading one: scripts/prisma-generate.mjs and scripts/new-migration.ts set it. Migrations are
// applied by scripts/migrate.ts (lib/db/migrate.ts), not `migrate deploy`.
const url = process.env.DATABASE_URL ?? "postgresql://127.0.0.1:5432/test";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg({ connectionString: url }),
});
