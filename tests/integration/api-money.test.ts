import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listChains } from "@/app/api/v1/chains/route";
import { GET as getToken } from "@/app/api/v1/tokens/[token_id]/route";
import { GET as listTokens } from "@/app/api/v1/tokens/route";
import { GET as addressBalances } from "@/app/api/v1/wallets/[wallet_id]/addresses/[address]/balances/route";
import { POST as createAddress } from "@/app/api/v1/wallets/[wallet_id]/addresses/route";
import { POST as estimateFee } from "@/app/api/v1/wallets/[wallet_id]/fee-estimates/route";
import { POST as transfer } from "@/app/api/v1/wallets/[wallet_id]/transfers/route";
import { POST as createWallet } from "@/app/api/v1/wallets/route";
import { refreshBalancesAction } from "@/app/(console)/users/[id]/actions";
import type { ActionResult } from "@/components/actions/action-result";
import { getCoboGateway } from "@/lib/cobo/client";
import { getUserBalances } from "@/lib/console/get-user-balances";
import { runConsoleActionAs } from "@/lib/http/console-action";
import { createConsoleUser, type ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { syncTransaction } from "@/lib/server/transactions/sync-transaction";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newAppUser, type TestAppUser } from "../helpers/app-users";
import { readyAppUser, simulateDeposit, waitFor, type ReadyUser } from "../helpers/device";

// Chains, tokens, per-address balances, every fee model and fee_level, EVM addresses on every EVM
// chain, and the console's balance snapshot, through the route handlers and console actions,
// against a real database and the sandbox (SETH and TBSC_BNB are EVM chains; TBSC_USDT is an
// ERC-20 token on TBSC_BNB; SOLDEV_SOL uses the SOL fee model).

const app = setupAppHarness();

type Problem = { status: number; code: string; errors?: { path: string; message: string }[] };
type Balance = { token_id: string; balance: { total: string; available: string; pending: string; locked: string } };
const errorPaths = (body: unknown) => ((body as Problem).errors ?? []).map((e) => e.path).sort();
const BURN = "0x000000000000000000000000000000000000dEaD";

let alice: ReadyUser;
let bob: TestAppUser;
let support: ConsoleIdentity;
let walletId = "";
let sethAddress = "";

async function newAddress(user: { token: string }, chainId: string): Promise<string> {
  const a = await call(createAddress, {
    path: `/api/v1/wallets/${walletId}/addresses`,
    params: { wallet_id: walletId },
    token: user.token,
    body: { chain_id: chainId },
  });
  expect(a.status, a.text).toBe(201);
  return (a.body as { address: string }).address;
}

async function deposit(address: string, amount: string, tokenId: string): Promise<void> {
  const d = await simulateDeposit(app.sandbox, address, amount, tokenId);
  await waitFor(async () => (await syncTransaction(d.transaction_id)).status === "Completed", "the deposit to complete");
}

beforeAll(async () => {
  alice = await readyAppUser(app.sandbox, "money-alice");
  bob = await newAppUser("money-bob");
  support = await createConsoleUser({ email: `support-${randomUUID()}@money.test`, role: "support", password: "support long password" });
  const w = await call(createWallet, { path: "/api/v1/wallets", token: alice.token, body: { name: "Money" } });
  expect(w.status, w.text).toBe(201);
  walletId = (w.body as { wallet_id: string }).wallet_id;
  sethAddress = await newAddress(alice, "SETH");
}, 240_000);

