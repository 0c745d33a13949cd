import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";

// Runs the Cobo sandbox (sandbox/src/main.ts) as a separate process for integration tests: a free
// port, a temp data folder, a fresh API secret; resolves once /_sandbox/info answers. The sandbox is
// never imported (nothing outside sandbox/ may import it); tests talk to it over HTTP only.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SANDBOX_ENTRY = path.join(ROOT, "sandbox", "src", "main.ts");

export type SandboxInfo = {
  webhook_public_key: string;
  api_key: string;
  cobo_node_id: string;
  [key: string]: unknown;
};

export type SandboxProcess = {
  /** WaaS base URL, `…/v2`. */
  baseUrl: string;
  /** scheme://host:port */
  origin: string;
  /** The API secret (hex Ed25519 seed) the sandbox trusts. */
  apiSecret: string;
  dataDir: string;
  info: SandboxInfo;
  /** Everything the sandbox printed so far (for failure messages). */
  output(): string;
  /** Stops the process (SIGTERM, then SIGKILL) and removes the data folder. */
  stop(): Promise<void>;
};

export type StartSandboxProcessOptions = {
  /** SANDBOX_WEBHOOK_URL; default "" (no default endpoint). */
  webhookUrl?: string;
  /** SANDBOX_CALLBACK_URL; default "" (no callback linked to the API key). */
  callbackUrl?: string;
  /** SANDBOX_TICK_MS; default 50 so state moves quickly in tests. */
  tickMs?: number;
  /** SANDBOX_RETRY_BASE_MS; default 100. */
  retryBaseMs?: number;
  /** The API secret to trust; default a fresh random one. */
  apiSecret?: string;
  /** Extra environment for the process. */
  env?: Record<string, string>;
  /** How long to wait for /_sandbox/info. Default 30 s. */
  startTimeoutMs?: number;
};

/** True once the sandbox's entry point exists (tests skip themselves until then). */
export function sandboxAvailable(): boolean {
  return existsSync(SANDBOX_ENTRY);
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

// Ports for child processes come from below Linux's ephemeral range (32768-60999): a port the OS
// hands out for `listen(0)` is in that range, and so are the local ports of the many outgoing
// connections a test run makes, so one picked there can be taken by a client socket between the
// check and the child's own listen (EADDRINUSE). Below it, only listeners compete.
const CHILD_PORT_MIN = 20_000;
const CHILD_PORT_MAX = 32_767;

/** A TCP port below the ephemeral range that was free a moment ago, with `span - 1` free ports after it. */
export async function freePort(span = 1): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = CHILD_PORT_MIN + Math.floor(Math.random() * (CHILD_PORT_MAX - CHILD_PORT_MIN - span));
    let free = true;
    for (let i = 0; i < span && free; i++) free = await bindable(port + i);
    if (free) return port;
  }
  throw new Error(`no ${span} free port(s) between ${CHILD_PORT_MIN} and ${CHILD_PORT_MAX}`);
}

/** A child process that did not start, with what it printed. */
export class ChildStartFailed extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
    this.name = "ChildStartFailed";
  }
}

/**
 * Runs `start` on `span` free ports (freePort). When another process takes one between the check
 * and the child's listen (its output names EADDRINUSE), starts again on others: 3 tries in all.
 */
export async function startOnFreePorts<T>(span: number, start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort(span));
    } catch (error) {
      const portTaken = error instanceof ChildStartFailed && error.output.includes("EADDRINUSE");
      if (!portTaken || attempt === 3) throw error;
    }
  }
}

/** Starts the sandbox process and waits (bounded) until it answers. */
export async function startSandboxProcess(opts: StartSandboxProcessOptions = {}): Promise<SandboxProcess> {
  if (!sandboxAvailable()) throw new Error(`${SANDBOX_ENTRY} does not exist yet`);
  return startOnFreePorts(1, (port) => startSandboxOn(port, opts));
}

async function startSandboxOn(port: number, opts: StartSandboxProcessOptions): Promise<SandboxProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "ucw-sandbox-"));
  const apiSecret = opts.apiSecret ?? bytesToHex(randomBytes(32));
  const origin = `http://127.0.0.1:${port}`;

  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", SANDBOX_ENTRY], {
    cwd: ROOT,
    env: {
      ...process.env,
      COBO_ENV: "sandbox",
      COBO_SANDBOX_PORT: String(port),
      UCW_DATA_DIR: dataDir,
      COBO_API_SECRET: apiSecret,
      SANDBOX_WEBHOOK_URL: opts.webhookUrl ?? "",
      SANDBOX_CALLBACK_URL: opts.callbackUrl ?? "",
      SANDBOX_TICK_MS: String(opts.tickMs ?? 50),
      SANDBOX_RETRY_BASE_MS: String(opts.retryBaseMs ?? 100),
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );

  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill("SIGTERM");
      const killed = await Promise.race([exit.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
      if (!killed) {
        child.kill("SIGKILL");
        await exit;
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  let info: SandboxInfo | undefined;
  while (!info) {
    if (exited) {
      await stop();
      throw new ChildStartFailed(`the sandbox exited (code ${exited.code}, signal ${exited.signal}) before answering:\n${output}`, output);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new ChildStartFailed(`the sandbox did not answer ${origin}/_sandbox/info in time:\n${output}`, output);
    }
    try {
      const res = await fetch(`${origin}/_sandbox/info`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) info = (await res.json()) as SandboxInfo;
    } catch {
      // not listening yet
    }
    if (!info) await new Promise((r) => setTimeout(r, 100));
  }

  return { baseUrl: `${origin}/v2`, origin, apiSecret, dataDir, info, output: () => output, stop };
}

/**
 * A request signed the way Cobo's API expects (docs/cobo.md#signing), for the sandbox's own control routes
 * (`/_sandbox/deposits`, `/_sandbox/cosigners`, …), which the gateway has no function for.
 */
export async function sandboxRequest<T = unknown>(
  sandbox: Pick<SandboxProcess, "origin" | "apiSecret">,
  method: "GET" | "POST" | "DELETE",
  pathAndQuery: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const nonce = String(Date.now());
  const text = body === undefined ? "" : JSON.stringify(body);
  const seed = hexToBytes(sandbox.apiSecret);
  const url = new URL(pathAndQuery, sandbox.origin);
  const digest = sha256(sha256(utf8ToBytes([method, url.pathname, nonce, url.search.slice(1), text].join("|"))));
  const res = await fetch(url, {
    method,
    headers: {
      "content-type": "application/json",
      "BIZ-API-KEY": bytesToHex(ed25519.getPublicKey(seed)),
      "BIZ-API-NONCE": nonce,
      "BIZ-API-SIGNATURE": bytesToHex(ed25519.sign(digest, seed)),
    },
    ...(body === undefined ? {} : { body: text }),
  });
  const raw = await res.text();
  return { status: res.status, body: (raw ? JSON.parse(raw) : null) as T };
}
