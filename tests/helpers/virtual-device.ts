import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

// A virtual UCW device of the sandbox, driven through the sandbox's device CLI
// (sandbox/src/cli/device.ts) in a child process, the way a person would at a terminal: the
// sandbox is never imported, nor anything of the app, so Playwright tests use it too. Its Secrets
// file lives in the sandbox's data folder, so it disappears with the sandbox. Also: a bounded poll,
// simulated deposits and the offline disaster-recovery tool.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEVICE_CLI = path.join(ROOT, "sandbox", "src", "cli", "device.ts");
const PASSPHRASE = "virtual device passphrase for tests";

/** Where a running sandbox is and how to sign for it. */
export type SandboxAccess = { origin: string; apiSecret: string; dataDir: string };

/** Polls `probe` until it returns a value other than undefined/false, at most `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
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
      throw new Error(
        `timed out waiting for ${what}${lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})` : ""}`,
      );
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
  /** Withdrawals by id, as the device sees them (any status). */
  transactions(ids: string[]): Promise<DeviceTransaction[]>;
  rejectTransactions(ids: string[], reason: string): Promise<DeviceTransaction[]>;
  /** Any other device CLI command, run as this device (e.g. ["export-recovery", …]). */
  cli(args: string[]): Promise<unknown>;
};

async function runCli(sandbox: SandboxAccess, args: string[], timeoutMs = 60_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", DEVICE_CLI, ...args, "--data-dir", sandbox.dataDir, "--url", sandbox.origin],
      {
        cwd: ROOT,
        env: { ...process.env, COBO_ENV: "sandbox", UCW_DEVICE_PASSPHRASE: PASSPHRASE, COBO_API_SECRET: sandbox.apiSecret },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
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
export async function createDevice(sandbox: SandboxAccess, prefix = "phone"): Promise<VirtualDevice> {
  const name = `${prefix}-${randomBytes(4).toString("hex")}`;
  const init = (await runCli(sandbox, ["init", "--name", name])) as { tss_node_id: string };
  return deviceHandle(sandbox, name, init.tss_node_id);
}

/**
 * Restores a Secrets backup (made with `export-secrets`) onto a new virtual device, as the UCW
 * SDK's importSecrets does on a second phone: the new device has the backed-up TSS node id and key shares.
 */
export async function restoreDevice(
  sandbox: SandboxAccess,
  backupFile: string,
  exportPassphrase: string,
  prefix = "restored",
): Promise<VirtualDevice> {
  const name = `${prefix}-${randomBytes(4).toString("hex")}`;
  const restored = (await runCli(sandbox, [
    "import-secrets",
    "--name",
    name,
    "--in",
    backupFile,
    "--export-passphrase",
    exportPassphrase,
  ])) as {
    tss_node_id: string;
  };
  return deviceHandle(sandbox, name, restored.tss_node_id);
}

function deviceHandle(sandbox: SandboxAccess, name: string, nodeId: string): VirtualDevice {
  const run = (args: string[]) => runCli(sandbox, [...args, "--name", name]);
  return {
    name,
    nodeId,
    pendingTss: async () => (await run(["list-tss"])) as DeviceTssRequest[],
    approveTss: async (ids) => (await run(["approve-tss", "--ids", ids.join(",")])) as DeviceTssRequest[],
    pendingTransactions: async () => (await run(["list-tx"])) as DeviceTransaction[],
    approveTransactions: async (ids) => (await run(["approve-tx", "--ids", ids.join(",")])) as DeviceTransaction[],
    transactions: async (ids) => (await run(["get-tx", "--ids", ids.join(",")])) as DeviceTransaction[],
    rejectTransactions: async (ids, reason) =>
      (await run(["reject-tx", "--ids", ids.join(","), "--reason", reason])) as DeviceTransaction[],
    cli: (args) => run(args),
  };
}

/** Creates an auto-approving server co-signer run by the sandbox (for 2-3 and 3-3); returns its node id. */
export async function createCosigner(sandbox: SandboxAccess): Promise<string> {
  const out = (await runCli(sandbox, ["create-cosigner", "--cosigner-name", `server-${randomBytes(3).toString("hex")}`])) as {
    node_id: string;
  };
  return out.node_id;
}

/** Runs the offline disaster-recovery tool (no device identity) over exported recovery shares. */
export async function disasterRecoveryTool(sandbox: SandboxAccess, args: string[]): Promise<unknown> {
  return runCli(sandbox, ["disaster-recovery", ...args]);
}

/** Signs a simulated incoming deposit into the sandbox (its control API). */
export async function simulateDeposit(
  sandbox: SandboxAccess,
  address: string,
  amount: string,
  tokenId?: string,
): Promise<{ transaction_id: string; status: string }> {
  return (await runCli(sandbox, [
    "simulate-deposit",
    "--address",
    address,
    "--amount",
    amount,
    ...(tokenId ? ["--token", tokenId] : []),
  ])) as {
    transaction_id: string;
    status: string;
  };
}
