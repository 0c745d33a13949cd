import { parseArgs } from "node:util";
import pg from "pg";
import { loadDotEnv } from "./lib/load-dotenv";
import { prepareRuntime } from "./lib/runtime";
import { seedSyntheticData } from "./lib/synthetic-seed";

// `npm run seed -- --users N --transactions M [--seed S] [--anchor ISO-date]`: fills the configured
// database (DATABASE_URL, else the embedded PGlite in .data/, which must not be open in a running
// `npm start` at the same time) with SYNTHETIC users, vaults, groups, TSS requests, wallets,
// transactions with timelines and webhook events, risk decisions, audit entries and drifts, for
// demos and benchmarks. Never run it against a production database: the rows are not Cobo's.

loadDotEnv();
const { values } = parseArgs({
  options: {
    users: { type: "string", default: "1000" },
    transactions: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    anchor: { type: "string" },
    batch: { type: "string", default: "50000" },
  },
});
const startOfToday = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00.000Z");
const anchor = values.anchor ? new Date(values.anchor) : startOfToday;
if (Number.isNaN(anchor.getTime())) {
  console.error("--anchor must be a date (e.g. 2026-12-01 or 2026-12-01T12:00:00Z)");
  process.exit(2);
}
const options = {
  users: Number(values.users),
  transactions: Number(values.transactions),
  seed: Number(values.seed),
  anchor,
  batchSize: Number(values.batch),
};

let runtime;
try {
  runtime = await prepareRuntime(process.env, { migrateDb: true });
} catch (error) {
  if ((error as { code?: string }).code === "EADDRINUSE")
    console.error("The embedded database is in use (is `npm start` running?). Stop it first, or set DATABASE_URL.");
  throw error;
}
const client = new pg.Client({ connectionString: runtime.databaseUrl });
await client.connect();
try {
  const report = await seedSyntheticData(client, options, (line) => console.error(`seed: ${line}`));
  console.log(JSON.stringify({ database: runtime.embedded ? "pglite" : "postgres", ...report }, null, 2));
} finally {
  await client.end();
  await runtime.stop();
}
