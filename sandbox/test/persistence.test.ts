import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519PublicKeyHex, signApiRequest } from "../src/auth/cobo-signature.js";
import { startSandbox } from "../src/server.js";
import { createVault, deviceApprovesTss, startTestEnv, waitTss, waitTx, type TestEnv } from "./helpers/env.js";
import { call, silenceSdkLogs, type Plain } from "./helpers/sdk.js";
import { waitFor } from "./helpers/wait.js";

// State survives a restart on the same data folder (including webhook
// deliveries still pending); device approvals whose shares lived only in memory
// are asked again; reset wipes everything; the sandbox refuses to run outside
// sandbox mode or on a non-loopback address.

let env: TestEnv;

beforeAll(async () => {
  silenceSdkLogs();
  env = await startTestEnv({ callback: false });
});
afterAll(async () => {
  await env.close();
});

async function control(pathname: string, body: unknown): Promise<Plain> {
  const raw = JSON.stringify(body);
  const headers = signApiRequest(env.secret, {
    method: "POST",
    path: pathname,
    nonce: `${Date.now()}${Math.random()}`,
    query: "",
    body: raw,
  });
  const res = await fetch(env.sandbox.origin + pathname, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: raw,
  });
  return (await res.json()) as Plain;
}

describe("persistence", () => {
  it("keeps vaults, groups, wallets, addresses, balances and pending deliveries across a restart", async () => {
    let phoneA = await env.newDevice("3of3-a");
    const phoneB = await env.newDevice("3of3-b");
    const { projectId, vaultId } = await createVault(env, { participants: 3, threshold: 3 });
    const group = await call(env.api.mpc, "createKeyShareHolderGroup", vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "MainGroup",
        participants: 3,
        threshold: 3,
        key_share_holders: [{ tss_node_id: phoneA.getTSSNodeID() }, { tss_node_id: phoneB.getTSSNodeID() }],
      },
    });
    const tss = await call(env.api.mpc, "createTssRequest", vaultId, {
      CreateTssRequestRequest: { type: "KeyGen", target_key_share_holder_group_id: group.key_share_holder_group_id },
    });
    const tssId = String(tss.tss_request_id);
    await deviceApprovesTss(phoneA, tssId);
    // Restart while the request waits for phone B: approvals without shares survive.
    const coboNode = env.sandbox.coboNodeId;
    const webhookKey = env.sandbox.webhookPublicKey;
    await env.restart();
    expect(env.sandbox.coboNodeId).toBe(coboNode);
    expect(env.sandbox.webhookPublicKey).toBe(webhookKey);
    phoneA = await env.openDevice("3of3-a");
    const phoneB2 = await env.openDevice("3of3-b");
    await deviceApprovesTss(phoneB2, tssId);
    await waitTss(env, vaultId, tssId, "Success");
    await phoneA.getTSSRequests([tssId]);
    await phoneB2.getTSSRequests([tssId]);

    const wallet = await call(env.api.wallets, "createWallet", {
      CreateWalletParams: { name: "persisted", wallet_type: "MPC", wallet_subtype: "User-Controlled", vault_id: vaultId },
    });
    const [addr] = await call<Plain[]>(env.api.wallets, "createAddress", wallet.wallet_id, { CreateAddressRequest: { chain_id: "SETH" } });
    const dep = await control("/_sandbox/deposits", { address: addr?.address, amount: "1.000000000000000001" });
    await waitTx(env, String(dep.transaction_id), "Completed");

    // A withdrawal approved by phone A, then a restart: A's share was in memory only, so A is asked again.
    const created = await call(env.api.transactions, "createTransferTransaction", {
      TransferParams: {
        request_id: "across-restart",
        source: { source_type: "User-Controlled", wallet_id: wallet.wallet_id, address: addr?.address },
        token_id: "SETH",
        destination: {
          destination_type: "Address",
          account_output: { address: "0x000000000000000000000000000000000000dEaD", amount: "0.5" },
        },
        fee: { fee_type: "EVM_Legacy", token_id: "SETH", gas_price: "1000000000", gas_limit: "21000" },
      },
    });
    const txId = String(created.transaction_id);
    await waitFor(async () => (await phoneA.listPendingTransactions()).some((t) => t.transaction_id === txId), "A sees tx");
    await phoneA.approveTransactions([txId]);
    expect((await phoneA.getTransactions([txId]))[0]?.my_decision).toBe("approved");

    // Make webhooks fail so some deliveries are pending at shutdown.
    env.receiver.respond = () => ({ status: 500, body: "" });
    const pendingVault = await call(env.api.mpc, "createMpcVault", {
      CreateMpcVaultRequest: { name: "pending-delivery", vault_type: "User-Controlled", project_id: projectId },
    });
    await waitFor(
      () => env.receiver.on("/webhooks").some((r) => r.rawBody.includes(String(pendingVault.vault_id))),
      "first failed attempt",
    );
    await env.restart();
    env.receiver.respond = () => ({ status: 200, body: "" });
    phoneA = await env.openDevice("3of3-a");
    const phoneB3 = await env.openDevice("3of3-b");

    const endpoints = await call(env.api.webhooks, "listWebhookEndpoints", {});
    const endpointId = (endpoints.data as Plain[])[0]?.endpoint_id;
    await waitFor(async () => {
      const list = await call(env.api.webhooks, "listWebhookEvents", endpointId, { type: "mpc_vaults.created", limit: 50 });
      const e = (list.data as Plain[]).find((x) => (x.data as Plain).vault_id === pendingVault.vault_id);
      return e?.status === "Success";
    }, "pending delivery to resume after restart");

    const balances = await call(env.api.wallets, "listTokenBalancesForAddress", wallet.wallet_id, addr?.address, {});
    expect((balances.data as Plain[])[0]?.balance).toMatchObject({ total: "1.000000000000000001", locked: "0.500021" });
    expect((await phoneA.getTransactions([txId]))[0]?.my_decision).toBeNull();
    await phoneA.approveTransactions([txId]);
    await waitFor(async () => (await phoneB3.listPendingTransactions()).some((t) => t.transaction_id === txId), "B sees tx");
    await phoneB3.approveTransactions([txId]);
    const done = await waitTx(env, txId, "Completed");
    expect(done.fee).toMatchObject({ fee_type: "EVM_Legacy", gas_price: "1000000000", fee_used: "0.000021" });
    const after = await call(env.api.wallets, "listTokenBalancesForAddress", wallet.wallet_id, addr?.address, {});
    expect((after.data as Plain[])[0]?.balance).toEqual({
      total: "0.499979000000000001",
      available: "0.499979000000000001",
      pending: "0",
      locked: "0",
    });
  });

  it("resets the state through the control API", async () => {
    expect(((await call(env.api.mpc, "listMpcProjects", {})).data as unknown[]).length).toBeGreaterThan(0);
    const res = await control("/_sandbox/reset", {});
    expect(res).toEqual({ reset: true });
    expect((await call(env.api.mpc, "listMpcProjects", {})).data).toEqual([]);
    const endpoints = await call(env.api.webhooks, "listWebhookEndpoints", {});
    expect((endpoints.data as Plain[]).map((e) => e.url)).toEqual([env.receiver.url("/webhooks")]);
  });
});

describe("startup rules", () => {
  it("generates the API secret into the data folder (0600) when none is given", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cobo-sandbox-secret-"));
    try {
      const sb = await startSandbox({ port: 0, dataDir: dir, webhookUrl: "", callbackUrl: "", env: {} });
      try {
        const file = path.join(dir, "cobo-api-secret");
        const secret = (await readFile(file, "utf8")).trim();
        expect(ed25519PublicKeyHex(secret)).toBe(sb.apiKey);
        expect((await stat(file)).mode & 0o777).toBe(0o600);
        const info = (await (await fetch(`${sb.origin}/_sandbox/info`)).json()) as Plain;
        expect(info.api_key).toBe(sb.apiKey);
      } finally {
        await sb.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start outside sandbox mode or on a non-loopback address", async () => {
    await expect(startSandbox({ port: 0, dataDir: env.dir, env: { COBO_ENV: "prod" } })).rejects.toThrow(/COBO_ENV/);
    await expect(startSandbox({ port: 0, dataDir: env.dir, env: { COBO_ENV: "dev" } })).rejects.toThrow(/COBO_ENV/);
    await expect(startSandbox({ port: 0, dataDir: env.dir, host: "0.0.0.0", env: {} })).rejects.toThrow(/loopback/);
  });
});
