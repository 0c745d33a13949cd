import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, type Browser, type BrowserContext, type TestInfo } from "@playwright/test";
import { waitForHttp } from "../../scripts/lib/wait-for-http";
import { freePort } from "../../tests/helpers/sandbox";
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
  // Another process may take one of the two ports between their check and the server's listen: the
  // server then exits with EADDRINUSE, and it is started again on two other ports.
  for (let attempt = 1; ; attempt++) {
    const started = await launch(name, env, await freePort(2));
    if (started.ok) return started.server;
    const portTaken = started.output.includes("EADDRINUSE");
    if (!portTaken || attempt === 3) {
      await testInfo.attach(`${name}-server-output`, { body: started.output, contentType: "text/plain" });
      throw started.error;
    }
  }
}

async function launch(
  name: string,
  env: Record<string, string>,
  port: number,
): Promise<{ ok: true; server: OwnServer } | { ok: false; error: unknown; output: string }> {
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
    return { ok: false, error, output };
  }
  const runtime = JSON.parse(readFileSync(e2eRuntimeFile(port), "utf8")) as E2eRuntime;
  const server: OwnServer = {
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
  return { ok: true, server };
}
