import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidAddress } from "../src/crypto/chains.js";
import { verifyDigestSignature } from "../src/crypto/signing.js";
import { verifyWebhookBody } from "../src/auth/cobo-signature.js";
import { createVault, deviceApprovesTss, getTx, startTestEnv, waitTss, waitTx, type TestEnv } from "./helpers/env.js";
import { call, callError, silenceSdkLogs, type Plain } from "./helpers/sdk.js";
import { waitFor } from "./helpers/wait.js";

// The seed guide's 2-2 journey through the official SDK and one virtual device:
// vault → Main Group → KeyGen → wallet → addresses → deposit → fee → transfer →
// device approval → Completed, with balances and webhooks checked.

let env: TestEnv;

beforeAll(async () => {
  silenceSdkLogs();
  env = await startTestEnv();
});
afterAll(async () => {
  await env.close();
});

async function control(path: string, body: unknown): Promise<Plain> {
  const { signApiRequest } = await import("../src/auth/cobo-signature.js");
  const raw = JSON.stringify(body);
  const headers = signApiRequest(env.secret, {
    method: "POST",
    path,
    nonce: String(Date.now()) + Math.random().toString().slice(2, 6),
    query: "",
    body: raw,
  });
  const res = await fetch(env.sandbox.origin + path, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: raw,
  });
  const json = (await res.json()) as Plain;
  if (!res.ok) throw new Error(`control ${path} failed: ${JSON.stringify(json)}`);
  return json;
}

function webhookEvents(): Plain[] {
  return env.receiver.on("/webhooks").map((r) => JSON.parse(r.rawBody) as Plain);
}

