import { migrate } from "../lib/db/migrate";
import { loadDotEnv } from "./lib/load-dotenv";
import { prepareRuntime } from "./lib/runtime";

// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database).
loadDotEnv();
const runtime = await prepareRuntime(process.env);
try {
  const result = await migrate(runtime.databaseUrl);
  console.log(result.applied.length ? `applied: ${result.applied.join(", ")}` : "database is up to date");
} finally {
  await runtime.stop();
}
