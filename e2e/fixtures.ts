// Test-only console users, created by e2e/server.ts in the e2e run's own throw-away database.
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", password: "e2e-admin-password-1" },
  support: { email: "support@e2e.test", password: "e2e-support-password-1" },
} as const;

export const STORAGE_STATE = {
  admin: "e2e/.auth/admin.json",
  support: "e2e/.auth/support.json",
} as const;

/** Written by e2e/server.ts while the server under test runs: where its sandbox and log are. */
export const E2E_RUNTIME_FILE = "e2e/.runtime.json";

export type E2eRuntime = {
  baseURL: string;
  /** The sandbox of the server under test (its data folder holds the virtual devices). */
  sandbox: { origin: string; dataDir: string; apiSecret: string };
  /** The production server's stdout and stderr (JSON log lines). */
  logFile: string;
};

/**
 * Test-only seed of the e2e sandbox's webhook/callback signing key (e2e/server.ts installs it), so
 * tests can send Cobo-signed webhooks and callbacks that the app verifies for real.
 */
export const E2E_SANDBOX_SIGNING_SEED = "6e2e5eed0000000000000000000000000000000000000000000000000000e2e1";

/** The body idle timeout of the e2e server (milliseconds): short, so a stalled-body test waits little. */
export const E2E_BODY_IDLE_TIMEOUT_MS = 1500;
