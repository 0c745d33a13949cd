import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deviceApprovesTss, readyWallet, startTestEnv, waitTss, type ReadyWallet, type TestEnv } from "./helpers/env.js";
import { randomSeedHex } from "../src/auth/cobo-signature.js";
import { call, callError, sdkApis, silenceSdkLogs, type Plain, type SdkApis } from "./helpers/sdk.js";

// Every other operation a UCW Client Backend uses, through the official SDK:
// success shapes, Cobo's error codes, and state left unchanged by bad input.

let env: TestEnv;
let ready: ReadyWallet;
let projectId = "";

beforeAll(async () => {
  silenceSdkLogs();
  env = await startTestEnv({ callback: false });
  ready = await readyWallet(env, "ops-phone");
  const vault = await call(env.api.mpc, "getMpcVaultById", ready.vaultId);
  projectId = String(vault.project_id);
});
afterAll(async () => {
  await env.close();
});

describe("projects and vaults", () => {
  it("gets, lists and renames projects and vaults", async () => {
    const project = await call(env.api.mpc, "getMpcProjectById", projectId);
    expect(project).toMatchObject({ project_id: projectId, participants: 2, threshold: 2, org_id: expect.any(String) });
    const renamed = await call(env.api.mpc, "updateMpcProjectById", projectId, {
      UpdateMpcProjectByIdRequest: { name: "renamed project" },
    });
    expect(renamed.name).toBe("renamed project");
    const vaults = await call(env.api.mpc, "listMpcVaults", "User-Controlled", { project_id: projectId });
    expect((vaults.data as Plain[]).map((v) => v.vault_id)).toEqual([ready.vaultId]);
    expect(vaults.pagination).toEqual({ before: "", after: "", total_count: 1 });
    const vault = await call(env.api.mpc, "updateMpcVaultById", ready.vaultId, { UpdateMpcVaultByIdRequest: { name: "renamed vault" } });
    expect(vault).toMatchObject({
      name: "renamed vault",
      type: "User-Controlled",
      root_pubkeys: [expect.objectContaining({ curve: "SECP256K1" }), expect.objectContaining({ curve: "ED25519" })],
    });
    const wallet = await call(env.api.wallets, "getWalletById", ready.walletId);
    expect(wallet.vault_name).toBe("renamed vault");
  });

  it("answers Cobo's errors for missing, invalid and unknown input", async () => {
    const missing = await callError(env.api.mpc, "listMpcVaults", "User-Controlled", {});
    expect(missing).toMatchObject({ status: 400, body: { error_code: 2003 } });
    const org = await callError(env.api.mpc, "createMpcVault", { CreateMpcVaultRequest: { name: "org", vault_type: "Org-Controlled" } });
    expect(org).toMatchObject({ status: 400, body: { error_code: 2006 } });
    const badScheme = await callError(env.api.mpc, "createMpcProject", {
      CreateMpcProjectRequest: { name: "x", participants: 2, threshold: 3 },
    });
    expect(badScheme.body.error_code).toBe(2006);
    const unknown = await callError(env.api.mpc, "getMpcProjectById", "nope");
    expect(unknown).toMatchObject({
      status: 404,
      body: { error_code: 2028, error_message: expect.any(String), error_id: expect.any(String) },
    });
    const noVault = await callError(env.api.mpc, "getMpcVaultById", "nope");
    expect(noVault.status).toBe(404);
  });
});

