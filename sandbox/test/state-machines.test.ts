import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signApiRequest } from "../src/auth/cobo-signature.js";
import { loadSecrets } from "../src/crypto/secrets-file.js";
import { RelayClient } from "../src/device/relay-client.js";
import {
  DEVICE_PASS,
  createVault,
  deviceApprovesTss,
  readyWallet,
  startTestEnv,
  waitTss,
  waitTx,
  type ReadyWallet,
  type TestEnv,
} from "./helpers/env.js";
import { call, callError, silenceSdkLogs, type Plain } from "./helpers/sdk.js";
import { waitFor } from "./helpers/wait.js";

// TSS request and transaction state machines, the risk-control callback, and a
// 2-of-3 scheme with an auto-approving server co-signer.

let env: TestEnv;
let ready: ReadyWallet;
let from = "";

async function control(e: TestEnv, pathname: string, body: unknown): Promise<Plain> {
  const raw = JSON.stringify(body);
  const headers = signApiRequest(e.secret, {
    method: "POST",
    path: pathname,
    nonce: `${Date.now()}${Math.random()}`,
    query: "",
    body: raw,
  });
  const res = await fetch(e.sandbox.origin + pathname, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: raw,
  });
  const json = (await res.json()) as Plain;
  if (!res.ok) throw new Error(`${pathname}: ${JSON.stringify(json)}`);
  return json;
}

async function fund(e: TestEnv, address: string, amount: string): Promise<void> {
  const tx = await control(e, "/_sandbox/deposits", { address, amount });
  await waitTx(e, String(tx.transaction_id), "Completed");
}

async function transfer(e: TestEnv, walletId: string, source: string, requestId: string, amount = "0.01"): Promise<string> {
  const created = await call(e.api.transactions, "createTransferTransaction", {
    TransferParams: {
      request_id: requestId,
      source: { source_type: "User-Controlled", wallet_id: walletId, address: source },
      token_id: "XTN",
      destination: { destination_type: "Address", account_output: { address: "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", amount } },
    },
  });
  return String(created.transaction_id);
}

function events(e: TestEnv, type: string): Plain[] {
  return e.receiver
    .on("/webhooks")
    .map((r) => JSON.parse(r.rawBody) as Plain)
    .filter((x) => x.type === type);
}

beforeAll(async () => {
  silenceSdkLogs();
  env = await startTestEnv({ sandbox: { callbackMaxAttempts: 3 } });
  ready = await readyWallet(env, "sm-phone");
  const [addr] = await call<Plain[]>(env.api.wallets, "createAddress", ready.walletId, { CreateAddressRequest: { chain_id: "XTN" } });
  from = String(addr?.address);
  await fund(env, from, "1");
});
afterAll(async () => {
  await env.close();
});

