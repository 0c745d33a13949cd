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
