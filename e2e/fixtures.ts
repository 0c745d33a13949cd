// Test-only console users, created by e2e/server.ts in the e2e run's own throw-away database.
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", password: "e2e-admin-password-1" },
  support: { email: "support@e2e.test", password: "e2e-support-password-1" },
} as const;

export const STORAGE_STATE = {
  admin: "e2e/.auth/admin.json",
  support: "e2e/.auth/support.json",
} as const;

/** The bearer token the e2e server serves /api/metrics for (set by e2e/server.ts). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";

/**
 * The Origin header of a request made by the console's own pages. Cookie-authenticated writes
 * must carry it (Playwright's request context sends none by itself).
 */
export const SAME_ORIGIN = { origin: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}` } as const;