describe("TSS request state machine", () => {
  async function newKeyGen(): Promise<{ vaultId: string; tssId: string; device: Awaited<ReturnType<TestEnv["newDevice"]>> }> {
    const device = await env.newDevice(`keygen-${Math.random().toString(36).slice(2)}`);
    const { vaultId } = await createVault(env);
    const group = await call(env.api.mpc, "createKeyShareHolderGroup", vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "MainGroup",
        participants: 2,
        threshold: 2,
        key_share_holders: [{ tss_node_id: device.getTSSNodeID() }],
      },
    });
    const tss = await call(env.api.mpc, "createTssRequest", vaultId, {
      CreateTssRequestRequest: { type: "KeyGen", target_key_share_holder_group_id: group.key_share_holder_group_id },
    });
    return { vaultId, tssId: String(tss.tss_request_id), device };
  }

  it("ends KeyHolderConfirmationFailed when a holder rejects", async () => {
    const { vaultId, tssId, device } = await newKeyGen();
    await waitFor(async () => (await device.listPendingTSSRequests()).length === 1, "pending request");
    await device.rejectTSSRequests([tssId], "not me");
    const failed = await waitTss(env, vaultId, tssId, "KeyHolderConfirmationFailed");
    expect(failed.type).toBe("KeyGen");
    const [seen] = await device.getTSSRequests([tssId]);
    expect(seen?.status).toBe(160);
    expect(seen?.failed_reasons[0]).toContain("not me");
    await waitFor(
      () => events(env, "wallets.mpc.tss_request.failed").some((e) => (e.data as Plain).tss_request_id === tssId),
      "failed webhook",
    );
  });

  it("can be cancelled while waiting for approvals, and not twice", async () => {
    const { vaultId, tssId, device } = await newKeyGen();
    const cancelled = await call(env.api.mpc, "cancelTssRequestById", vaultId, tssId);
    expect(cancelled.status).toBe("KeyHolderConfirmationFailed");
    const again = await callError(env.api.mpc, "cancelTssRequestById", vaultId, tssId);
    expect(again.status).toBe(400);
    expect(again.body.error_code).toBe(2006);
    expect(await device.listPendingTSSRequests()).toEqual([]);
  });

  it("ends KeyGeneratingFailed when a source share does not combine", async () => {
    const target = await env.newDevice("bad-share-target");
    const group = await call(env.api.mpc, "createKeyShareHolderGroup", ready.vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "RecoveryGroup",
        participants: 2,
        threshold: 2,
        key_share_holders: [{ tss_node_id: target.getTSSNodeID() }],
      },
    });
    const tss = await call(env.api.mpc, "createTssRequest", ready.vaultId, {
      CreateTssRequestRequest: {
        type: "KeyGenFromKeyGroup",
        target_key_share_holder_group_id: group.key_share_holder_group_id,
        source_key_share_holder_group: { key_share_holder_group_id: ready.groupId },
      },
    });
    const tssId = String(tss.tss_request_id);
    await deviceApprovesTss(target, tssId);
    // The source phone approves through a raw relay client with a corrupted share.
    const secrets = await loadSecrets(path.join(env.dir, "devices", "sm-phone.secrets"), DEVICE_PASS);
    const relay = new RelayClient(
      env.sandbox.origin,
      { nodeId: secrets.nodeId, publicKey: secrets.nodeKey.publicKey, seed: secrets.nodeKey.seed },
      5000,
    );
    const real = secrets.keyShares[ready.tssKeyShareGroupId]?.share ?? "";
    const corrupted = real.slice(0, -4) + (real.endsWith("0000") ? "1111" : "0000");
    await waitFor(async () => (await ready.device.listPendingTSSRequests()).some((r) => r.tss_request_id === tssId), "source sees request");
    await relay.post("/relay/v1/tss_requests/approve", {
      items: [{ tss_request_id: tssId, share: { tss_key_share_group_id: ready.tssKeyShareGroupId, share: corrupted } }],
    });
    await waitTss(env, ready.vaultId, tssId, "KeyGeneratingFailed");
    const g = await call(env.api.mpc, "getKeyShareHolderGroupById", ready.vaultId, group.key_share_holder_group_id);
    expect(g.status).toBe("New");
  });

  it("refuses a device approving for another node", async () => {
    const secrets = await loadSecrets(path.join(env.dir, "devices", "sm-phone.secrets"), DEVICE_PASS);
    const other = await env.newDevice("impostor");
    const otherSecrets = await loadSecrets(path.join(env.dir, "devices", "impostor.secrets"), DEVICE_PASS);
    // Claims the phone's node id but signs with its own key.
    const relay = new RelayClient(
      env.sandbox.origin,
      { nodeId: secrets.nodeId, publicKey: otherSecrets.nodeKey.publicKey, seed: otherSecrets.nodeKey.seed },
      5000,
    );
    await expect(relay.get("/relay/v1/transactions/pending")).rejects.toMatchObject({ code: 2024, status: 401 });
    expect(other.getTSSNodeID()).not.toBe(secrets.nodeId);
  });
});

