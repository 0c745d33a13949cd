import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signApiRequest } from "../src/auth/cobo-signature.js";
import type { UCW } from "../src/device/ucw.js";
import { createVault, deviceApprovesTss, startTestEnv, waitTss, waitTx, type TestEnv } from "./helpers/env.js";
import { call, callError, silenceSdkLogs, type Plain } from "./helpers/sdk.js";
import { waitFor } from "./helpers/wait.js";

// Designated signers [Cobo: `KeyShareHolder.signer`: "in a 2-3 TSS, Cobo will serve as one signer,
// and you can choose one of the other two key share holders to act as the second"]: only the
// designated holders sign a Main Group's transactions; a group with fewer of them than its
// threshold is refused.

let env: TestEnv;
let cosignerNodeId = "";

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

/** A 2-3 vault (Cobo, the phone, the sandbox-run co-signer) with the given signer flags, a funded XTN address. */
async function twoOfThree(name: string, signers: { phone: boolean; cosigner: boolean }) {
  const phone = await env.newDevice(name);
  const { vaultId } = await createVault(env, { participants: 3, threshold: 2 });
  const group = await call(env.api.mpc, "createKeyShareHolderGroup", vaultId, {
    CreateKeyShareHolderGroupRequest: {
      key_share_holder_group_type: "MainGroup",
      participants: 3,
      threshold: 2,
      key_share_holders: [
        { name: "phone", type: "API", tss_node_id: phone.getTSSNodeID(), signer: signers.phone },
        { name: "server", type: "API", tss_node_id: cosignerNodeId, signer: signers.cosigner },
      ],
    },
  });
  const holders = group.key_share_holders as Plain[];
  expect(holders.map((h) => [h.type === "Cobo" ? "cobo" : h.name, h.signer])).toEqual([
    ["cobo", true],
    ["phone", signers.phone],
    ["server", signers.cosigner],
  ]);
  const tss = await call(env.api.mpc, "createTssRequest", vaultId, {
    CreateTssRequestRequest: { type: "KeyGen", target_key_share_holder_group_id: group.key_share_holder_group_id },
  });
  await deviceApprovesTss(phone, String(tss.tss_request_id));
  await waitTss(env, vaultId, String(tss.tss_request_id), "Success");
  const wallet = await call(env.api.wallets, "createWallet", {
    CreateWalletParams: {
      name: `${name.replaceAll("-", "_")}_wallet`,
      wallet_type: "MPC",
      wallet_subtype: "User-Controlled",
      vault_id: vaultId,
    },
  });
  const [addr] = await call<Plain[]>(env.api.wallets, "createAddress", wallet.wallet_id, { CreateAddressRequest: { chain_id: "XTN" } });
  const deposit = await control("/_sandbox/deposits", { address: addr?.address, amount: "0.5" });
  await waitTx(env, String(deposit.transaction_id), "Completed");
  return { phone, walletId: String(wallet.wallet_id), address: String(addr?.address) };
}

async function transfer(walletId: string, address: string, requestId: string): Promise<string> {
  const created = await call(env.api.transactions, "createTransferTransaction", {
    TransferParams: {
      request_id: requestId,
      source: { source_type: "User-Controlled", wallet_id: walletId, address },
      token_id: "XTN",
      destination: {
        destination_type: "Address",
        account_output: { address: "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", amount: "0.01" },
      },
    },
  });
  return String(created.transaction_id);
}

async function seen(phone: UCW, txId: string): Promise<boolean> {
  return (await phone.listPendingTransactions()).some((t) => t.transaction_id === txId);
}

beforeAll(async () => {
  silenceSdkLogs();
  env = await startTestEnv({ callback: false });
  cosignerNodeId = String((await control("/_sandbox/cosigners", { name: "server co-signer" })).node_id);
});
afterAll(async () => {
  await env.close();
});

describe("designated signers", () => {
  it("needs the phone when it, not the co-signer, is Cobo's second signer", async () => {
    const v = await twoOfThree("signer-phone", { phone: true, cosigner: false });
    const txId = await transfer(v.walletId, v.address, "signer-phone-tx");
    await waitFor(() => seen(v.phone, txId), "the phone to see the withdrawal");
    // Let the engine run several steps (a deposit made now needs three confirmations, one per
    // step): Cobo and the co-signer alone could sign 2 of 3, but the co-signer is no designated
    // signer, so the withdrawal still waits for the phone.
    const deposit = await control("/_sandbox/deposits", { address: v.address, amount: "0.001" });
    await waitTx(env, String(deposit.transaction_id), "Completed");
    expect((await waitTx(env, txId, "PendingSignature")).status).toBe("PendingSignature");
    // The phone's refusal ends it.
    await v.phone.rejectTransactions([txId], "not me");
    const rejected = await waitTx(env, txId, "Rejected");
    expect(rejected.sub_status).toBe("RejectedbyMobileCosigner");
  });

  it("signs without the phone when the co-signer is the second signer, and never shows it to the phone", async () => {
    const v = await twoOfThree("signer-cosigner", { phone: false, cosigner: true });
    const txId = await transfer(v.walletId, v.address, "signer-cosigner-tx");
    const done = await waitTx(env, txId, "Completed");
    expect(done.result).toMatchObject({ result_type: "Signature" });
    expect(await seen(v.phone, txId)).toBe(false);
    await expect(v.phone.getTransactions([txId])).rejects.toMatchObject({ code: 2101 });
  });

  it("refuses a Main Group with fewer designated signers than its threshold", async () => {
    const phone = await env.newDevice("signer-none");
    const { vaultId } = await createVault(env, { participants: 3, threshold: 2 });
    const refused = await callError(env.api.mpc, "createKeyShareHolderGroup", vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "MainGroup",
        participants: 3,
        threshold: 2,
        key_share_holders: [
          { name: "cobo", type: "Cobo", tss_node_id: env.sandbox.coboNodeId, signer: false },
          { name: "phone", type: "API", tss_node_id: phone.getTSSNodeID(), signer: true },
          { name: "server", type: "API", tss_node_id: cosignerNodeId, signer: false },
        ],
      },
    });
    expect(refused).toMatchObject({ status: 400, body: { error_code: 2006 } });
  });
});
