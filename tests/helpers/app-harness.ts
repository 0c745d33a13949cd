import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { dbSlot } from "../../lib/db/client";
import { closePgPool } from "../../lib/db/pool";
import { resetEnvDerivedState } from "../../lib/process-state";
import { setupTestDatabase, type TestDatabase } from "./db";
import { startRouteServer, type RouteServer } from "./route-server";
import { startSandboxProcess, type SandboxProcess, type StartSandboxProcessOptions } from "./sandbox";

// The app as route handlers under test: a fresh database, the Cobo sandbox as a real process, and
// the process environment the app reads (lib/env), with every process-wide cache reset so this
// file's app talks to this file's database and sandbox.

export type AppHarness = {
  readonly db: TestDatabase["db"];
  readonly dbUrl: string;
  readonly sandbox: SandboxProcess;
  /** the app's endpoints served over HTTP for the sandbox to call (when `routes` was given) */
  readonly routes: RouteServer;
};

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const WEBHOOK_PATH = "/api/webhooks/cobo";
const CALLBACK_PATH = "/api/callbacks/cobo";

// Everything built from the environment except the database client, which setupTestDatabase owns.
function resetProcessCaches() {
  const db = dbSlot.peek();
  resetEnvDerivedState();
  if (db) dbSlot.set(db);
}

/** Registers hooks that start a database and a sandbox for this test file. */
export function setupAppHarness(
  opts: { sandbox?: StartSandboxProcessOptions; env?: Record<string, string>; routes?: Record<string, Handler> } = {},
): AppHarness {
  const database = setupTestDatabase();
  let sandbox: SandboxProcess | undefined;
  let routeServer: RouteServer | undefined;
  const saved = { ...process.env };
  beforeAll(async () => {
    const sandboxOpts: StartSandboxProcessOptions = { ...opts.sandbox };
    if (opts.routes) {
      routeServer = await startRouteServer(opts.routes);
      if (opts.routes[WEBHOOK_PATH]) sandboxOpts.webhookUrl ??= `${routeServer.origin}${WEBHOOK_PATH}`;
      if (opts.routes[CALLBACK_PATH]) sandboxOpts.callbackUrl ??= `${routeServer.origin}${CALLBACK_PATH}`;
    }
    sandbox = await startSandboxProcess(sandboxOpts);
    Object.assign(process.env, {
      NODE_ENV: "test",
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      AUTH_SECRET: randomBytes(32).toString("hex"),
      COBO_ENV: "sandbox",
      COBO_BASE_URL: sandbox.baseUrl,
      COBO_API_SECRET: sandbox.apiSecret,
      COBO_TIMEOUT_MS: "10000",
      ...opts.env,
    });
    resetProcessCaches();
  }, 120_000);
  afterAll(async () => {
    await closePgPool().catch(() => undefined);
    resetProcessCaches();
    await sandbox?.stop();
    await routeServer?.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }, 60_000);
  return {
    get db() {
      return database.current.db;
    },
    get dbUrl() {
      return database.current.url;
    },
    get sandbox() {
      if (!sandbox) throw new Error("sandbox not started");
      return sandbox;
    },
    get routes() {
      if (!routeServer) throw new Error("no routes were served: pass `routes`");
      return routeServer;
    },
  };
}

export type CallOptions = {
  method?: string;
  /** path (and query) as the app would see it, e.g. /api/v1/wallets?limit=5 */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
};

/** Calls a route handler the way Next.js would, and parses a JSON answer. */
export async function call(
  handler: Handler,
  opts: CallOptions,
): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", "127.0.0.1");
  const req = new Request(`http://127.0.0.1:3000${opts.path}`, {
    method: opts.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}
