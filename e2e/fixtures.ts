import { tmpdir } from "node:os";
import path from "node:path";

// Test-only console users, created by e2e/server.ts in the e2e run's own throw-away database.
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", password: "e2e-admin-password-1" },
  support: { email: "support@e2e.test", password: "e2e-support-password-1" },
} as const;

export const STORAGE_STATE = {
  admin: "e2e/.auth/admin.json",
  support: "e2e/.auth/support.json",
} as const;

/** Where e2e/server.ts leaves the run's database URL, for specs that must reach the database itself (e.g. to hold a lock). */
export function e2eRuntimeFile(port: number): string {
  return path.join(tmpdir(), `ucw-e2e-${port}.json`);
}
