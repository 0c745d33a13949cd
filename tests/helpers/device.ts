import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { POST as createVaultRoute } from "@/app/api/v1/vault/route";
import { POST as createMainGroupRoute } from "@/app/api/v1/vault/main-group/route";
import { coboGatewaySlot, createCoboGateway, getCoboGateway } from "@/lib/cobo/client";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { call } from "./app-harness";
import { newAppUser, type TestAppUser } from "./app-users";
import type { SandboxProcess } from "./sandbox";

// A virtual UCW device of the sandbox, driven through the sandbox's device CLI
// (sandbox/src/cli/device.ts) in a child process, the way a person would at a terminal: the
// sandbox is never imported. Its Secrets file lives in the sandbox process's data folder, so it
// disappears with the sandbox. Also: a bounded poll, the setup most API tests need (a user whose
// vault's Main Group key generation the device approved), and a lossy network path to the sandbox
// for crash-safety tests.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEVICE_CLI = path.join(ROOT, "sandbox", "src", "cli", "device.ts");
const PASSPHRASE = "virtual device passphrase for tests";

/** Polls `probe` until it returns a value other than undefined/false, at most `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})` : ""}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** SDK-style views the CLI prints (the fields the tests use). */
export type DeviceTssRequest = { tss_request_id: string; status: number };
export type DeviceTransaction = { transaction_id: string; status: number };

export type VirtualDevice = {
  name: string;
  nodeId: string;
  /** TSS requests waiting for this device. */
  pendingTss(): Promise<DeviceTssRequest[]>;
  approveTss(ids: string[]): Promise<DeviceTssRequest[]>;
  /** Withdrawals waiting for this device's signature. */
  pendingTransactions(): Promise<DeviceTransaction[]>;
  approveTransactions(ids: string[]): Promise<DeviceTransaction[]>;
  rejectTransactions(ids: string[], reason: string): Promise<DeviceTransaction[]>;
  /** Any other device CLI command, run as this device (e.g. ["export-recovery", …]). */
  cli(args: string[]): Promise<unknown>;
};

async function runCli(sandbox: SandboxProcess, args: string[], timeoutMs = 60_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", DEVICE_CLI, ...args, "--data-dir", sandbox.dataDir, "--url", sandbox.origin], {
      cwd: ROOT,
      env: { ...process.env, COBO_ENV: "sandbox", UCW_DEVICE_PASSPHRASE: PASSPHRASE, COBO_API_SECRET: sandbox.apiSecret },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (err += c.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`device ${args[0]} failed (code ${code}, signal ${signal}): ${err.trim() || out.trim()}`));
      try {
        resolve(JSON.parse(out) as unknown);
      } catch {
        reject(new Error(`device ${args[0]} printed no JSON: ${out}`));
      }
    });
  });
}

/** Creates a new virtual device (a new TSS node id) in the sandbox's data folder. */
export async function createDevice(sandbox: SandboxProcess, prefix = "phone"): Promise<VirtualDevice> {
  const name = `${prefix}-${randomBytes(4).toString("hex")}`;
  const init = (await runCli(sandbox, ["init", "--name", name])) as { tss_node_id: string };
  const run = (args: string[]) => runCli(sandbox, [...args, "--name", name]);
  return {
    name,
    nodeId: init.tss_node_id,
    pendingTss: async () => (await run(["list-tss"])) as DeviceTssRequest[],
    approveTss: async (ids) => (await run(["approve-tss", "--ids", ids.join(",")])) as DeviceTssRequest[],
    pendingTransactions: async () => (await run(["list-tx"])) as DeviceTransaction[],
    approveTransactions: async (ids) => (await run(["approve-tx", "--ids", ids.join(",")])) as DeviceTransaction[],
    rejectTransactions: async (ids, reason) => (await run(["reject-tx", "--ids", ids.join(","), "--reason", reason])) as DeviceTransaction[],
    cli: (args) => run(args),
  };
}

