// `npm install` runs this: `prisma generate` with a resolvable datasource URL. Without one the
// Prisma CLI falls back to its native library engine and tries to download it, which these
// machines cannot (see docs/database.md#engine). Generation never connects to the database.
import { spawnSync } from "node:child_process";

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || "postgresql://localhost:5432/placeholder",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], { env, stdio: "inherit" });
process.exit(result.status ?? 1);