describe("key share holder groups and TSS requests", () => {
  it("lists, filters, reads, upgrades and deletes groups", async () => {
    const groups = await call(env.api.mpc, "listKeyShareHolderGroups", ready.vaultId, { key_share_holder_group_type: "MainGroup" });
    expect((groups.data as Plain[]).map((g) => g.key_share_holder_group_id)).toEqual([ready.groupId]);
    const signing = await call(env.api.mpc, "createKeyShareHolderGroup", ready.vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "SigningGroup",
        participants: 2,
        threshold: 2,
        key_share_holders: [{ tss_node_id: ready.device.getTSSNodeID(), type: "Mobile", name: "phone" }],
      },
    });
    const notValid = await callError(env.api.mpc, "updateKeyShareHolderGroupById", ready.vaultId, signing.key_share_holder_group_id, {
      UpdateKeyShareHolderGroupByIdRequest: { update_key_share_holder_group_action: "UpgradeToMainGroup" },
    });
    expect(notValid.body.error_code).toBe(2006);
    const main = await callError(env.api.mpc, "deleteKeyShareHolderGroupById", ready.vaultId, ready.groupId);
    expect(main.body.error_code).toBe(2006);
    const deleted = await call(env.api.mpc, "deleteKeyShareHolderGroupById", ready.vaultId, signing.key_share_holder_group_id);
    expect(deleted).toEqual({ submitted: true });
    const gone = await callError(env.api.mpc, "getKeyShareHolderGroupById", ready.vaultId, signing.key_share_holder_group_id);
    expect(gone.status).toBe(404);
  });

  it("validates holders against participants", async () => {
    const tooMany = await callError(env.api.mpc, "createKeyShareHolderGroup", ready.vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "MainGroup",
        participants: 2,
        threshold: 2,
        key_share_holders: [{ tss_node_id: "a" }, { tss_node_id: "b" }, { tss_node_id: "c" }],
      },
    });
    expect(tooMany.body.error_code).toBe(2006);
    const fakeCobo = await callError(env.api.mpc, "createKeyShareHolderGroup", ready.vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "MainGroup",
        participants: 2,
        threshold: 2,
        key_share_holders: [{ tss_node_id: "x", type: "Cobo" }],
      },
    });
    expect(fakeCobo.body.error_code).toBe(2006);
    const badType = await callError(env.api.mpc, "createKeyShareHolderGroup", ready.vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "Nope",
        participants: 2,
        threshold: 2,
        key_share_holders: [{ tss_node_id: "x" }],
      },
    });
    expect(badType.body.error_code).toBe(2006);
  });

  it("lists TSS requests of a group (the group id is required) and refuses a second KeyGen", async () => {
    const list = await call(env.api.mpc, "listTssRequests", ready.vaultId, ready.groupId, {});
    expect(list.data).toEqual([
      expect.objectContaining({ type: "KeyGen", status: "Success", target_key_share_holder_group_id: ready.groupId }),
    ]);
    const again = await callError(env.api.mpc, "createTssRequest", ready.vaultId, {
      CreateTssRequestRequest: { type: "KeyGen", target_key_share_holder_group_id: ready.groupId },
    });
    expect(again.body.error_code).toBe(2006);
    const unknown = await callError(env.api.mpc, "getTssRequestById", ready.vaultId, "nope");
    expect(unknown.status).toBe(404);
  });

  it("upgrades a Valid Signing Group to a Main Group (UpgradeToMainGroup)", async () => {
    const signing = await call(env.api.mpc, "createKeyShareHolderGroup", ready.vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "SigningGroup",
        participants: 2,
        threshold: 2,
        key_share_holders: [{ tss_node_id: ready.device.getTSSNodeID(), type: "Mobile", name: "phone" }],
      },
    });
    const signingId = String(signing.key_share_holder_group_id);
    const tss = await call(env.api.mpc, "createTssRequest", ready.vaultId, {
      CreateTssRequestRequest: {
        type: "KeyGenFromKeyGroup",
        target_key_share_holder_group_id: signingId,
        source_key_share_holder_group: { key_share_holder_group_id: ready.groupId },
      },
    });
    await deviceApprovesTss(ready.device, String(tss.tss_request_id));
    await waitTss(env, ready.vaultId, String(tss.tss_request_id), "Success");
    const valid = await call(env.api.mpc, "getKeyShareHolderGroupById", ready.vaultId, signingId);
    expect(valid).toMatchObject({ type: "SigningGroup", status: "Valid" });

    const upgraded = await call(env.api.mpc, "updateKeyShareHolderGroupById", ready.vaultId, signingId, {
      UpdateKeyShareHolderGroupByIdRequest: { update_key_share_holder_group_action: "UpgradeToMainGroup" },
    });
    expect(upgraded).toMatchObject({
      key_share_holder_group_id: signingId,
      type: "MainGroup",
      status: "Valid",
      participants: 2,
      threshold: 2,
      tss_key_share_groups: valid.tss_key_share_groups,
    });
    expect((await call(env.api.mpc, "getKeyShareHolderGroupById", ready.vaultId, signingId)).type).toBe("MainGroup");
    const mains = await call(env.api.mpc, "listKeyShareHolderGroups", ready.vaultId, { key_share_holder_group_type: "MainGroup" });
    expect((mains.data as Plain[]).map((g) => g.key_share_holder_group_id).sort()).toEqual([ready.groupId, signingId].sort());
    const again = await callError(env.api.mpc, "updateKeyShareHolderGroupById", ready.vaultId, signingId, {
      UpdateKeyShareHolderGroupByIdRequest: { update_key_share_holder_group_action: "UpgradeToMainGroup" },
    });
    expect(again).toMatchObject({ status: 400, body: { error_code: 2006 } });
  });
});

