import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomSeedHex } from "../../src/auth/cobo-signature.js";
import { initializeSecrets, UCW } from "../../src/device/ucw.js";
import { startSandbox, type SandboxHandle, type StartSandboxOptions } from "../../src/server.js";
import { Receiver } from "./receiver.js";
import { call, sdkApis, type Plain, type SdkApis } from "./sdk.js";
import { waitFor } from "./wait.js";

// A sandbox started in-process on a random port with a fresh data folder, a
// recording receiver for webhooks (/webhooks) and callbacks (/callbacks), the
// official SDK pointed at it, and virtual devices.

/** Everything a test needs. */
export interface TestEnv {
  sandbox: SandboxHandle;
  receiver: Receiver;
  api: SdkApis;
  dir: string;
  secret: string;
  /** Creates a virtual device with its own Secrets file. */
  newDevice(name: string): Promise<UCW>;
  /** Reopens a device's Secrets file (e.g. after a sandbox restart). */
  openDevice(name: string): Promise<UCW>;
  /** Restarts the sandbox on the same data folder (new port). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Device passphrase used in tests. */
export const DEVICE_PASS = "device passphrase";

/** Starts a test sandbox; `callback: false` links no risk-control callback. */
export async function startTestEnv(opts: { callback?: boolean; sandbox?: Partial<StartSandboxOptions> } = {}): Promise<TestEnv> {
  const dir = await mkdtemp(path.join(tmpdir(), "cobo-sandbox-test-"));
  const receiver = new Receiver();
  await receiver.start();
  const secret = randomSeedHex();
  const options: StartSandboxOptions = {
    port: 0,
    dataDir: dir,
    apiSecret: secret,
    webhookUrl: receiver.url("/webhooks"),
    callbackUrl: opts.callback === false ? "" : receiver.url("/callbacks"),
    tickMs: 15,
    retryBaseMs: 20,
    retryMaxMs: 200,
    env: {},
    ...opts.sandbox,
  };
  let sandbox = await startSandbox(options);
  const env: TestEnv = {
    sandbox,
    receiver,
    api: sdkApis(sandbox.url, secret),
    dir,
    secret,
    async newDevice(name) {
      await initializeSecrets(path.join(dir, "devices", `${name}.secrets`), DEVICE_PASS, { kdfCost: "test" });
      return env.openDevice(name);
    },
    openDevice(name) {
      return UCW.open({ relayUrl: env.sandbox.origin, kdfCost: "test" }, path.join(dir, "devices", `${name}.secrets`), DEVICE_PASS);
    },
    async restart() {
      await env.sandbox.stop();
      sandbox = await startSandbox(options);
      env.sandbox = sandbox;
      env.api = sdkApis(sandbox.url, secret);
    },
    async close() {
      await env.sandbox.stop();
      await receiver.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return env;
}

/** Creates a project and a User-Controlled vault. */
export async function createVault(
  env: TestEnv,
  scheme: { participants: number; threshold: number } = { participants: 2, threshold: 2 },
): Promise<{ projectId: string; vaultId: string }> {
  const project = await call(env.api.mpc, "createMpcProject", { CreateMpcProjectRequest: { name: "sandbox project", ...scheme } });
  const vault = await call(env.api.mpc, "createMpcVault", {
    CreateMpcVaultRequest: { name: "vault-1", vault_type: "User-Controlled", project_id: project.project_id },
  });
  return { projectId: String(project.project_id), vaultId: String(vault.vault_id) };
}

/** Reads a TSS request through the SDK. */
export function getTss(env: TestEnv, vaultId: string, tssId: string): Promise<Plain> {
  return call(env.api.mpc, "getTssRequestById", vaultId, tssId);
}

/** Waits until a TSS request has `status`. */
export function waitTss(env: TestEnv, vaultId: string, tssId: string, status: string): Promise<Plain> {
  return waitFor(async () => {
    const r = await getTss(env, vaultId, tssId);
    return r.status === status ? r : undefined;
  }, `TSS request ${tssId} to reach ${status}`);
}

/** Waits until the device sees the TSS request as pending, then approves it. */
export async function deviceApprovesTss(device: UCW, tssId: string): Promise<void> {
  await waitFor(
    async () => (await device.listPendingTSSRequests()).some((r) => r.tss_request_id === tssId),
    `device to see TSS request ${tssId}`,
  );
  await device.approveTSSRequests([tssId]);
}

/** Reads a transaction through the SDK. */
export function getTx(env: TestEnv, txId: string): Promise<Plain> {
  return call(env.api.transactions, "getTransactionById", txId);
}

/** Waits until a transaction has `status`. */
export function waitTx(env: TestEnv, txId: string, status: string): Promise<Plain> {
  return waitFor(async () => {
    const t = await getTx(env, txId);
    return t.status === status ? t : undefined;
  }, `transaction ${txId} to reach ${status}`);
}

/** A vault whose 2-2 Main Group (Cobo + the device) has a key, a wallet, and the device. */
export interface ReadyWallet {
  vaultId: string;
  groupId: string;
  walletId: string;
  device: UCW;
  tssKeyShareGroupId: string;
}

/** Runs the seed guide's setup: vault → Main Group (device only, as the demo does) → KeyGen approved → wallet. */
export async function readyWallet(env: TestEnv, deviceName = "phone-1"): Promise<ReadyWallet> {
  const device = await env.newDevice(deviceName);
  const { vaultId } = await createVault(env);
  const group = await call(env.api.mpc, "createKeyShareHolderGroup", vaultId, {
    CreateKeyShareHolderGroupRequest: {
      key_share_holder_group_type: "MainGroup",
      participants: 2,
      threshold: 2,
      key_share_holders: [{ name: "user@example.com", type: "API", tss_node_id: device.getTSSNodeID() }],
    },
  });
  const groupId = String(group.key_share_holder_group_id);
  const tss = await call(env.api.mpc, "createTssRequest", vaultId, {
    CreateTssRequestRequest: { type: "KeyGen", target_key_share_holder_group_id: groupId },
  });
  const tssId = String(tss.tss_request_id);
  await deviceApprovesTss(device, tssId);
  await waitTss(env, vaultId, tssId, "Success");
  await device.getTSSRequests([tssId]);
  const wallet = await call(env.api.wallets, "createWallet", {
    CreateWalletParams: {
      name: `wallet_${deviceName.replace(/\W/g, "_")}_${Date.now()}`,
      wallet_type: "MPC",
      wallet_subtype: "User-Controlled",
      vault_id: vaultId,
    },
  });
  const g = await call(env.api.mpc, "getKeyShareHolderGroupById", vaultId, groupId);
  const tssGroups = g.tss_key_share_groups as { tss_key_share_group_id: string }[];
  return { vaultId, groupId, walletId: String(wallet.wallet_id), device, tssKeyShareGroupId: tssGroups[0]?.tss_key_share_group_id ?? "" };
}
