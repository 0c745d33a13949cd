import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readyWallet, startTestEnv, waitTx, type ReadyWallet, type TestEnv } from "./helpers/env.js";
import { call, callError, callWire, silenceSdkLogs, type Plain } from "./helpers/sdk.js";
import { waitFor } from "./helpers/wait.js";
import { isValidAddress } from "../src/crypto/chains.js";

// Several chains through the official SDK: a second EVM chain (BNB Smart Chain testnet, legacy gas)
// with an ERC-20 token, EVM addresses shared by every EVM chain, Solana devnet with the SOL fee
// model, and TransferParams.fee_level.

let env: TestEnv;
let ready: ReadyWallet;

beforeAll(async () => {
  silenceSdkLogs();
  env = await startTestEnv({ callback: false });
  ready = await readyWallet(env, "multi-phone");
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

async function address(chainId: string): Promise<Plain> {
  const [a] = await call<Plain[]>(env.api.wallets, "createAddress", ready.walletId, { CreateAddressRequest: { chain_id: chainId } });
  if (!a) throw new Error("no address");
  return a;
}

async function deposit(to: string, tokenId: string, amount: string): Promise<void> {
  const d = await control("/_sandbox/deposits", { address: to, token_id: tokenId, amount });
  await waitTx(env, String(d.transaction_id), "Completed");
}

const BURN = "0x000000000000000000000000000000000000dEaD";

describe("chains and tokens", () => {
  it("lists the second EVM chain, its ERC-20 token and Solana devnet with Cobo's fields", async () => {
    const bsc = await callWire(env.api.wallets, "getChainById", "TBSC_BNB");
    expect(bsc).toMatchObject({ chain_id: "TBSC_BNB", chain_identifier: "ETH", caip2_chain_id: "eip155:97", require_memo: false });
    const seth = await callWire(env.api.wallets, "getChainById", "SETH");
    expect(seth).toMatchObject({ chain_identifier: "ETH", caip2_chain_id: "eip155:11155111" });
    const sol = await callWire(env.api.wallets, "getChainById", "SOLDEV_SOL");
    expect(sol.chain_identifier).toBe("SOL");
    const tokens = await call(env.api.wallets, "listEnabledTokens", { chain_ids: "TBSC_BNB" });
    expect((tokens.data as Plain[]).map((t) => t.token_id)).toEqual(["TBSC_BNB", "TBSC_USDT"]);
    const usdt = await call(env.api.wallets, "getTokenById", "TBSC_USDT");
    expect(usdt).toMatchObject({
      chain_id: "TBSC_BNB",
      fee_token_id: "TBSC_BNB",
      decimal: 18,
      token_address: expect.stringMatching(/^0x/),
    });
  });
});

describe("EVM addresses on every EVM chain", () => {
  it("counts EVM address indexes once for all EVM chains and receives, holds and sends another chain's tokens", async () => {
    const a0 = await address("SETH");
    const b1 = await address("TBSC_BNB");
    expect(a0.path).toBe("m/44/60/0/0/0");
    // a new address on the second EVM chain is a new key, never the Sepolia one again
    expect(b1.path).toBe("m/44/60/0/0/1");
    expect(String(b1.address).toLowerCase()).not.toBe(String(a0.address).toLowerCase());

    // The Sepolia address receives BNB Smart Chain coins and tokens.
    await deposit(String(a0.address), "TBSC_BNB", "1");
    await deposit(String(a0.address).toLowerCase(), "TBSC_USDT", "100");
    const held = await call(env.api.wallets, "listTokenBalancesForAddress", ready.walletId, a0.address, {});
    expect(held.data).toEqual([
      { token_id: "TBSC_BNB", balance: { total: "1", available: "1", pending: "0", locked: "0" } },
      { token_id: "TBSC_USDT", balance: { total: "100", available: "100", pending: "0", locked: "0" } },
    ]);

    const source = { source_type: "User-Controlled", wallet_id: ready.walletId, address: a0.address };
    const estimate = await call(env.api.transactions, "estimateFee", {
      EstimateFeeParams: { request_type: "Transfer", source, token_id: "TBSC_USDT" },
    });
    expect(estimate).toMatchObject({
      fee_type: "EVM_Legacy",
      token_id: "TBSC_BNB",
      fast: { gas_price: "2500000000", gas_limit: "65000" },
    });

    const base = {
      source,
      token_id: "TBSC_USDT",
      destination: { destination_type: "Address", account_output: { address: BURN, amount: "10" } },
    };
    // Cobo refuses fee together with fee_level, and gas prices that are not whole wei.
    const both = await callError(env.api.transactions, "createTransferTransaction", {
      TransferParams: {
        ...base,
        request_id: "both",
        fee_level: "Fast",
        fee: { fee_type: "EVM_Legacy", token_id: "TBSC_BNB", gas_price: "1" },
      },
    });
    expect(both.body.error_code).toBe(2006);
    const decimalGas = await callError(env.api.transactions, "createTransferTransaction", {
      TransferParams: { ...base, request_id: "decimal-gas", fee: { fee_type: "EVM_Legacy", token_id: "TBSC_BNB", gas_price: "1.5" } },
    });
    expect(decimalGas.body.error_code).toBe(2006);
    const untouched = await call(env.api.wallets, "listTokenBalancesForAddress", ready.walletId, a0.address, { token_ids: "TBSC_USDT" });
    expect(untouched.data).toEqual([{ token_id: "TBSC_USDT", balance: { total: "100", available: "100", pending: "0", locked: "0" } }]);

    // fee_level: Cobo prices the fee at that level of its estimate.
    const created = await call(env.api.transactions, "createTransferTransaction", {
      TransferParams: { ...base, request_id: "usdt-fast", fee_level: "Fast" },
    });
    const txId = String(created.transaction_id);
    const tx = await call(env.api.transactions, "getTransactionById", txId);
    expect(tx).toMatchObject({
      chain_id: "TBSC_BNB",
      token_id: "TBSC_USDT",
      source: expect.objectContaining({ address: a0.address }),
      fee: { fee_type: "EVM_Legacy", token_id: "TBSC_BNB", gas_price: "2500000000", gas_limit: "65000" },
    });
    const locked = await call(env.api.wallets, "listTokenBalancesForAddress", ready.walletId, a0.address, {});
    expect(locked.data).toEqual([
      { token_id: "TBSC_BNB", balance: { total: "1", available: "0.9998375", pending: "0.0001625", locked: "0.0001625" } },
      { token_id: "TBSC_USDT", balance: { total: "100", available: "90", pending: "10", locked: "10" } },
    ]);

    // Signed with the Sepolia address's key (same key on every EVM chain) and completed on BNB Smart Chain.
    await waitTx(env, txId, "PendingSignature");
    await waitFor(
      async () => (await ready.device.listPendingTransactions()).find((t) => t.transaction_id === txId),
      "device to see the transaction",
    );
    const [viewed] = await ready.device.getTransactions([txId]);
    expect(viewed?.sign_details[0]?.bip32_path_list).toEqual([a0.path]);
    await ready.device.approveTransactions([txId]);
    const done = await waitTx(env, txId, "Completed");
    expect(String(done.transaction_hash)).toMatch(/^0x[0-9a-f]{64}$/);
    const after = await call(env.api.wallets, "listTokenBalancesForAddress", ready.walletId, a0.address, { token_ids: "TBSC_USDT" });
    expect(after.data).toEqual([{ token_id: "TBSC_USDT", balance: { total: "90", available: "90", pending: "0", locked: "0" } }]);
  });
});

describe("Solana devnet and the SOL fee model", () => {
  it("estimates and charges compute-unit fees, refusing other fee models", async () => {
    const sol = await address("SOLDEV_SOL");
    expect(isValidAddress("SOLDEV_SOL", String(sol.address))).toBe(true);
    expect(String(sol.path)).toMatch(/^m\/44\/501\/0\/0\/\d+$/);
    const source = { source_type: "User-Controlled", wallet_id: ready.walletId, address: sol.address };
    const estimate = await callWire(env.api.transactions, "estimateFee", {
      EstimateFeeParams: { request_type: "Transfer", source, token_id: "SOLDEV_SOL" },
    });
    expect(estimate).toMatchObject({
      fee_type: "SOL",
      token_id: "SOLDEV_SOL",
      recommended: { compute_unit_price: "1000", compute_unit_limit: "200000", base_fee: "0.000005" },
    });
    const evmOnSol = await callError(env.api.transactions, "estimateFee", {
      EstimateFeeParams: { request_type: "Transfer", source, token_id: "SOLDEV_SOL", fee_type: "EVM_EIP_1559" },
    });
    expect(evmOnSol.body.error_code).toBe(2006);

    await deposit(String(sol.address), "SOLDEV_SOL", "1");
    const destination = { destination_type: "Address", account_output: { address: String(sol.address), amount: "0.5" } };
    const wrongModel = await callError(env.api.transactions, "createTransferTransaction", {
      TransferParams: {
        request_id: "sol-wrong",
        source,
        token_id: "SOLDEV_SOL",
        destination,
        fee: { fee_type: "EVM_Legacy", token_id: "SOLDEV_SOL", gas_price: "1" },
      },
    });
    expect(wrongModel.body.error_code).toBe(2006);
    const created = await call(env.api.transactions, "createTransferTransaction", {
      TransferParams: {
        request_id: "sol-1",
        source,
        token_id: "SOLDEV_SOL",
        destination,
        fee: { fee_type: "SOL", token_id: "SOLDEV_SOL", compute_unit_price: "1000", compute_unit_limit: "200000" },
      },
    });
    const tx = await callWire(env.api.transactions, "getTransactionById", String(created.transaction_id));
    expect(tx.fee).toEqual({ fee_type: "SOL", token_id: "SOLDEV_SOL", compute_unit_price: "1000", compute_unit_limit: "200000" });
    // 5 000 lamports per signature + 1 000 micro-lamports × 200 000 units = 5 200 lamports
    const locked = await call(env.api.wallets, "listTokenBalancesForAddress", ready.walletId, sol.address, {});
    expect(locked.data).toEqual([
      { token_id: "SOLDEV_SOL", balance: { total: "1", available: "0.4999948", pending: "0.5000052", locked: "0.5000052" } },
    ]);
  });
});