describe("wallets, chains, tokens, balances", () => {
  it("lists and renames wallets; enforces Cobo's name rules", async () => {
    const list = await call(env.api.wallets, "listWallets", { wallet_type: "MPC", vault_id: ready.vaultId });
    expect((list.data as Plain[]).map((w) => w.wallet_id)).toEqual([ready.walletId]);
    const renamed = await call(env.api.wallets, "updateWalletById", ready.walletId, {
      UpdateWalletParams: { wallet_type: "MPC", name: "renamed_wallet" },
    });
    expect(renamed.name).toBe("renamed_wallet");
    const dup = await callError(env.api.wallets, "createWallet", {
      CreateWalletParams: { name: "renamed_wallet", wallet_type: "MPC", wallet_subtype: "User-Controlled", vault_id: ready.vaultId },
    });
    expect(dup.body.error_code).toBe(2103);
    const bad = await callError(env.api.wallets, "createWallet", {
      CreateWalletParams: { name: "a@b", wallet_type: "MPC", wallet_subtype: "User-Controlled", vault_id: ready.vaultId },
    });
    expect(bad.body.error_code).toBe(2102);
    const unknownChain = await callError(env.api.wallets, "createAddress", ready.walletId, { CreateAddressRequest: { chain_id: "BTC" } });
    expect(unknownChain.body.error_code).toBe(2104);
    const badEncoding = await callError(env.api.wallets, "createAddress", ready.walletId, {
      CreateAddressRequest: { chain_id: "XTN", encoding: "ENCODING_P2TR" },
    });
    expect(badEncoding.body.error_code).toBe(2006);
    const addresses = await call(env.api.wallets, "listAddresses", ready.walletId, {});
    expect(addresses.data).toEqual([]);
  });

  it("serves enabled chains and tokens", async () => {
    const chains = await call(env.api.wallets, "listEnabledChains", { wallet_type: "MPC", wallet_subtype: "User-Controlled" });
    expect((chains.data as Plain[]).map((c) => c.chain_id)).toEqual(["XTN", "SETH", "TBSC_BNB", "SOLDEV_SOL"]);
    const tokens = await call(env.api.wallets, "listEnabledTokens", { chain_ids: "SETH" });
    expect(tokens.data).toEqual([expect.objectContaining({ token_id: "SETH", decimal: 18, fee_token_id: "SETH" })]);
    const xtn = await call(env.api.wallets, "getTokenById", "XTN");
    expect(xtn).toMatchObject({ chain_id: "XTN", decimal: 8, fee_token_id: "XTN", can_withdraw: true });
    const chain = await call(env.api.wallets, "getChainById", "SETH");
    expect(chain).toMatchObject({ chain_id: "SETH", confirming_threshold: expect.any(Number) });
    expect((await callError(env.api.wallets, "getTokenById", "BTC")).status).toBe(404);
  });

  it("estimates EVM fees in both shapes and reports zero balances", async () => {
    const [addr] = await call<Plain[]>(env.api.wallets, "createAddress", ready.walletId, { CreateAddressRequest: { chain_id: "SETH" } });
    const source = { source_type: "User-Controlled", wallet_id: ready.walletId, address: addr?.address };
    const eip = await call(env.api.transactions, "estimateFee", {
      EstimateFeeParams: { request_type: "Transfer", source, token_id: "SETH" },
    });
    expect(eip).toMatchObject({
      fee_type: "EVM_EIP_1559",
      token_id: "SETH",
      recommended: { max_fee_per_gas: expect.any(String), max_priority_fee_per_gas: expect.any(String), gas_limit: "21000" },
    });
    const legacy = await call(env.api.transactions, "estimateFee", {
      EstimateFeeParams: { request_type: "Transfer", source, token_id: "SETH", fee_type: "EVM_Legacy" },
    });
    expect(legacy).toMatchObject({ fee_type: "EVM_Legacy", slow: { gas_price: expect.any(String), gas_limit: "21000" } });
    const utxo = await callError(env.api.transactions, "estimateFee", {
      EstimateFeeParams: { request_type: "Transfer", source, token_id: "SETH", fee_type: "UTXO" },
    });
    expect(utxo.body.error_code).toBe(2006);
    const balances = await call(env.api.wallets, "listTokenBalancesForAddress", ready.walletId, addr?.address, { token_ids: "SETH" });
    expect(balances.data).toEqual([{ token_id: "SETH", balance: { total: "0", available: "0", pending: "0", locked: "0" } }]);
    const noFunds = await callError(env.api.transactions, "createTransferTransaction", {
      TransferParams: {
        request_id: "no-funds",
        source,
        token_id: "SETH",
        destination: {
          destination_type: "Address",
          account_output: { address: "0x000000000000000000000000000000000000dEaD", amount: "1" },
        },
      },
    });
    expect(noFunds.body.error_code).toBe(30012);
  });

  it("filters transactions and validates statuses", async () => {
    const bad = await callError(env.api.transactions, "listTransactions", { statuses: "Nope" });
    expect(bad.body.error_code).toBe(2029);
    const none = await call(env.api.transactions, "listTransactions", { wallet_ids: ready.walletId });
    expect(none).toEqual({ data: [], pagination: { before: "", after: "", total_count: 0 } });
    expect((await callError(env.api.transactions, "getTransactionById", "nope")).status).toBe(404);
  });

  it("reports API key info and lists callback messages", async () => {
    const info = await call(env.api.developers, "getApiKeyInfo");
    expect(info).toMatchObject({ curve_type: "ED25519", key: env.sandbox.apiKey });
    const messages = await call(env.api.developers, "listCallbackMessages", {});
    expect(messages).toEqual({ data: [], pagination: { before: "", after: "", total_count: 0 } });
  });
});

