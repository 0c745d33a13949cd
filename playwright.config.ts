import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";

// Playwright drives Debian's Chromium (never a downloaded browser). `api` tests talk HTTP only
// (status codes, exact problem bodies); `ui` tests click through the console. The server under
// test is started by e2e/server.ts on its own data folder, database and sandbox.

const port = Number(process.env.E2E_PORT ?? 3100);

// The sandbox's API secret for this run, chosen here so the server (through the environment
// e2e/server.ts passes on) and the specs' virtual phones (e2e/phone.ts, which simulate deposits)
// share it. Workers inherit it from this process. Sandbox only: e2e never talks to Cobo itself.
process.env.COBO_API_SECRET ??= randomBytes(32).toString("hex");
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Screenshots the journeys keep (e2e/helpers/staff-view.ts) are files in each test's folder under
  // outputDir and attachments of the HTML report (playwright-report/, never opened by itself), so
  // both hold them after the run; traces of failed tests too.
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "api", testMatch: /api\/.*\.spec\.ts/, dependencies: ["setup"] },
    { name: "ui", testMatch: /ui\/.*\.spec\.ts/, dependencies: ["setup"] },
  ],
  webServer: {
    command: `node --import tsx e2e/server.ts`,
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