describe("2-2 journey", () => {
  it("runs the whole seed flow with real keys and signatures", async () => {
    const device = await env.newDevice("phone");
    const nodeId = device.getTSSNodeID();
    const { vaultId } = await createVault(env);

    const coboHolders = await call<Plain[]>(env.api.mpc, "listCoboKeyHolders");
    expect(coboHolders).toEqual([expect.objectContaining({ type: "Cobo", tss_node_id: env.sandbox.coboNodeId, status: "Valid" })]);

    // Main Group listing only the phone's node, as the demo backend does: Cobo's holder is added.
    const group = await call(env.api.mpc, "createKeyShareHolderGroup", vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "MainGroup",
        participants: 2,
        threshold: 2,
        key_share_holders: [{ name: "user@example.com", type: "API", tss_node_id: nodeId }],
      },
    });
    expect(group.status).toBe("New");
    expect((group.key_share_holders as Plain[]).map((h) => h.tss_node_id).sort()).toEqual([env.sandbox.coboNodeId, nodeId].sort());
    const groupId = String(group.key_share_holder_group_id);

    // No address before the key exists.
    const early = await call(env.api.wallets, "createWallet", {
      CreateWalletParams: { name: "early_wallet", wallet_type: "MPC", wallet_subtype: "User-Controlled", vault_id: vaultId },
    });
    const noKey = await callError(env.api.wallets, "createAddress", early.wallet_id, {
      CreateAddressRequest: { chain_id: "XTN", count: 1 },
    });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error_code).toBe(30032);

    const tss = await call(env.api.mpc, "createTssRequest", vaultId, {
      CreateTssRequestRequest: { type: "KeyGen", target_key_share_holder_group_id: groupId, description: "main key" },
    });
    expect(tss.status).toBe("PendingKeyHolderConfirmation");
    const tssId = String(tss.tss_request_id);
    await waitTss(env, vaultId, tssId, "MPCProcessing");
    await deviceApprovesTss(device, tssId);
    const done = await waitTss(env, vaultId, tssId, "Success");
    expect(done.type).toBe("KeyGen");

    // The device receives its share (sealed to it) when it next talks to the relay.
    const seen = await device.getTSSRequests([tssId]);
    expect(seen[0]?.status).toBe(190);
    const held = device.listTSSKeyShareGroups();
    expect(held).toHaveLength(1);

    const validGroup = await call(env.api.mpc, "getKeyShareHolderGroupById", vaultId, groupId);
    expect(validGroup.status).toBe("Valid");
    const tssGroups = validGroup.tss_key_share_groups as Plain[];
    // One TSS key share group per curve, as Cobo reports them; only the SECP256K1 one has shares
    // (the sandbox serves no ED25519 chain), so the device holds that one.
    expect(tssGroups).toEqual([
      expect.objectContaining({ curve: "SECP256K1", tss_key_share_group_id: held[0]?.tssKeyShareGroupId }),
      expect.objectContaining({ curve: "ED25519", root_pubkey: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    const vault = await call(env.api.mpc, "getMpcVaultById", vaultId);
    expect(vault.root_pubkeys).toEqual([
      { root_pubkey: tssGroups[0]?.root_pubkey, curve: "SECP256K1" },
      { root_pubkey: tssGroups[1]?.root_pubkey, curve: "ED25519" },
    ]);
    expect(held[0]?.rootPubkey).toBe(tssGroups[0]?.root_pubkey);

    // Wallet and addresses on XTN and SETH.
    const wallet = await call(env.api.wallets, "createWallet", {
      CreateWalletParams: { name: "main_wallet", wallet_type: "MPC", wallet_subtype: "User-Controlled", vault_id: vaultId },
    });
    expect(wallet).toMatchObject({ wallet_type: "MPC", wallet_subtype: "User-Controlled", vault_id: vaultId, vault_name: "vault-1" });
    const walletId = String(wallet.wallet_id);
    const xtn = await call<Plain[]>(env.api.wallets, "createAddress", walletId, { CreateAddressRequest: { chain_id: "XTN", count: 1 } });
    const seth = await call<Plain[]>(env.api.wallets, "createAddress", walletId, { CreateAddressRequest: { chain_id: "SETH", count: 2 } });
    const xtnAddr = xtn[0] as Plain;
    expect(xtnAddr).toMatchObject({ chain_id: "XTN", encoding: "ENCODING_BECH32", root_pubkey: tssGroups[0]?.root_pubkey });
    expect(String(xtnAddr.path)).toMatch(/^m\/44\/1\/0\/0\/\d+$/);
    expect(isValidAddress("XTN", String(xtnAddr.address))).toBe(true);
    expect(seth.map((a) => a.path)).toEqual(["m/44/60/0/0/0", "m/44/60/0/0/1"]);
    const listed = await call(env.api.wallets, "listAddresses", walletId, { chain_ids: "SETH", limit: 1 });
    expect((listed.data as Plain[]).length).toBe(1);
    expect(listed.pagination).toMatchObject({ total_count: 2 });

    // A simulated deposit flows Confirming → Completed and credits the balance.
    const deposit = await control("/_sandbox/deposits", { address: xtnAddr.address, amount: "0.5" });
    expect(deposit).toMatchObject({ type: "Deposit", status: "Confirming" });
    const credited = await waitTx(env, String(deposit.transaction_id), "Completed");
    expect(credited.destination).toMatchObject({ destination_type: "DepositToAddress", address: xtnAddr.address, amount: "0.5" });
    const balances = await call(env.api.wallets, "listTokenBalancesForWallet", walletId, { token_ids: "XTN" });
    expect(balances.data).toEqual([{ token_id: "XTN", balance: { total: "0.5", available: "0.5", pending: "0", locked: "0" } }]);

    // Estimate fee, then transfer.
    const fee = await call(env.api.transactions, "estimateFee", {
      EstimateFeeParams: {
        request_type: "Transfer",
        source: { source_type: "User-Controlled", wallet_id: walletId, address: xtnAddr.address },
        token_id: "XTN",
        destination: {
          destination_type: "Address",
          account_output: { address: "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", amount: "0.1" },
        },
      },
    });
    expect(fee).toMatchObject({ fee_type: "UTXO", token_id: "XTN", recommended: { fee_rate: "5", fee_amount: "0.0000125" } });

    const tooMuch = await callError(env.api.transactions, "createTransferTransaction", {
      TransferParams: {
        request_id: "too-much",
        source: { source_type: "User-Controlled", wallet_id: walletId, address: xtnAddr.address },
        token_id: "XTN",
        destination: {
          destination_type: "Address",
          account_output: { address: "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", amount: "0.5" },
        },
      },
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error_code).toBe(30012);

    const transferParams = {
      request_id: "withdraw-1",
      source: { source_type: "User-Controlled", wallet_id: walletId, address: xtnAddr.address },
      token_id: "XTN",
      destination: {
        destination_type: "Address",
        account_output: { address: "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", amount: "0.1" },
      },
      fee: { fee_type: "UTXO", token_id: "XTN", fee_rate: "5" },
    };
    const created = await call(env.api.transactions, "createTransferTransaction", { TransferParams: transferParams });
    expect(created).toMatchObject({ request_id: "withdraw-1", status: "Submitted" });
    const txId = String(created.transaction_id);

    const dup = await callError(env.api.transactions, "createTransferTransaction", { TransferParams: transferParams });
    expect(dup.status).toBe(400);
    expect(dup.body.error_code).toBe(30001);

    const locked = await call(env.api.wallets, "listTokenBalancesForAddress", walletId, xtnAddr.address, {});
    expect(locked.data).toEqual([
      { token_id: "XTN", balance: { total: "0.5", available: "0.3999875", pending: "0.1000125", locked: "0.1000125" } },
    ]);

    // The callback answers ok; the device sees the transaction and approves it.
    const pending = await waitTx(env, txId, "PendingSignature");
    expect(pending.sub_status).toBe("PendingApprovalStart");
    await waitFor(
      async () => (await device.listPendingTransactions()).find((t) => t.transaction_id === txId),
      "device to see the transaction",
    );
    const [viewed] = await device.getTransactions([txId]);
    expect(viewed?.sign_details[0]?.bip32_path_list).toEqual([xtnAddr.path]);
    await device.approveTransactions([txId]);
    const completed = await waitTx(env, txId, "Completed");
    expect(completed.confirmed_num).toBe(completed.confirming_threshold);
    expect(completed.fee).toMatchObject({ fee_type: "UTXO", fee_rate: "5", fee_used: "0.0000125" });
    const result = completed.result as Plain;
    expect(result.result_type).toBe("Signature");
    const digest = (viewed?.sign_details[0]?.msg_hash_list ?? [])[0] ?? "";
    expect(verifyDigestSignature(String(xtnAddr.pubkey), digest, String(result.signature))).toBe(true);
    expect(String(completed.transaction_hash)).toMatch(/^[0-9a-f]{64}$/);
    const timeline = (completed.timeline as Plain[]).map((t) => t.status);
    expect(timeline).toEqual([
      "Submitted",
      "PendingScreening",
      "PendingAuthorization",
      "PendingSignature",
      "Broadcasting",
      "Confirming",
      "Completed",
    ]);

    const after = await call(env.api.wallets, "listTokenBalancesForWallet", walletId, {});
    expect(after.data).toEqual([{ token_id: "XTN", balance: { total: "0.3999875", available: "0.3999875", pending: "0", locked: "0" } }]);

    // The transaction is found by the list filters the Client Backend uses.
    const byRequest = await call(env.api.transactions, "listTransactions", { request_id: "withdraw-1" });
    expect((byRequest.data as Plain[]).map((t) => t.transaction_id)).toEqual([txId]);
    const byIds = await call(env.api.transactions, "listTransactions", {
      transaction_ids: `${txId},${String(deposit.transaction_id)}`,
      types: "Deposit",
    });
    expect((byIds.data as Plain[]).map((t) => t.transaction_id)).toEqual([deposit.transaction_id]);

    // Callback got the Transaction; webhooks were signed with the published key.
    const callbacks = env.receiver.on("/callbacks");
    expect(callbacks.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(callbacks[0]?.rawBody ?? "{}")).toMatchObject({ transaction_id: txId, request_id: "withdraw-1" });
    await waitFor(
      () => webhookEvents().some((e) => e.type === "wallets.transaction.succeeded" && (e.data as Plain).transaction_id === txId),
      "succeeded webhook",
    );
    for (const r of env.receiver.on("/webhooks")) {
      expect(
        verifyWebhookBody(
          env.sandbox.webhookPublicKey,
          r.rawBody,
          String(r.headers["biz-timestamp"]),
          String(r.headers["biz-resp-signature"]),
        ),
      ).toBe(true);
    }
    const types = new Set(webhookEvents().map((e) => e.type));
    for (const t of [
      "mpc_vaults.created",
      "wallets.mpc.tss_request.created",
      "wallets.mpc.tss_request.updated",
      "wallets.mpc.tss_request.succeeded",
      "wallets.created",
      "wallets.addresses.created",
      "wallets.transaction.created",
      "wallets.transaction.updated",
      "wallets.transaction.succeeded",
    ]) {
      expect(types.has(t)).toBe(true);
    }
    const tssEvent = webhookEvents().find((e) => e.type === "wallets.mpc.tss_request.succeeded");
    expect(tssEvent?.data).toMatchObject({ data_type: "TSSRequest", tss_request_id: tssId, status: "Success" });
    const tx = await getTx(env, txId);
    expect(tx.status).toBe("Completed");
  });
});