describe("GET /api/v1/chains and /api/v1/tokens", () => {
  it("lists the enabled chains, marking the EVM ones", async () => {
    const res = await call(listChains, { path: "/api/v1/chains", token: alice.token });
    expect(res.status, res.text).toBe(200);
    const chains = (res.body as { data: { chain_id: string; evm: boolean; caip2_chain_id: string | null }[] }).data;
    expect(chains.map((c) => [c.chain_id, c.evm])).toEqual([
      ["XTN", false],
      ["SETH", true],
      ["TBSC_BNB", true],
      ["SOLDEV_SOL", false],
    ]);
    expect(chains.find((c) => c.chain_id === "TBSC_BNB")?.caip2_chain_id).toBe("eip155:97");
  });

  it("lists the enabled tokens, optionally of one chain, and refuses a malformed chain id", async () => {
    const all = await call(listTokens, { path: "/api/v1/tokens", token: bob.token });
    expect(all.status).toBe(200);
    expect((all.body as { data: { token_id: string }[] }).data.map((t) => t.token_id)).toEqual([
      "XTN",
      "SETH",
      "TBSC_BNB",
      "TBSC_USDT",
      "SOLDEV_SOL",
    ]);
    const bsc = await call(listTokens, { path: "/api/v1/tokens?chain_id=TBSC_BNB", token: bob.token });
    expect((bsc.body as { data: { token_id: string; fee_token_id: string }[] }).data).toEqual([
      expect.objectContaining({ token_id: "TBSC_BNB", fee_token_id: "TBSC_BNB" }),
      expect.objectContaining({ token_id: "TBSC_USDT", fee_token_id: "TBSC_BNB", token_address: expect.stringMatching(/^0x/) }),
    ]);
    const bad = await call(listTokens, { path: "/api/v1/tokens?chain_id=no%20such", token: bob.token });
    expect(bad.status).toBe(422);
    expect(errorPaths(bad.body)).toEqual(["query.chain_id"]);
  });

  it("gets one enabled token; an unknown one is a 404 and a malformed id a 422", async () => {
    const usdt = await call(getToken, { path: "/api/v1/tokens/TBSC_USDT", params: { token_id: "TBSC_USDT" }, token: alice.token });
    expect(usdt.status).toBe(200);
    expect(usdt.body).toMatchObject({ token_id: "TBSC_USDT", chain_id: "TBSC_BNB", decimal: 18, can_withdraw: true });
    const unknown = await call(getToken, { path: "/api/v1/tokens/ETH_USDT", params: { token_id: "ETH_USDT" }, token: alice.token });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    const bad = await call(getToken, { path: "/api/v1/tokens/a%24b", params: { token_id: "a$b" }, token: alice.token });
    expect(bad.status).toBe(422);
    expect(errorPaths(bad.body)).toEqual(["path.token_id"]);
  });
});

