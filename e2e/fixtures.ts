import { tmpdir } from "node:os";
import path from "node:path";

// Test-only console users, created by e2e/server.ts in the e2e run's own throw-away database.
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", password: "e2e-admin-password-1" },
  support: { email: "support@e2e.test", password: "e2e-support-password-1" },
} as const;

// Per server port, like the runtime file below: two runs on other ports (e.g. a spec run beside the
// whole suite) never sign each other's sessions out by overwriting them.
const authPort = Number(process.env.E2E_PORT ?? 3100);
export const STORAGE_STATE = {
  admin: `e2e/.auth/admin-${authPort}.json`,
  support: `e2e/.auth/support-${authPort}.json`,
} as const;

/** What e2e/server.ts writes to e2eRuntimeFile(port) while the server under test runs. */
export type E2eRuntime = {
  baseURL: string;
  /** The sandbox of the server under test (its data folder holds the virtual devices). */
  sandbox: { origin: string; dataDir: string; apiSecret: string };
  /** The production server's stdout and stderr (JSON log lines). */
  logFile: string;
  /** The run's database, for specs that must reach it themselves (e.g. to hold a lock). */
  databaseUrl: string;
};

/**
 * Test-only seed of the e2e sandbox's webhook/callback signing key (e2e/server.ts installs it), so
 * tests can send Cobo-signed webhooks and callbacks that the app verifies for real.
 */
export const E2E_SANDBOX_SIGNING_SEED = "6e2e5eed0000000000000000000000000000000000000000000000000000e2e1";

/** The body idle timeout of the e2e server (milliseconds): short, so a stalled-body test waits little. */
export const E2E_BODY_IDLE_TIMEOUT_MS = 1500;

/** Where e2e/server.ts leaves the E2eRuntime of the server on `port` (one file per port, so runs on other ports never mix). */
export function e2eRuntimeFile(port: number): string {
  return path.join(tmpdir(), `ucw-e2e-${port}.json`);
}

/** The bearer token the e2e server serves /api/metrics for (set by e2e/server.ts). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";

/**
 * The Origin header of a request made by the console's own pages. Cookie-authenticated writes
 * must carry it (Playwright's request context sends none by itself).
 */
export const SAME_ORIGIN = { origin: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}` } as const;
