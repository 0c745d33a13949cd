import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

// Projects: `unit` (colocated *.test.ts, no I/O beyond the process), `integration` (a real database
// per file: PGlite by default, PostgreSQL when DATABASE_URL is set; and the sandbox over HTTP),
// `sandbox` (the Cobo stand-in's own tests; imports nothing from app/ or lib/).
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": fileURLToPath(new URL("./tests/helpers/empty.ts", import.meta.url)),
    },
  },
  test: {
    globalSetup: ["tests/helpers/global-setup.ts"],
    env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          environment: "node",
          // a guard against hangs, not a speed check: CI machines run four suites back to back
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "lib/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: { name: "sandbox", include: ["sandbox/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
  },
});