describe("Cobo's error shape for every remaining operation", () => {
  // One realistic bad call per operation: an unknown id (404 / 2028), an invalid
  // limit, cursor pair or enum filter (400 / 2006), or a foreign API key on the
  // operations that take no input (401 / 2024). Each answers Cobo's error body.
  const UNKNOWN = "00000000-0000-0000-0000-000000000000";
  let endpointId = "";
  beforeAll(async () => {
    const endpoints = await call(env.api.webhooks, "listWebhookEndpoints", {});
    endpointId = String((endpoints.data as Plain[])[0]?.endpoint_id);
  });
  const foreign = () => sdkApis(env.sandbox.url, randomSeedHex());

  type Row = { op: string; api: (a: SdkApis) => object; args: () => unknown[]; status: number; code: number };
  const rows: Row[] = [
    { op: "getWalletById", api: (a) => a.wallets, args: () => [UNKNOWN], status: 404, code: 2028 },
    { op: "getChainById", api: (a) => a.wallets, args: () => ["BTC"], status: 404, code: 2028 },
    { op: "getWebhookEventById", api: (a) => a.webhooks, args: () => [UNKNOWN, endpointId], status: 404, code: 2028 },
    { op: "listAddresses", api: (a) => a.wallets, args: () => [UNKNOWN, {}], status: 404, code: 2028 },
    { op: "listAddresses", api: (a) => a.wallets, args: () => [ready.walletId, { limit: 0 }], status: 400, code: 2006 },
    { op: "listWallets", api: (a) => a.wallets, args: () => [{ limit: 51 }], status: 400, code: 2006 },
    { op: "listWallets", api: (a) => a.wallets, args: () => [{ wallet_type: "Bank" }], status: 400, code: 2006 },
    { op: "listTssRequests", api: (a) => a.mpc, args: () => [UNKNOWN, ready.groupId, {}], status: 404, code: 2028 },
    { op: "listKeyShareHolderGroups", api: (a) => a.mpc, args: () => [UNKNOWN, {}], status: 404, code: 2028 },
    {
      op: "listKeyShareHolderGroups",
      api: (a) => a.mpc,
      args: () => [ready.vaultId, { key_share_holder_group_type: "OwnerGroup" }],
      status: 400,
      code: 2006,
    },
    { op: "listTokenBalancesForWallet", api: (a) => a.wallets, args: () => [UNKNOWN, {}], status: 404, code: 2028 },
    {
      op: "listTokenBalancesForAddress",
      api: (a) => a.wallets,
      args: () => [ready.walletId, "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", {}],
      status: 404,
      code: 2028,
    },
    {
      op: "updateWalletById",
      api: (a) => a.wallets,
      args: () => [UNKNOWN, { UpdateWalletParams: { wallet_type: "MPC", name: "x" } }],
      status: 404,
      code: 2028,
    },
    {
      op: "updateMpcProjectById",
      api: (a) => a.mpc,
      args: () => [UNKNOWN, { UpdateMpcProjectByIdRequest: { name: "x" } }],
      status: 404,
      code: 2028,
    },
    {
      op: "updateMpcVaultById",
      api: (a) => a.mpc,
      args: () => [UNKNOWN, { UpdateMpcVaultByIdRequest: { name: "x" } }],
      status: 404,
      code: 2028,
    },
    {
      op: "updateWebhookEndpointById",
      api: (a) => a.webhooks,
      args: () => [UNKNOWN, { UpdateWebhookEndpointByIdRequest: { status: "STATUS_INACTIVE" } }],
      status: 404,
      code: 2028,
    },
    {
      op: "updateWebhookEndpointById",
      api: (a) => a.webhooks,
      args: () => [endpointId, { UpdateWebhookEndpointByIdRequest: { status: "STATUS_PAUSED" } }],
      status: 400,
      code: 2006,
    },
    { op: "listWebhookEventLogs", api: (a) => a.webhooks, args: () => [UNKNOWN, endpointId, {}], status: 404, code: 2028 },
    { op: "retryCallbackMessage", api: (a) => a.developers, args: () => [UNKNOWN], status: 404, code: 2028 },
    { op: "listEnabledChains", api: (a) => a.wallets, args: () => [{ limit: 0 }], status: 400, code: 2006 },
    { op: "listEnabledChains", api: (a) => a.wallets, args: () => [{ wallet_subtype: "Hot" }], status: 400, code: 2006 },
    { op: "listEnabledTokens", api: (a) => a.wallets, args: () => [{ before: "XTN", after: "SETH" }], status: 400, code: 2006 },
    { op: "listWebhookEndpoints", api: (a) => a.webhooks, args: () => [{ status: "STATUS_PAUSED" }], status: 400, code: 2006 },
    { op: "listCallbackMessages", api: (a) => a.developers, args: () => [{ status: "Retrying" }], status: 400, code: 2006 },
    { op: "getApiKeyInfo", api: () => foreign().developers, args: () => [], status: 401, code: 2024 },
    { op: "listCoboKeyHolders", api: () => foreign().mpc, args: () => [], status: 401, code: 2024 },
    { op: "listWebhookEventDefinitions", api: () => foreign().webhooks, args: () => [], status: 401, code: 2024 },
  ];

  it.each(rows)("$op → $status / $code", async ({ op, api, args, status, code }) => {
    const failure = await callError(api(env.api), op, ...args());
    expect(failure).toEqual({ status, body: { error_code: code, error_message: expect.any(String), error_id: expect.any(String) } });
    expect(failure.body.error_message).not.toBe("");
    expect(failure.body.error_id).toMatch(/^[0-9a-f]{32}$/);
  });
});