describe("transaction state machine", () => {
  it("is Rejected (RejectedbyMobileCosigner) when the device rejects, and the lock is released", async () => {
    const txId = await transfer(env, ready.walletId, from, "device-rejects");
    await waitFor(async () => (await ready.device.listPendingTransactions()).some((t) => t.transaction_id === txId), "device sees tx");
    await ready.device.rejectTransactions([txId], "suspicious");
    const rejected = await waitTx(env, txId, "Rejected");
    expect(rejected.sub_status).toBe("RejectedbyMobileCosigner");
    const balances = await call(env.api.wallets, "listTokenBalancesForWallet", ready.walletId, {});
    expect(balances.data).toEqual([{ token_id: "XTN", balance: { total: "1", available: "1", pending: "0", locked: "0" } }]);
    await waitFor(() => events(env, "wallets.transaction.failed").some((e) => (e.data as Plain).transaction_id === txId), "failed webhook");
  });

  it("can be cancelled while pending (Rejected / CanceledByAPI, lock released), and not twice nor once final", async () => {
    const txId = await transfer(env, ready.walletId, from, "api-cancels");
    await waitFor(async () => (await ready.device.listPendingTransactions()).some((t) => t.transaction_id === txId), "device sees tx");
    const cancelled = await call(env.api.transactions, "cancelTransactionById", txId);
    expect(cancelled).toEqual({ request_id: "api-cancels", transaction_id: txId, status: "Rejected" });
    const read = await waitTx(env, txId, "Rejected");
    expect(read).toMatchObject({ sub_status: "CanceledByAPI", failed_reason: "Cancelled by API" });
    expect(await ready.device.listPendingTransactions()).toEqual([]);
    const [seen] = await ready.device.getTransactions([txId]);
    expect(seen?.status).toBe(180);
    const balances = await call(env.api.wallets, "listTokenBalancesForWallet", ready.walletId, {});
    expect(balances.data).toEqual([{ token_id: "XTN", balance: { total: "1", available: "1", pending: "0", locked: "0" } }]);
    await waitFor(() => events(env, "wallets.transaction.failed").some((e) => (e.data as Plain).transaction_id === txId), "failed webhook");
    const again = await callError(env.api.transactions, "cancelTransactionById", txId);
    expect(again.status).toBe(400);
    expect(again.body.error_code).toBe(2006);
    const deposits = await call(env.api.transactions, "listTransactions", { types: "Deposit", wallet_ids: ready.walletId });
    const depositId = String((deposits.data as Plain[])[0]?.transaction_id);
    const deposit = await callError(env.api.transactions, "cancelTransactionById", depositId);
    expect(deposit.status).toBe(400);
    const unknown = await callError(env.api.transactions, "cancelTransactionById", "00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
  });

  it("is Failed (FailedBySigner) when a signer's share does not combine, and the lock is released", async () => {
    const before = await call(env.api.wallets, "listTokenBalancesForWallet", ready.walletId, {});
    const txId = await transfer(env, ready.walletId, from, "signer-fails");
    await waitFor(async () => (await ready.device.listPendingTransactions()).some((t) => t.transaction_id === txId), "device sees tx");
    // The phone approves through a raw relay client with a corrupted share.
    const secrets = await loadSecrets(path.join(env.dir, "devices", "sm-phone.secrets"), DEVICE_PASS);
    const relay = new RelayClient(
      env.sandbox.origin,
      { nodeId: secrets.nodeId, publicKey: secrets.nodeKey.publicKey, seed: secrets.nodeKey.seed },
      5000,
    );
    const real = secrets.keyShares[ready.tssKeyShareGroupId]?.share ?? "";
    const corrupted = real.slice(0, -4) + (real.endsWith("0000") ? "1111" : "0000");
    await relay.post("/relay/v1/transactions/approve", {
      items: [{ transaction_id: txId, share: { tss_key_share_group_id: ready.tssKeyShareGroupId, share: corrupted } }],
    });
    const failed = await waitTx(env, txId, "Failed");
    expect(failed).toMatchObject({ sub_status: "FailedBySigner", failed_reason: expect.stringContaining("Signing failed") });
    expect([failed.result ?? null, failed.transaction_hash ?? null]).toEqual([null, null]);
    expect((failed.timeline as Plain[]).map((t) => t.status)).toContain("PendingSignature");
    const [seen] = await ready.device.getTransactions([txId]);
    expect(seen?.status).toBe(170);
    const after = await call(env.api.wallets, "listTokenBalancesForWallet", ready.walletId, {});
    expect(after.data).toEqual(before.data);
    await waitFor(
      () =>
        events(env, "wallets.transaction.failed").some(
          (e) => (e.data as Plain).transaction_id === txId && (e.data as Plain).status === "Failed",
        ),
      "failed webhook",
    );
    const list = await call(env.api.transactions, "listTransactions", { statuses: "Failed", wallet_ids: ready.walletId });
    expect((list.data as Plain[]).map((t) => t.transaction_id)).toEqual([txId]);
  });

  it("is Rejected (RejectedRiskControlCheck) when the callback answers deny", async () => {
    env.receiver.respond = (req) => (req.path === "/callbacks" ? { status: 200, body: "deny" } : { status: 200, body: "" });
    try {
      const txId = await transfer(env, ready.walletId, from, "callback-denies");
      const rejected = await waitTx(env, txId, "Rejected");
      expect(rejected.sub_status).toBe("RejectedRiskControlCheck");
      const messages = await call(env.api.developers, "listCallbackMessages", { transaction_ids: txId });
      expect(messages.data).toEqual([
        expect.objectContaining({ transaction_id: txId, request_id: "callback-denies", status: "Denied", result: "deny" }),
      ]);
      expect(await ready.device.listPendingTransactions()).toEqual([]);
    } finally {
      env.receiver.respond = () => ({ status: 200, body: "ok" });
    }
  });

  it("retries callbacks that do not answer a plain ok/deny, then marks them Failed; a manual retry resumes", async () => {
    env.receiver.respond = (req) => (req.path === "/callbacks" ? { status: 200, body: '{"result":"ok"}' } : { status: 200, body: "" });
    const txId = await transfer(env, ready.walletId, from, "callback-fails");
    const failed = await waitFor(async () => {
      const m = await call(env.api.developers, "listCallbackMessages", { transaction_ids: txId, status: "Failed" });
      return (m.data as Plain[])[0];
    }, "callback message to fail");
    expect(env.receiver.on("/callbacks").filter((r) => JSON.parse(r.rawBody).transaction_id === txId)).toHaveLength(3);
    expect((await call(env.api.transactions, "getTransactionById", txId)).status).toBe("PendingAuthorization");
    env.receiver.respond = () => ({ status: 200, body: "ok" });
    const retried = await call(env.api.developers, "retryCallbackMessage", failed.id);
    expect(retried).toEqual({ retried: true });
    await waitTx(env, txId, "PendingSignature");
    await ready.device.approveTransactions([txId]);
    await waitTx(env, txId, "Completed");
  });

  it("takes only an exact plain-text ok: ok + newline, ok with 202 and OK are retried; deny on a manual retry rejects", async () => {
    const nearMisses = [
      { status: 200, body: "ok\n" },
      { status: 202, body: "ok" },
      { status: 200, body: "OK" },
    ];
    let attempt = 0;
    env.receiver.respond = (req) => {
      if (req.path !== "/callbacks") return { status: 200, body: "" };
      if ((JSON.parse(req.rawBody) as Plain).request_id !== "callback-near-miss") return { status: 200, body: "ok" };
      return nearMisses[attempt++] ?? { status: 200, body: "deny" };
    };
    try {
      const txId = await transfer(env, ready.walletId, from, "callback-near-miss");
      const failed = await waitFor(async () => {
        const m = await call(env.api.developers, "listCallbackMessages", { transaction_ids: txId, status: "Failed" });
        return (m.data as Plain[])[0];
      }, "callback message to fail");
      expect(attempt).toBe(3);
      expect(failed.result ?? null).toBeNull();
      expect((await call(env.api.transactions, "getTransactionById", txId)).status).toBe("PendingAuthorization");
      await call(env.api.developers, "retryCallbackMessage", failed.id);
      const rejected = await waitTx(env, txId, "Rejected");
      expect(rejected.sub_status).toBe("RejectedRiskControlCheck");
    } finally {
      env.receiver.respond = () => ({ status: 200, body: "ok" });
    }
  });

  it("refuses a transfer without a signing group, with a bad address or a bad amount", async () => {
    const noGroup = await call(env.api.wallets, "createWallet", {
      CreateWalletParams: {
        name: "no_group_wallet",
        wallet_type: "MPC",
        wallet_subtype: "User-Controlled",
        vault_id: (await createVault(env)).vaultId,
      },
    });
    const e1 = await callError(env.api.transactions, "createTransferTransaction", {
      TransferParams: {
        request_id: "no-group",
        source: { source_type: "User-Controlled", wallet_id: noGroup.wallet_id },
        token_id: "XTN",
        destination: {
          destination_type: "Address",
          account_output: { address: "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", amount: "0.01" },
        },
      },
    });
    expect(e1.body.error_code).toBe(30032);
    const base = {
      request_id: "bad",
      source: { source_type: "User-Controlled", wallet_id: ready.walletId, address: from },
      token_id: "XTN",
    };
    const e2 = await callError(env.api.transactions, "createTransferTransaction", {
      TransferParams: {
        ...base,
        destination: {
          destination_type: "Address",
          account_output: { address: "0x0000000000000000000000000000000000000000", amount: "0.01" },
        },
      },
    });
    expect(e2.body.error_code).toBe(30014);
    const e3 = await callError(env.api.transactions, "createTransferTransaction", {
      TransferParams: {
        ...base,
        destination: {
          destination_type: "Address",
          account_output: { address: "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", amount: "0.000000001" },
        },
      },
    });
    expect(e3.body.error_code).toBe(30007);
    const list = await call(env.api.transactions, "listTransactions", { request_id: "bad" });
    expect(list.data).toEqual([]);
  });
});

describe("2-of-3 with an auto-approving server co-signer", () => {
  it("generates the key with the phone and signs withdrawals without it", async () => {
    const cosigner = await control(env, "/_sandbox/cosigners", { name: "server co-signer" });
    const phone = await env.newDevice("two-of-three-phone");
    const { vaultId } = await createVault(env, { participants: 3, threshold: 2 });
    const group = await call(env.api.mpc, "createKeyShareHolderGroup", vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "MainGroup",
        participants: 3,
        threshold: 2,
        key_share_holders: [
          { name: "phone", type: "Mobile", tss_node_id: phone.getTSSNodeID() },
          { name: "server", type: "API", tss_node_id: cosigner.node_id },
        ],
      },
    });
    expect((group.key_share_holders as Plain[]).map((h) => h.type).sort()).toEqual(["API", "Cobo", "Mobile"]);
    const tss = await call(env.api.mpc, "createTssRequest", vaultId, {
      CreateTssRequestRequest: { type: "KeyGen", target_key_share_holder_group_id: group.key_share_holder_group_id },
    });
    await deviceApprovesTss(phone, String(tss.tss_request_id));
    await waitTss(env, vaultId, String(tss.tss_request_id), "Success");
    const wallet = await call(env.api.wallets, "createWallet", {
      CreateWalletParams: { name: "two_of_three", wallet_type: "MPC", wallet_subtype: "User-Controlled", vault_id: vaultId },
    });
    const [addr] = await call<Plain[]>(env.api.wallets, "createAddress", wallet.wallet_id, { CreateAddressRequest: { chain_id: "XTN" } });
    await fund(env, String(addr?.address), "0.2");
    const txId = await transfer(env, String(wallet.wallet_id), String(addr?.address), "two-of-three", "0.05");
    const done = await waitTx(env, txId, "Completed");
    expect(done.result).toMatchObject({ result_type: "Signature" });
  });
});
