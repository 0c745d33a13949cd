import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "../lib/db/client";
import { hashPassword } from "../lib/server/auth/password";
import { prepareRuntime } from "../scripts/lib/runtime";
import { waitForHttp } from "../scripts/lib/wait-for-http";
import { E2E_BODY_IDLE_TIMEOUT_MS, E2E_METRICS_TOKEN, E2E_SANDBOX_SIGNING_SEED, E2E_USERS, e2eRuntimeFile, type E2eRuntime } from "./fixtures";

// The server Playwright tests run against: the production build (`next build` ran before), on a
// fresh data folder, a fresh database (PGlite, or a fresh PostgreSQL database when DATABASE_URL is
// set), the Cobo sandbox when present, and the e2e console users. The server's log is kept in a
// file as well, and e2e/.runtime.json tells the tests where the sandbox and that log are.

const port = Number(process.env.E2E_PORT ?? 3100);
const sandboxPort = port + 1;
const RUNTIME_FILE = e2eRuntimeFile(port);
const children: ChildProcess[] = [];

async function freshPostgres(base: string): Promise<string> {
  const name = "ucw_e2e";
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
    await waitForHttp(`http://127.0.0.1:${sandboxPort}/_sandbox/info`, "The Cobo sandbox");
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
