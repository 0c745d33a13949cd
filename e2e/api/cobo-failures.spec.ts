import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import {
  bearer,
  clearFaults,
  coboTransactionsWithRequestId,
  fundedWallet,
  injectFault,
  readyAppUser,
  serverLog,
  type ReadyAppUser,
} from "../helpers/journey";

// Cobo's refusals and outages as the production build meets them (each route is its own bundle,
// with its own copy of every module): a refusal is the documented problem and the transfer is
// Failed at once and never sent again; an unreachable Cobo is a 503 with Retry-After within the
// call's time budget; every log line of a request carries the request id its answer names.

const EXTERNAL_XTN = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx";
const FEE = { fee_type: "UTXO", token_id: "XTN", fee_rate: "5" };

let alice: ReadyAppUser;
let wallet: { walletId: string; address: string };

test.beforeAll(async ({ request }) => {
  test.setTimeout(240_000);
  alice = await readyAppUser(request, "refusals");
  wallet = await fundedWallet(request, alice.token, "0.05");
});

test.afterEach(async () => {
  await clearFaults();
});

function transfer(request: import("@playwright/test").APIRequestContext, key: string, over: Record<string, unknown>) {
  return request.post(`/api/v1/wallets/${wallet.walletId}/transfers`, {
    headers: { ...bearer(alice.token), "idempotency-key": key },
    data: { token_id: "XTN", from_address: wallet.address, to_address: EXTERNAL_XTN, amount: "0.001", fee: FEE, ...over },
  });
}

test("Cobo refusing a transfer is a 422 naming the field; the transfer is Failed at once and never sent", async ({ request }) => {
  const key = randomUUID();
  const res = await transfer(request, key, { amount: "5" });
  expect(res.status()).toBe(422);
  expect(res.headers()["content-type"]).toBe("application/problem+json");
  const problem = (await res.json()) as { code: string; errors: { path: string; message: string }[]; requestId: string };
  expect(problem).toMatchObject({
    code: "invalid_input",
    errors: [{ path: "body.amount", message: "the amount exceeds the wallet's available balance" }],
  });

  // The same key answers the stored outcome: Failed, with Cobo's code, and nothing at Cobo.
  const again = await transfer(request, key, { amount: "5" });
  expect(again.status()).toBe(200);
  const { transaction } = (await again.json()) as { transaction: { status: string; failed_reason: string; request_id: string } };
  expect(transaction.status).toBe("Failed");
  expect(transaction.failed_reason).toMatch(/30012/);
  expect(await coboTransactionsWithRequestId(transaction.request_id)).toEqual([]);

  // Every log line of that request names its request id (the answer's), from whichever module copy wrote it.
  const lines = serverLog().filter((l) => l.msg === "cobo call failed" && l.operation === "createTransfer" && l.coboErrorCode === 30012);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.map((l) => l.requestId)).toContain(problem.requestId);
  expect(lines.every((l) => typeof l.requestId === "string")).toBe(true);
});

test("an address Cobo refuses is a 422 on body.to_address", async ({ request }) => {
  const res = await transfer(request, randomUUID(), { to_address: "tb1qnotarealaddressatall000000000000000" });
  expect(res.status()).toBe(422);
  expect(await res.json()).toMatchObject({ code: "invalid_input", errors: [{ path: "body.to_address" }] });
});

test("a state Cobo says forbids it now is a 409; our key refused is a 502 the app cannot fix", async ({ request }) => {
  await injectFault({ method: "POST", path_prefix: "/v2/transactions/transfer", kind: "status", status: 400, error_code: 2105, times: 1 });
  const locked = await transfer(request, randomUUID(), {});
  expect(locked.status()).toBe(409);
  expect(await locked.json()).toMatchObject({ code: "conflict" });

  await injectFault({ method: "POST", path_prefix: "/v2/transactions/transfer", kind: "status", status: 401, error_code: 2024, times: 1 });
  const key = randomUUID();
  const refused = await transfer(request, key, {});
  expect(refused.status()).toBe(502);
  expect(await refused.json()).toMatchObject({ code: "cobo_error" });
  // Refused, so Failed at once: not left "Created" for a later resubmission.
  const replay = await transfer(request, key, {});
  expect(((await replay.json()) as { transaction: { status: string } }).transaction.status).toBe("Failed");
});

test("Cobo unreachable: a transfer and a balance read answer 503 with Retry-After within the time budget", async ({ request }) => {
  await injectFault({ method: "POST", path_prefix: "/v2/transactions/transfer", kind: "hang" });
  await injectFault({ method: "GET", path_prefix: `/v2/wallets/${wallet.walletId}/tokens`, kind: "hang" });
  const key = randomUUID();
  // Playwright's own timeout (30 s) is far above the budget; the old code hung ~63 s.
  const res = await transfer(request, key, {});
  expect(res.status()).toBe(503);
  expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await res.json()).toMatchObject({ code: "cobo_unavailable" });

  const balances = await request.get(`/api/v1/wallets/${wallet.walletId}/balances`, { headers: bearer(alice.token) });
  expect(balances.status()).toBe(503);
  expect(Number(balances.headers()["retry-after"])).toBeGreaterThan(0);

  // The outcome was unknown, so the transfer waits (Created); once Cobo answers, the app's retry sends it.
  await clearFaults();
  const retried = await transfer(request, key, {});
  expect(retried.status()).toBe(200);
  const { transaction } = (await retried.json()) as {
    transaction: { status: string; request_id: string; cobo_transaction_id: string | null };
  };
  expect(transaction.status).not.toBe("Created");
  expect(transaction.cobo_transaction_id).not.toBeNull();
  expect(await coboTransactionsWithRequestId(transaction.request_id)).toHaveLength(1);
});