/** Creates an auto-approving server co-signer run by the sandbox (for 2-3 and 3-3); returns its node id. */
export async function createCosigner(sandbox: SandboxProcess): Promise<string> {
  const out = (await runCli(sandbox, ["create-cosigner", "--cosigner-name", `server-${randomBytes(3).toString("hex")}`])) as { node_id: string };
  return out.node_id;
}

/** Runs the offline disaster-recovery tool (no device identity) over exported recovery shares. */
export async function disasterRecoveryTool(sandbox: SandboxProcess, args: string[]): Promise<unknown> {
  return runCli(sandbox, ["disaster-recovery", ...args]);
}

/** Signs a simulated incoming deposit into the sandbox (its control API). */
export async function simulateDeposit(sandbox: SandboxProcess, address: string, amount: string, tokenId?: string): Promise<{ transaction_id: string; status: string }> {
  return (await runCli(sandbox, ["simulate-deposit", "--address", address, "--amount", amount, ...(tokenId ? ["--token", tokenId] : [])])) as {
    transaction_id: string;
    status: string;
  };
}

export type ReadyUser = TestAppUser & { device: VirtualDevice; vaultId: string; tssRequestId: string };

/**
 * The guide's setup through the real endpoints: sign up → register the device's node → vault →
 * Main Group (KeyGen) → the device approves → polled until Cobo reports Success.
 */
export async function readyAppUser(sandbox: SandboxProcess, prefix = "ready"): Promise<ReadyUser> {
  const user = await newAppUser(prefix);
  const device = await createDevice(sandbox, prefix);
  const node = await call(registerNode, { path: "/api/v1/tss-nodes", token: user.token, body: { tss_node_id: device.nodeId } });
  if (node.status !== 201) throw new Error(`register node: ${node.status} ${node.text}`);
  const vault = await call(createVaultRoute, { path: "/api/v1/vault", method: "POST", token: user.token });
  if (vault.status !== 201) throw new Error(`create vault: ${vault.status} ${vault.text}`);
  const group = await call(createMainGroupRoute, { path: "/api/v1/vault/main-group", token: user.token, body: { tss_node_id: device.nodeId } });
  if (group.status !== 201) throw new Error(`create main group: ${group.status} ${group.text}`);
  const tssRequestId = (group.body as { tss_request_id: string }).tss_request_id;
  await waitFor(async () => (await device.pendingTss()).some((r) => r.tss_request_id === tssRequestId), "the device to see the KeyGen request");
  await device.approveTss([tssRequestId]);
  await waitFor(async () => (await syncTssRequest(tssRequestId)).status === "Success", "key generation to succeed");
  return { ...user, device, vaultId: (vault.body as { vault_id: string }).vault_id, tssRequestId };
}

/**
 * Runs `fn` with the app's Cobo gateway talking to the sandbox through a proxy that forwards every
 * request but answers 502 instead of the sandbox's answer whenever `loseAnswer(method, path)` says
 * so: Cobo did the work and the answer was lost, the case that makes unsafe calls unsafe to repeat.
 */
export async function withLossyCobo<T>(
  sandbox: SandboxProcess,
  loseAnswer: (method: string, path: string) => boolean,
  fn: () => Promise<T>,
): Promise<T> {
  const proxy = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && (k.startsWith("biz-") || k === "content-type")) headers[k] = v;
      const method = req.method ?? "GET";
      const url = req.url ?? "/";
      void fetch(`${sandbox.origin}${url}`, { method, headers, body: raw === "" ? undefined : raw })
        .then(async (upstream) => {
          const text = await upstream.text();
          if (loseAnswer(method, new URL(url, sandbox.origin).pathname)) res.writeHead(502, { "content-type": "application/json" }).end("{}");
          else res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" }).end(text);
        })
        .catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  // The app's gateway is a process-wide singleton (lib/cobo/client.ts); swap it for the duration.
  const real = getCoboGateway();
  coboGatewaySlot.set(createCoboGateway({
    baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v2`,
    apiSecret: sandbox.apiSecret,
    minRetryDelayMs: 1,
    maxRetryDelayMs: 5,
  }));
  try {
    return await fn();
  } finally {
    coboGatewaySlot.set(real);
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
  }
}