describe("EVM addresses on every EVM chain, and per-address balances", () => {
  it("receives another EVM chain's tokens on a Sepolia address and lists them per address; others get 404", async () => {
    await deposit(sethAddress, "1", "TBSC_BNB");
    await deposit(sethAddress, "50", "TBSC_USDT");
    const path = `/api/v1/wallets/${walletId}/addresses/${sethAddress}/balances`;
    const res = await call(addressBalances, { path, params: { wallet_id: walletId, address: sethAddress }, token: alice.token });
    expect(res.status, res.text).toBe(200);
    expect((res.body as { data: Balance[] }).data).toEqual([
      { token_id: "TBSC_BNB", balance: { total: "1", available: "1", pending: "0", locked: "0" } },
      { token_id: "TBSC_USDT", balance: { total: "50", available: "50", pending: "0", locked: "0" } },
    ]);
    // any letter case of an EVM address, and one token only
    const lower = sethAddress.toLowerCase();
    const one = await call(addressBalances, {
      path: `/api/v1/wallets/${walletId}/addresses/${lower}/balances?token_id=TBSC_USDT`,
      params: { wallet_id: walletId, address: lower },
      token: alice.token,
    });
    expect((one.body as { data: Balance[] }).data.map((b) => b.token_id)).toEqual(["TBSC_USDT"]);

    const asBob = await call(addressBalances, { path, params: { wallet_id: walletId, address: sethAddress }, token: bob.token });
    expect(asBob.status).toBe(404);
    const notMine = await call(addressBalances, {
      path: `/api/v1/wallets/${walletId}/addresses/${BURN}/balances`,
      params: { wallet_id: walletId, address: BURN },
      token: alice.token,
    });
    expect(notMine.status).toBe(404);
    const bad = await call(addressBalances, {
      path: `/api/v1/wallets/${walletId}/addresses/a%20b/balances`,
      params: { wallet_id: walletId, address: "a b" },
      token: alice.token,
    });
    expect(bad.status).toBe(422);
    expect(errorPaths(bad.body)).toEqual(["path.address"]);
    const badToken = await call(addressBalances, {
      path: `${path}?token_id=x%20y`,
      params: { wallet_id: walletId, address: sethAddress },
      token: alice.token,
    });
    expect(badToken.status).toBe(422);
    expect(errorPaths(badToken.body)).toEqual(["query.token_id"]);
  });

  it("estimates with fee_level and sends a TBSC_USDT transfer from the Sepolia address with fee_level", async () => {
    const est = await call(estimateFee, {
      path: `/api/v1/wallets/${walletId}/fee-estimates`,
      params: { wallet_id: walletId },
      token: alice.token,
      body: { token_id: "TBSC_USDT", from_address: sethAddress, to_address: BURN, amount: "5", fee_level: "Fast" },
    });
    expect(est.status, est.text).toBe(200);
    expect(est.body).toMatchObject({
      fee_type: "EVM_Legacy",
      token_id: "TBSC_BNB",
      fee_level: "Fast",
      fee: { fee_type: "EVM_Legacy", token_id: "TBSC_BNB", gas_price: "2500000000", gas_limit: "65000" },
    });

    const send = (body: unknown) =>
      call(transfer, {
        path: `/api/v1/wallets/${walletId}/transfers`,
        params: { wallet_id: walletId },
        token: alice.token,
        headers: { "idempotency-key": randomUUID() },
        body,
      });
    const base = { token_id: "TBSC_USDT", from_address: sethAddress, to_address: BURN, amount: "5" };
    const before = await app.db.transaction.count({ where: { wallet: { coboWalletId: walletId } } });
    // Cobo wants whole wei for gas prices, one of fee / fee_level, and the tip within the cap
    const decimalGas = await send({ ...base, fee: { fee_type: "EVM_Legacy", token_id: "TBSC_BNB", gas_price: "1.5" } });
    expect(decimalGas.status).toBe(422);
    expect(errorPaths(decimalGas.body)).toEqual(["body.fee.gas_price"]);
    const both = await send({ ...base, fee_level: "Fast", fee: { fee_type: "EVM_Legacy", token_id: "TBSC_BNB", gas_price: "1" } });
    expect(errorPaths(both.body)).toEqual(["body.fee_level"]);
    const neither = await send(base);
    expect(errorPaths(neither.body)).toEqual(["body.fee"]);
    const tip = await send({
      ...base,
      fee: { fee_type: "EVM_EIP_1559", token_id: "TBSC_BNB", max_fee_per_gas: "10", max_priority_fee_per_gas: "11" },
    });
    expect(errorPaths(tip.body)).toEqual(["body.fee.max_priority_fee_per_gas"]);
    // an EVM address cannot send a Bitcoin token
    const wrongChain = await send({
      ...base,
      token_id: "XTN",
      to_address: "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx",
      fee_level: "Slow",
    });
    expect(wrongChain.status).toBe(422);
    expect(errorPaths(wrongChain.body)).toEqual(["body.token_id"]);
    expect(await app.db.transaction.count({ where: { wallet: { coboWalletId: walletId } } })).toBe(before);

    const sent = await send({ ...base, fee_level: "Fast" });
    expect(sent.status, sent.text).toBe(201);
    const tx = (sent.body as { transaction: { id: string; chain_id: string; status: string; fee: { token_id: string } } }).transaction;
    expect(tx).toMatchObject({ chain_id: "TBSC_BNB", fee: { token_id: "TBSC_BNB" } });
    expect(tx.status).not.toBe("Created");
    const row = await app.db.transaction.findUniqueOrThrow({ where: { id: tx.id }, select: { feeLevel: true, coboTransactionId: true } });
    expect(row.feeLevel).toBe("Fast");
    // Cobo priced it at its Fast level
    const atCobo = await getCoboGateway().getTransaction(String(row.coboTransactionId));
    expect(atCobo.fee).toMatchObject({ fee_type: "EVM_Legacy", gas_price: "2500000000" });
  });

  it("estimates and pays SOL fees", async () => {
    const sol = await newAddress(alice, "SOLDEV_SOL");
    await deposit(sol, "2", "SOLDEV_SOL");
    const est = await call(estimateFee, {
      path: `/api/v1/wallets/${walletId}/fee-estimates`,
      params: { wallet_id: walletId },
      token: alice.token,
      body: { token_id: "SOLDEV_SOL", from_address: sol, to_address: sol, amount: "1", fee_level: "Recommended" },
    });
    expect(est.status, est.text).toBe(200);
    expect(est.body).toMatchObject({
      fee_type: "SOL",
      recommended: { compute_unit_price: "1000", compute_unit_limit: "200000", base_fee: "0.000005" },
      fee: { fee_type: "SOL", token_id: "SOLDEV_SOL", compute_unit_price: "1000", compute_unit_limit: "200000" },
    });
    const fee = (est.body as { fee: unknown }).fee;
    const sent = await call(transfer, {
      path: `/api/v1/wallets/${walletId}/transfers`,
      params: { wallet_id: walletId },
      token: alice.token,
      headers: { "idempotency-key": randomUUID() },
      body: { token_id: "SOLDEV_SOL", from_address: sol, to_address: sol, amount: "1", fee },
    });
    expect(sent.status, sent.text).toBe(201);
    const badLimit = await call(transfer, {
      path: `/api/v1/wallets/${walletId}/transfers`,
      params: { wallet_id: walletId },
      token: alice.token,
      headers: { "idempotency-key": randomUUID() },
      body: {
        token_id: "SOLDEV_SOL",
        from_address: sol,
        to_address: sol,
        amount: "1",
        fee: { fee_type: "SOL", token_id: "SOLDEV_SOL", compute_unit_price: "1", compute_unit_limit: "2.5" },
      },
    });
    expect(errorPaths(badLimit.body)).toEqual(["body.fee.compute_unit_limit"]);
  });
});

