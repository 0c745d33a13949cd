import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "../lib/db/client";
import { hashPassword } from "../lib/server/console-users/password";
import { prepareRuntime } from "../scripts/lib/runtime";
import { seedSyntheticData } from "../scripts/lib/synthetic-seed";
import { waitForHttp } from "../scripts/lib/wait-for-http";
import { sandboxRequest } from "../tests/helpers/sandbox";
import {
  E2E_BODY_IDLE_TIMEOUT_MS,
  E2E_METRICS_TOKEN,
  E2E_SANDBOX_SIGNING_SEED,
  E2E_USERS,
  e2eRuntimeFile,
  type E2eRuntime,
} from "./fixtures";

// The server Playwright tests run against: the production build (`next build` ran before), on a
// fresh data folder, a fresh database (PGlite, or a fresh PostgreSQL database when DATABASE_URL is
// set), the Cobo sandbox when present, and the e2e console users. The server's log is kept in a
// file as well, and e2e/.runtime.json tells the tests where the sandbox and that log are.
//
// Specs that need a server of their own (e2e/helpers/own-server.ts) start this script on other
// ports with: UCW_SCHEME=2-3 or 3-3 (a server co-signer is made in its sandbox first, unless
// UCW_COSIGNER_NODE_IDS is given), E2E_SEED_USERS / E2E_SEED_TRANSACTIONS (`npm run seed`'s
// synthetic rows, loaded before the app starts), and E2E_DATABASE_NAME (on PostgreSQL, so that
// server's fresh database is not the shared run's).

const port = Number(process.env.E2E_PORT ?? 3100);
const sandboxPort = port + 1;
const RUNTIME_FILE = e2eRuntimeFile(port);
const children: ChildProcess[] = [];

async function freshPostgres(base: string): Promise<string> {
  const name = process.env.E2E_DATABASE_NAME ?? "ucw_e2e";
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error("E2E_DATABASE_NAME must be a plain lower-case identifier");
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "ucw-e2e-"));
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    UCW_DATA_DIR: dataDir,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    COBO_SANDBOX_PORT: String(sandboxPort),
    NODE_ENV: "production",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // A short Cobo time budget keeps the tests of an unreachable Cobo quick; the behaviour is the same.
    COBO_CALL_BUDGET_MS: "4000",
    COBO_TIMEOUT_MS: "3000",
    HTTP_BODY_IDLE_TIMEOUT_MS: process.env.HTTP_BODY_IDLE_TIMEOUT_MS ?? String(E2E_BODY_IDLE_TIMEOUT_MS),
    METRICS_TOKEN: E2E_METRICS_TOKEN,
    // Every e2e app user signs up from 127.0.0.1.
    APP_SIGNUP_PER_ADDRESS_PER_HOUR: "1000",
    // The shared admin has no second factor; specs that test TOTP make their own console users (and
    // e2e/ui/totp-required.spec.ts a server of its own with E2E_CONSOLE_ADMIN_TOTP=required).
    CONSOLE_ADMIN_TOTP: process.env.E2E_CONSOLE_ADMIN_TOTP === "required" ? "required" : "optional",
  };
  // The sandbox signs webhooks and callbacks with the key it finds here; a known test key lets the
  // tests sign their own (see E2E_SANDBOX_SIGNING_SEED).
  await mkdir(path.join(dataDir, "sandbox"), { recursive: true, mode: 0o700 });
  await writeFile(path.join(dataDir, "sandbox", "webhook-signing-key"), `${E2E_SANDBOX_SIGNING_SEED}\n`, { mode: 0o600 });
  if (process.env.DATABASE_URL) base.DATABASE_URL = await freshPostgres(process.env.DATABASE_URL);
  const runtime = await prepareRuntime(base, { migrateDb: true, pglitePort: 0 });
  const db = createDb(runtime.databaseUrl, 2);
  for (const role of ["admin", "support"] as const) {
    const u = E2E_USERS[role];
    await db.consoleUser.create({ data: { email: u.email, role, name: `E2E ${role}`, passwordHash: await hashPassword(u.password) } });
  }
  await db.$disconnect();
  const seedUsers = Number(process.env.E2E_SEED_USERS ?? 0);
  if (seedUsers > 0) {
    const client = new pg.Client({ connectionString: runtime.databaseUrl });
    await client.connect();
    try {
      const startOfToday = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00.000Z");
      const report = await seedSyntheticData(client, {
        users: seedUsers,
        transactions: Number(process.env.E2E_SEED_TRANSACTIONS ?? 0),
        seed: 1,
        anchor: startOfToday,
      });
      console.log(`e2e server: seeded ${report.users} users and ${report.transactions} transactions in ${report.seconds} s`);
    } finally {
      await client.end();
    }
  }

  const env = runtime.env as NodeJS.ProcessEnv;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const c of children) c.kill("SIGTERM");
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(RUNTIME_FILE, { force: true });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());

  if (existsSync("sandbox/src/main.ts")) {
    const sandbox = spawn(process.execPath, ["--import", "tsx", "sandbox/src/main.ts"], {
      env: {
        ...env,
        SANDBOX_WEBHOOK_URL: `http://127.0.0.1:${port}/api/webhooks/cobo`,
        SANDBOX_CALLBACK_URL: `http://127.0.0.1:${port}/api/callbacks/cobo`,
      },
      stdio: "inherit",
    });
    children.push(sandbox);
    // a sandbox that exits (its port taken: EADDRINUSE) fails the start at once, not after a minute
    await Promise.race([
      waitForHttp(`http://127.0.0.1:${sandboxPort}/_sandbox/info`, "The Cobo sandbox"),
      new Promise<never>((_, reject) => sandbox.once("exit", (code) => reject(new Error(`the Cobo sandbox exited (${code})`)))),
    ]);
    // 2-3 and 3-3 Main Groups need a server co-signer: one the sandbox runs (it approves by itself).
    if (env.UCW_SCHEME && env.UCW_SCHEME !== "2-2" && !env.UCW_COSIGNER_NODE_IDS) {
      const sandboxAccess = { origin: `http://127.0.0.1:${sandboxPort}`, apiSecret: String(env.COBO_API_SECRET ?? "") };
      const cosigner = await sandboxRequest<{ node_id: string }>(sandboxAccess, "POST", "/_sandbox/cosigners", { name: "e2e-cosigner" });
      if (cosigner.status !== 201) throw new Error(`the sandbox made no co-signer (${cosigner.status})`);
      env.UCW_COSIGNER_NODE_IDS = cosigner.body.node_id;
    }
  }
  const logFile = path.join(dataDir, "server.log");
  const runtimeInfo: E2eRuntime = {
    baseURL: `http://127.0.0.1:${port}`,
    sandbox: { origin: `http://127.0.0.1:${sandboxPort}`, dataDir, apiSecret: String(env.COBO_API_SECRET ?? "") },
    logFile,
    databaseUrl: runtime.databaseUrl,
  };
  await writeFile(RUNTIME_FILE, JSON.stringify(runtimeInfo, null, 2), { mode: 0o600 });
  const log = createWriteStream(logFile, { flags: "a" });
  const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  next.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    log.write(chunk);
  });
  next.stderr?.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    log.write(chunk);
  });
  children.push(next);
  next.on("exit", (code) => {
    console.error(`next exited with ${code}`);
    void stop();
  });
}

main().catch((error) => {
  console.error(error);
  for (const c of children) c.kill("SIGTERM");
  process.exit(1);
});
