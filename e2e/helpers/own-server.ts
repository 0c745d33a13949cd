import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, type Browser, type BrowserContext, type TestInfo } from "@playwright/test";
import { waitForHttp } from "../../scripts/lib/wait-for-http";
import { ChildStartFailed, startOnFreePorts } from "../../tests/helpers/sandbox";
import { E2E_USERS, e2eRuntimeFile, type E2eRuntime } from "../fixtures";

// A production server of a spec's own, for what the shared e2e server cannot be: another
// UCW_SCHEME (fixed per process) or a database seeded at scale. It is e2e/server.ts again (the
// production build, a fresh data folder, database and sandbox, the e2e console users) on two free
// ports, started by the spec and stopped by it; its sessions are signed in through its sign-in form.

export type OwnServer = {
  origin: string;
  runtime: E2eRuntime;
  /** A browser context on this server, signed in as `role` through the sign-in form. */
  signedIn(browser: Browser, role: "admin" | "support"): Promise<BrowserContext>;
  stop(): Promise<void>;
};

/**
 * Starts e2e/server.ts with `env` added (e.g. UCW_SCHEME, E2E_SEED_TRANSACTIONS) and waits until it
 * answers. `name` names its PostgreSQL database when the run uses one (DATABASE_URL).
 */
export async function startOwnServer(name: string, env: Record<string, string>, testInfo: TestInfo): Promise<OwnServer> {
  try {
    // two ports: the server's, and its sandbox's after it
    return await startOnFreePorts(2, (port) => launch(name, env, port));
  } catch (error) {
    if (error instanceof ChildStartFailed)
      await testInfo.attach(`${name}-server-output`, { body: error.output, contentType: "text/plain" });
    throw error;
  }
}

async function launch(name: string, env: Record<string, string>, port: number): Promise<OwnServer> {
  const origin = `http://127.0.0.1:${port}`;
  let output = "";
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...env,
    E2E_PORT: String(port),
    E2E_DATABASE_NAME: `ucw_e2e_${name}`,
    LOG_LEVEL: "warn",
  };
  // the environment the shared server was started with, without what Playwright gives its workers
  for (const k of Object.keys(childEnv))
    if (k === "NODE_OPTIONS" || /^(PW_|PLAYWRIGHT_|TEST_WORKER_INDEX|TEST_PARALLEL_INDEX)/.test(k)) delete childEnv[k];
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "e2e/server.ts"], {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  const stop = async () => {
    if (!running) return;
    child.kill("SIGTERM");
    const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
    if (!done) child.kill("SIGKILL");
  };
  try {
    await Promise.race([
      waitForHttp(`${origin}/api/health`, `the ${name} e2e server`, 240_000),
      exited.then(() => {
        throw new Error(`the ${name} e2e server exited:\n${output}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw new ChildStartFailed(error instanceof Error ? error.message : String(error), output);
  }
  const runtime = JSON.parse(readFileSync(e2eRuntimeFile(port), "utf8")) as E2eRuntime;
  return {
    origin,
    runtime,
    async signedIn(browser, role) {
      const context = await browser.newContext({ baseURL: origin });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await page.getByLabel("Email").fill(E2E_USERS[role].email);
      await page.getByLabel("Password").fill(E2E_USERS[role].password);
      await page.getByRole("button", { name: /^sign in$/i }).click();
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.close();
      return context;
    },
    stop,
  };
}