describe("console balances", () => {
  it("says never read until staff refresh, then shows Cobo's per-user, wallet and address balances", async () => {
    const before = await getUserBalances(alice.id);
    expect(before).toMatchObject({ newestReadAt: null, summary: [], unreadWallets: 1 });
    expect(before?.wallets[0]?.addresses.every((a) => a.readAt === null && a.balances.length === 0)).toBe(true);

    const bad = await runConsoleActionAs(refreshBalancesAction, support, { userId: "nope" });
    expect(bad).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "userId" }] } });

    // support may refresh: it only reads
    const result = (await runConsoleActionAs(refreshBalancesAction, support, { userId: alice.id })) as ActionResult<{
      wallets: number;
      addresses: number;
    }>;
    expect(result).toMatchObject({ data: { wallets: 1, addresses: 2 } });
    const after = await getUserBalances(alice.id);
    expect(after?.newestReadAt).not.toBeNull();
    expect(after?.unreadWallets).toBe(0);
    // what Cobo reports for the wallet, token by token (the two transfers above lock their amounts and fees)
    const atCobo = await getCoboGateway().listTokenBalancesForWallet(walletId, { limit: 50 });
    const want = atCobo.data
      .map((b) => ({
        tokenId: b.token_id,
        total: b.balance.total,
        available: b.balance.available,
        pending: b.balance.pending ?? "0",
        locked: b.balance.locked ?? "0",
      }))
      .sort((a, b) => (a.tokenId < b.tokenId ? -1 : 1));
    expect(want.map((b) => b.tokenId)).toEqual(["SOLDEV_SOL", "TBSC_BNB", "TBSC_USDT"]);
    expect(after?.summary).toEqual(want);
    expect(after?.wallets[0]?.balances).toEqual(want);
    const seth = after?.wallets[0]?.addresses.find((a) => a.address === sethAddress);
    expect(seth?.readAt).not.toBeNull();
    expect(seth?.balances.map((b) => b.tokenId)).toEqual(["TBSC_BNB", "TBSC_USDT"]);
    const audit = await app.db.auditLog.findFirst({ where: { actorId: support.id, action: "balances.refresh" } });
    expect(audit).toMatchObject({ outcome: "succeeded", targetId: alice.id });
  });
});
