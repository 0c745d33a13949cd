import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { simulateDeposit, waitFor } from "../../tests/helpers/virtual-device";
import { readyAppUser, sandbox, signUpUser } from "../helpers/journey";

// Chains, tokens, per-address balances and fee levels over real HTTP against the production build
// and the sandbox (SETH and TBSC_BNB are EVM chains; TBSC_USDT is an ERC-20 token on TBSC_BNB).

const BURN = "0x000000000000000000000000000000000000dEaD";

test("chains and tokens: the enabled lists, one token, bad input and unknown tokens", async ({ request }) => {
  const user = await signUpUser(request, "catalog");
  const chains = await request.get("/api/v1/chains", { headers: user.auth });
  expect(chains.status()).toBe(200);
  const { data } = (await chains.json()) as { data: { chain_id: string; evm: boolean }[] };
  expect(data.filter((c) => c.evm).map((c) => c.chain_id)).toEqual(["SETH", "TBSC_BNB"]);

  const bsc = await request.get("/api/v1/tokens?chain_id=TBSC_BNB", { headers: user.auth });
  expect(((await bsc.json()) as { data: { token_id: string }[] }).data.map((t) => t.token_id)).toEqual(["TBSC_BNB", "TBSC_USDT"]);
  const bad = await request.get("/api/v1/tokens?chain_id=no%20such", { headers: user.auth });
  expect(bad.status()).toBe(422);
  expect(bad.headers()["content-type"]).toBe("application/problem+json");
  expect(await bad.json()).toMatchObject({ code: "invalid_input", errors: [expect.objectContaining({ path: "query.chain_id" })] });

  const usdt = await request.get("/api/v1/tokens/TBSC_USDT", { headers: user.auth });
  expect(await usdt.json()).toMatchObject({ token_id: "TBSC_USDT", chain_id: "TBSC_BNB", fee_token_id: "TBSC_BNB" });
  const unknown = await request.get("/api/v1/tokens/ETH_USDT", { headers: user.auth });
  expect(unknown.status()).toBe(404);
  expect((await request.get("/api/v1/tokens")).status()).toBe(401);
});

test("a Sepolia address holds and sends a BNB Smart Chain token; its balances are its owner's alone", async ({ request }) => {
  test.setTimeout(120_000);
  const alice = await readyAppUser(request, "money-alice");
  const mallory = await signUpUser(request, "money-mallory");
  const wallet = await request.post("/api/v1/wallets", { headers: alice.auth, data: { name: `Multi ${Date.now()}` } });
  expect(wallet.status()).toBe(201);
  const { wallet_id: walletId } = (await wallet.json()) as { wallet_id: string };
  const created = await request.post(`/api/v1/wallets/${walletId}/addresses`, { headers: alice.auth, data: { chain_id: "SETH" } });
  const { address } = (await created.json()) as { address: string };
  await simulateDeposit(sandbox(), address, "1", "TBSC_BNB");
  await simulateDeposit(sandbox(), address, "25", "TBSC_USDT");
  const balancesPath = `/api/v1/wallets/${walletId}/addresses/${address}/balances`;
  await waitFor(async () => {
    const res = await request.get(balancesPath, { headers: alice.auth });
    const { data } = (await res.json()) as { data: { token_id: string; balance: { available: string } }[] };
    return data.some((b) => b.token_id === "TBSC_USDT" && b.balance.available === "25") && data.some((b) => b.token_id === "TBSC_BNB");
  }, "the deposits to be available");

  expect((await request.get(balancesPath, { headers: mallory.auth })).status()).toBe(404);
  const malformed = await request.get(`/api/v1/wallets/${walletId}/addresses/not%20an%20address/balances`, { headers: alice.auth });
  expect(malformed.status()).toBe(422);

  const estimate = await request.post(`/api/v1/wallets/${walletId}/fee-estimates`, {
    headers: alice.auth,
    data: { token_id: "TBSC_USDT", from_address: address, to_address: BURN, amount: "5", fee_level: "Slow" },
  });
  expect(estimate.status()).toBe(200);
  expect(await estimate.json()).toMatchObject({ fee_type: "EVM_Legacy", fee: { fee_type: "EVM_Legacy", token_id: "TBSC_BNB" } });

  const send = (data: unknown) =>
    request.post(`/api/v1/wallets/${walletId}/transfers`, { headers: { ...alice.auth, "idempotency-key": randomUUID() }, data });
  const base = { token_id: "TBSC_USDT", from_address: address, to_address: BURN, amount: "5" };
  const decimalWei = await send({ ...base, fee: { fee_type: "EVM_Legacy", token_id: "TBSC_BNB", gas_price: "2.5" } });
  expect(decimalWei.status()).toBe(422);
  expect(await decimalWei.json()).toMatchObject({ errors: [expect.objectContaining({ path: "body.fee.gas_price" })] });
  const sent = await send({ ...base, fee_level: "Slow" });
  expect(sent.status(), await sent.text()).toBe(201);
  expect(await sent.json()).toMatchObject({ transaction: { chain_id: "TBSC_BNB", token_id: "TBSC_USDT", amount: "5" } });
});
