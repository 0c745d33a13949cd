import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { GET as getTransaction } from "@/app/api/v1/transactions/[transaction_id]/route";
import { POST as reportTransaction } from "@/app/api/v1/transactions/[transaction_id]/reports/route";
import { GET as listTransactions } from "@/app/api/v1/transactions/route";
import { POST as createMainGroup } from "@/app/api/v1/vault/main-group/route";
import { POST as createVault } from "@/app/api/v1/vault/route";
import { POST as createAddress } from "@/app/api/v1/wallets/[wallet_id]/addresses/route";
import { GET as balances } from "@/app/api/v1/wallets/[wallet_id]/balances/route";
import { POST as estimateFee } from "@/app/api/v1/wallets/[wallet_id]/fee-estimates/route";
import { POST as transfer } from "@/app/api/v1/wallets/[wallet_id]/transfers/route";
import { POST as createWallet } from "@/app/api/v1/wallets/route";
import { getCoboGateway } from "@/lib/cobo/client";
import type { Transaction as CoboTransaction } from "@/lib/cobo/types";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { applyTransactionUpdate } from "@/lib/server/transactions/apply-transaction-update";
import { transferRequestHash, type TransferInput } from "@/lib/server/transactions/create-transfer";
import { syncTransaction } from "@/lib/server/transactions/sync-transaction";
import { call, setupAppHarness } from "../helpers/app-harness";
import { expectExpiredTokenRefused, expiredAccessToken, newAppUser, type TestAppUser } from "../helpers/app-users";
import { createDevice, readyAppUser, simulateDeposit, waitFor, withLossyCobo, type ReadyUser } from "../helpers/device";

// Fee estimates, transfers, transactions and their timelines through the route handlers, against
// a real database and the sandbox; the one place transaction state changes (applyTransactionUpdate)
// with duplicated and out-of-order reports; and the guide's whole journey through the API.

const app = setupAppHarness();

const EXTERNAL_XTN = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx";
const FEE = { fee_type: "UTXO", token_id: "XTN", fee_rate: "5" } as const;

type Wallet = { wallet_id: string };
type Address = { address: string; chain_id: string };
type Tx = {
  id: string;
  request_id: string;
  cobo_transaction_id: string | null;
  wallet_id: string;
  type: string;
  status: string;
  sub_status: string | null;
  failed_reason: string | null;
  amount: string;
  fee: { token_id: string | null; amount: string | null };
  transaction_hash: string | null;
};
type Timeline = {
  from_status: string | null;
  to_status: string;
  sub_status: string | null;
  source: string;
  applied: boolean;
  note: string | null;
}[];
type Problem = { status: number; code: string; detail: string; errors?: { path: string; message: string }[] };

const errorPaths = (body: unknown) => ((body as Problem).errors ?? []).map((e) => e.path).sort();

async function walletWithFunds(user: TestAppUser, name: string, amount: string): Promise<{ walletId: string; address: string }> {
  const w = await call(createWallet, { path: "/api/v1/wallets", token: user.token, body: { name } });
  expect(w.status, w.text).toBe(201);
  const walletId = (w.body as Wallet).wallet_id;
  const a = await call(createAddress, {
    path: `/api/v1/wallets/${walletId}/addresses`,
    params: { wallet_id: walletId },
    token: user.token,
    body: { chain_id: "XTN" },
  });
  expect(a.status, a.text).toBe(201);
  const address = (a.body as Address).address;
  const deposit = await simulateDeposit(app.sandbox, address, amount);
  await waitFor(async () => (await syncTransaction(deposit.transaction_id)).status === "Completed", "the deposit to complete");
  return { walletId, address };
}

function send(user: { token: string }, walletId: string, key: string | null, body: unknown) {
  return call(transfer, {
    path: `/api/v1/wallets/${walletId}/transfers`,
    params: { wallet_id: walletId },
    token: user.token,
    body,
    headers: key === null ? {} : { "idempotency-key": key },
  });
}

async function coboTransactionsWithRequestId(requestId: string) {
  return (await getCoboGateway().listTransactions({ request_id: requestId, limit: 50 })).data.filter((t) => t.request_id === requestId);
}

let alice: ReadyUser;
let bob: TestAppUser;
let funded: { walletId: string; address: string };

beforeAll(async () => {
  alice = await readyAppUser(app.sandbox, "alice");
  bob = await newAppUser("bob");
  funded = await walletWithFunds(alice, "Spending", "1");
}, 180_000);

// Transfers are rate limited per user (10 a minute); each test starts with fresh counters.
beforeEach(async () => {
  await app.db.rateLimitCounter.deleteMany();
});

const body = (over: Partial<TransferInput> = {}) => ({
  token_id: "XTN",
  from_address: funded.address,
  to_address: EXTERNAL_XTN,
  amount: "0.01",
  fee: FEE,
  ...over,
});

describe("POST /api/v1/wallets/{wallet_id}/fee-estimates", () => {
  const path = () => `/api/v1/wallets/${funded.walletId}/fee-estimates`;
  const estimate = (token: string | undefined, b: unknown) =>
    call(estimateFee, { path: path(), params: { wallet_id: funded.walletId }, token, body: b });
  const req = () => ({ token_id: "XTN", from_address: funded.address, to_address: EXTERNAL_XTN, amount: "0.1" });

  it("returns Cobo's slow / recommended / fast levels as decimal strings", async () => {
    const res = await estimate(alice.token, req());
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ fee_type: "UTXO", token_id: "XTN", recommended: { fee_rate: "5", fee_amount: "0.0000125" } });
    const levels = res.body as Record<string, { fee_rate?: unknown }>;
    for (const level of ["slow", "recommended", "fast"]) expect(typeof levels[level]?.fee_rate).toBe("string");
  });

  it("rejects invalid input, naming each field", async () => {
    const res = await estimate(alice.token, { token_id: "XTN", from_address: funded.address, amount: 0.1 });
    expect(res.status).toBe(422);
    expect(errorPaths(res.body)).toEqual(["body.amount", "body.to_address"]);
    for (const amount of ["0", "-1", "1e5", "01", "1."]) {
      const r = await estimate(alice.token, { ...req(), amount });
      expect(r.status, amount).toBe(422);
      expect(errorPaths(r.body)).toEqual(["body.amount"]);
    }
    const notMine = await estimate(alice.token, { ...req(), from_address: EXTERNAL_XTN });
    expect(notMine.status).toBe(422);
    expect(errorPaths(notMine.body)).toEqual(["body.from_address"]);
    const otherChain = await estimate(alice.token, { ...req(), token_id: "SETH" });
    expect(otherChain.status).toBe(422);
    expect(errorPaths(otherChain.body)).toEqual(["body.token_id"]);
    const unknownToken = await estimate(alice.token, { ...req(), token_id: "NOPE_TOKEN" });
    expect(unknownToken.status).toBe(422);
    expect(errorPaths(unknownToken.body)).toEqual(["body.token_id"]);
  });

  it("another user's wallet is not found; a token is required", async () => {
    expect((await estimate(bob.token, req())).status).toBe(404);
    expect((await estimate(undefined, req())).status).toBe(401);
    expectExpiredTokenRefused(await estimate(await expiredAccessToken(alice), req()));
  });
});

describe("POST /api/v1/wallets/{wallet_id}/transfers", () => {
  it("stores the transfer, submits it once, and exposes Cobo's transaction id", async () => {
    const key = randomUUID();
    const res = await send(alice, funded.walletId, key, body({ description: "rent" }));
    expect(res.status, res.text).toBe(201);
    const tx = (res.body as { transaction: Tx }).transaction;
    expect(tx).toMatchObject({ wallet_id: funded.walletId, type: "Withdrawal", amount: "0.01", fee: { token_id: "XTN" } });
    expect(tx.cobo_transaction_id).toEqual(expect.any(String));
    expect(tx.status).not.toBe("Created");

    const atCobo = await coboTransactionsWithRequestId(tx.request_id);
    expect(atCobo.map((t) => t.transaction_id)).toEqual([tx.cobo_transaction_id]);
    const row = await app.db.transaction.findUniqueOrThrow({
      where: { id: tx.id },
      include: { history: { orderBy: { occurredAt: "asc" } } },
    });
    expect(row).toMatchObject({ userId: alice.id, idempotencyKey: key, coboTransactionId: tx.cobo_transaction_id });
    expect(row.history.map((h) => [h.fromStatus, h.toStatus, h.source])).toEqual([
      [null, "Created", "api"],
      ["Created", tx.status, "api"],
    ]);
  });

  it("the same key with the same body is the same transaction (one at Cobo); with another body it is a conflict", async () => {
    const key = randomUUID();
    const first = await send(alice, funded.walletId, key, body({ amount: "0.02" }));
    expect(first.status).toBe(201);
    const tx = (first.body as { transaction: Tx }).transaction;
    const withdrawalsBefore = (await getCoboGateway().listTransactions({ wallet_ids: [funded.walletId], types: ["Withdrawal"], limit: 50 }))
      .data.length;

    const again = await send(alice, funded.walletId, key, body({ amount: "0.02" }));
    expect(again.status).toBe(200);
    expect((again.body as { transaction: Tx }).transaction).toMatchObject({ id: tx.id, cobo_transaction_id: tx.cobo_transaction_id });

    const different = await send(alice, funded.walletId, key, body({ amount: "0.03" }));
    expect(different.status).toBe(409);
    expect((different.body as Problem).code).toBe("conflict");

    expect(await coboTransactionsWithRequestId(tx.request_id)).toHaveLength(1);
    const withdrawalsAfter = (await getCoboGateway().listTransactions({ wallet_ids: [funded.walletId], types: ["Withdrawal"], limit: 50 }))
      .data.length;
    expect(withdrawalsAfter).toBe(withdrawalsBefore);
    expect(await app.db.transaction.count({ where: { userId: alice.id, idempotencyKey: key } })).toBe(1);
  });

  it("two concurrent requests with one key make one transaction", async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([send(alice, funded.walletId, key, body()), send(alice, funded.walletId, key, body())]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const ids = [a, b].map((r) => (r.body as { transaction: Tx }).transaction.id);
    expect(ids[0]).toBe(ids[1]);
    const requestId = (a.body as { transaction: Tx }).transaction.request_id;
    expect(await coboTransactionsWithRequestId(requestId)).toHaveLength(1);
  });

  it("a transfer whose Cobo answer was lost is completed by the retry with the same request_id", async () => {
    // Cobo gets the transfer but every answer is lost (502), the gateway's own retries included.
    const key = randomUUID();
    const failed = await withLossyCobo(
      app.sandbox,
      (method, path) => method === "POST" && path === "/v2/transactions/transfer",
      () => send(alice, funded.walletId, key, body({ amount: "0.015" })),
    );
    expect(failed.status).toBe(503);
    expect((failed.body as Problem).code).toBe("cobo_unavailable");
    const row = await app.db.transaction.findFirstOrThrow({ where: { userId: alice.id, idempotencyKey: key } });
    expect(row).toMatchObject({ status: "Created", coboTransactionId: null });
    // Cobo did create it (once, despite the gateway's retries): only the answer was lost.
    const atCobo = await coboTransactionsWithRequestId(row.requestId);
    expect(atCobo).toHaveLength(1);

    const retried = await send(alice, funded.walletId, key, body({ amount: "0.015" }));
    expect(retried.status).toBe(200);
    const tx = (retried.body as { transaction: Tx }).transaction;
    expect(tx).toMatchObject({ id: row.id, request_id: row.requestId, cobo_transaction_id: atCobo[0]?.transaction_id });
    expect(tx.status).not.toBe("Created");
    expect(await coboTransactionsWithRequestId(row.requestId)).toHaveLength(1);
    const timeline = await app.db.transactionStatusChange.findMany({ where: { transactionId: row.id }, orderBy: { occurredAt: "asc" } });
    expect(timeline.at(-1)?.note).toMatch(/resumed/);
  });

  it("a transfer stored as Created by a process that died before calling Cobo is sent by the retry", async () => {
    const key = randomUUID();
    const input = body({ amount: "0.011" });
    const wallet = await app.db.wallet.findUniqueOrThrow({ where: { coboWalletId: funded.walletId } });
    const row = await app.db.transaction.create({
      data: {
        requestId: randomUUID(),
        walletId: wallet.id,
        type: "Withdrawal",
        chainId: "XTN",
        tokenId: "XTN",
        amount: "0.011",
        feeTokenId: "XTN",
        feeParams: FEE,
        sourceAddress: funded.address,
        destinationAddress: EXTERNAL_XTN,
        status: "Created",
        userId: alice.id,
        idempotencyKey: key,
        requestHash: transferRequestHash(funded.walletId, input as TransferInput),
      },
    });
    expect(await coboTransactionsWithRequestId(row.requestId)).toHaveLength(0);
    const res = await send(alice, funded.walletId, key, input);
    expect(res.status).toBe(200);
    const tx = (res.body as { transaction: Tx }).transaction;
    expect(tx.id).toBe(row.id);
    expect((await coboTransactionsWithRequestId(row.requestId)).map((t) => t.transaction_id)).toEqual([tx.cobo_transaction_id]);
  });

  it("a transfer Cobo refuses (insufficient balance) fails, and the same key answers that failure", async () => {
    const key = randomUUID();
    const res = await send(alice, funded.walletId, key, body({ amount: "5" }));
    expect(res.status).toBe(422);
    expect((res.body as Problem).code).toBe("invalid_input");
    expect(errorPaths(res.body)).toEqual(["body.amount"]);
    const again = await send(alice, funded.walletId, key, body({ amount: "5" }));
    expect(again.status).toBe(200);
    const tx = (again.body as { transaction: Tx }).transaction;
    expect(tx).toMatchObject({ status: "Failed", cobo_transaction_id: null });
    expect(tx.failed_reason).toMatch(/30012/);
    expect(await coboTransactionsWithRequestId(tx.request_id)).toHaveLength(0);
  });

  it("requires a valid Idempotency-Key and a valid body, naming the fields; nothing is stored", async () => {
    const before = await app.db.transaction.count();
    const noKey = await send(alice, funded.walletId, null, body());
    expect(noKey.status).toBe(422);
    expect(errorPaths(noKey.body)).toEqual(["header.idempotency-key"]);
    const shortKey = await send(alice, funded.walletId, "short", body());
    expect(shortKey.status).toBe(422);
    expect(errorPaths(shortKey.body)).toEqual(["header.idempotency-key"]);

    const bad = await send(alice, funded.walletId, randomUUID(), {
      token_id: "XTN",
      from_address: funded.address,
      amount: 1,
      fee: { fee_type: "UTXO", token_id: "XTN" },
    });
    expect(bad.status).toBe(422);
    expect(errorPaths(bad.body)).toEqual(["body.amount", "body.fee.fee_rate", "body.to_address"]);
    const badFeeType = await send(alice, funded.walletId, randomUUID(), body({ fee: { fee_type: "Cheap", token_id: "XTN" } as never }));
    expect(badFeeType.status).toBe(422);
    expect(errorPaths(badFeeType.body)).toEqual(["body.fee.fee_type"]);
    const zero = await send(alice, funded.walletId, randomUUID(), body({ amount: "0.000" }));
    expect(errorPaths(zero.body)).toEqual(["body.amount"]);

    const notMine = await send(alice, funded.walletId, randomUUID(), body({ from_address: EXTERNAL_XTN }));
    expect(notMine.status).toBe(422);
    expect(errorPaths(notMine.body)).toEqual(["body.from_address"]);
    const wrongFeeToken = await send(alice, funded.walletId, randomUUID(), body({ fee: { ...FEE, token_id: "SETH" } }));
    expect(wrongFeeToken.status).toBe(422);
    expect(errorPaths(wrongFeeToken.body)).toEqual(["body.fee.token_id"]);
    const tooPrecise = await send(alice, funded.walletId, randomUUID(), body({ amount: "0.000000001" }));
    expect(tooPrecise.status).toBe(422);
    expect(errorPaths(tooPrecise.body)).toEqual(["body.amount"]);
    expect(await app.db.transaction.count()).toBe(before);
  });

  it("another user's wallet is not found; a token is required", async () => {
    const before = await app.db.transaction.count();
    expect((await send(bob, funded.walletId, randomUUID(), body())).status).toBe(404);
    expect((await send({ token: "" }, funded.walletId, randomUUID(), body())).status).toBe(401);
    expectExpiredTokenRefused(await send({ token: await expiredAccessToken(alice) }, funded.walletId, randomUUID(), body()));
    expect(await app.db.transaction.count()).toBe(before);
  });

  it("a paused user's transfer is refused with 403 before anything is stored or sent", async () => {
    const before = await app.db.transaction.count();
    await app.db.user.update({ where: { id: alice.id }, data: { status: "paused" } });
    try {
      const res = await send(alice, funded.walletId, randomUUID(), body());
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: "forbidden" });
    } finally {
      await app.db.user.update({ where: { id: alice.id }, data: { status: "active" } });
    }
    expect(await app.db.transaction.count()).toBe(before);
  });

  it("answers a replay of an existing Idempotency-Key without charging the rate limit, even once it is spent", async () => {
    const first = await send(alice, funded.walletId, "replay-before-limit", body({ amount: "0.0001" }));
    expect(first.status, first.text).toBe(201);
    const id = (first.body as { transaction: { id: string } }).transaction.id;
    // More retries than the limit (10 a minute) allows requests: each is the same transfer's replay.
    for (let i = 0; i < 12; i++) {
      const again = await send(alice, funded.walletId, "replay-before-limit", body({ amount: "0.0001" }));
      expect(again.status, again.text).toBe(200);
      expect((again.body as { transaction: { id: string } }).transaction.id).toBe(id);
    }
    // The replays charged nothing: nine new transfers still fit (one was charged), the next does not.
    for (let i = 0; i < 9; i++)
      expect((await send(alice, funded.walletId, `after-replays-${i}`, body({ from_address: EXTERNAL_XTN }))).status).not.toBe(429);
    expect((await send(alice, funded.walletId, "one-too-many", body({ from_address: EXTERNAL_XTN }))).status).toBe(429);
    // ...and a replay is still answered.
    expect((await send(alice, funded.walletId, "replay-before-limit", body({ amount: "0.0001" }))).status).toBe(200);
  });

  it("is rate limited per user", async () => {
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++) {
      // A key already used with another body answers 409 without reaching Cobo, but still counts.
      status = (await send(alice, funded.walletId, "rate-limit-key-1", body({ amount: `0.00${i + 1}` }))).status;
    }
    expect(status).toBe(429);
  });
});

describe("GET /api/v1/transactions and /api/v1/transactions/{transaction_id}", () => {
  it("lists the caller's transactions newest first, with filters and cursor paging", async () => {
    const all: Tx[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/transactions?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await call(listTransactions, { path, token: alice.token });
      expect(res.status, res.text).toBe(200);
      const page = res.body as { data: Tx[]; next_cursor: string | null };
      all.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    const rows = await app.db.transaction.findMany({
      where: { wallet: { vault: { userId: alice.id } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(all.map((t) => t.id)).toEqual(rows.map((r) => r.id));
    expect(all.some((t) => t.type === "Deposit" && t.status === "Completed" && t.amount === "1")).toBe(true);

    const deposits = await call(listTransactions, {
      path: `/api/v1/transactions?type=Deposit&wallet_id=${funded.walletId}`,
      token: alice.token,
    });
    expect((deposits.body as { data: Tx[] }).data.every((t) => t.type === "Deposit" && t.wallet_id === funded.walletId)).toBe(true);
    const failed = await call(listTransactions, { path: "/api/v1/transactions?status=Failed", token: alice.token });
    expect((failed.body as { data: Tx[] }).data.every((t) => t.status === "Failed")).toBe(true);

    expect((await call(listTransactions, { path: "/api/v1/transactions", token: bob.token })).body).toEqual({
      data: [],
      next_cursor: null,
    });
    expect((await call(listTransactions, { path: `/api/v1/transactions?wallet_id=${funded.walletId}`, token: bob.token })).status).toBe(
      404,
    );
  });

  it("rejects bad queries and needs a token", async () => {
    const badCursor = await call(listTransactions, { path: "/api/v1/transactions?cursor=garbage", token: alice.token });
    expect(badCursor.status).toBe(422);
    expect(errorPaths(badCursor.body)).toEqual(["query.cursor"]);
    const badLimit = await call(listTransactions, { path: "/api/v1/transactions?limit=0&status=not%20a%20status", token: alice.token });
    expect(badLimit.status).toBe(422);
    expect(errorPaths(badLimit.body)).toEqual(["query.limit", "query.status"]);
    expect((await call(listTransactions, { path: "/api/v1/transactions" })).status).toBe(401);
    expectExpiredTokenRefused(await call(listTransactions, { path: "/api/v1/transactions", token: await expiredAccessToken(alice) }));
  });

  it("reads one transaction by our id or Cobo's, with its timeline; other users get 404", async () => {
    const sent = await send(alice, funded.walletId, randomUUID(), body({ amount: "0.012" }));
    const tx = (sent.body as { transaction: Tx }).transaction;
    const byOurs = await call(getTransaction, {
      path: `/api/v1/transactions/${tx.id}`,
      params: { transaction_id: tx.id },
      token: alice.token,
    });
    expect(byOurs.status).toBe(200);
    const detail = byOurs.body as Tx & { timeline: Timeline };
    expect(detail.timeline[0]).toMatchObject({ from_status: null, to_status: "Created", source: "api", applied: true });
    const coboId = tx.cobo_transaction_id ?? "";
    const byCobo = await call(getTransaction, {
      path: `/api/v1/transactions/${coboId}`,
      params: { transaction_id: coboId },
      token: alice.token,
    });
    expect((byCobo.body as Tx).id).toBe(tx.id);

    expect((await call(getTransaction, { path: "/x", params: { transaction_id: tx.id }, token: bob.token })).status).toBe(404);
    expect((await call(getTransaction, { path: "/x", params: { transaction_id: coboId }, token: bob.token })).status).toBe(404);
    const bad = await call(getTransaction, { path: "/x", params: { transaction_id: "no/such id" }, token: alice.token });
    expect(bad.status).toBe(422);
    expect(errorPaths(bad.body)).toEqual(["path.transaction_id"]);
    expect((await call(getTransaction, { path: "/x", params: { transaction_id: tx.id } })).status).toBe(401);
    expectExpiredTokenRefused(
      await call(getTransaction, { path: "/x", params: { transaction_id: tx.id }, token: await expiredAccessToken(alice) }),
    );
  });
});

describe("POST /api/v1/transactions/{transaction_id}/reports", () => {
  it("records the app's report on the timeline without changing the transaction", async () => {
    const sent = await send(alice, funded.walletId, randomUUID(), body({ amount: "0.013" }));
    const tx = (sent.body as { transaction: Tx }).transaction;
    const before = await app.db.transaction.findUniqueOrThrow({ where: { id: tx.id } });
    const params = { transaction_id: tx.cobo_transaction_id ?? "" };
    const res = await call(reportTransaction, {
      path: "/x",
      params,
      token: alice.token,
      body: { status: "completed", message: "SDK says 190" },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ to_status: "completed", source: "app", applied: false, note: "app: SDK says 190" });
    const after = await app.db.transaction.findUniqueOrThrow({ where: { id: tx.id } });
    expect(after.status).toBe(before.status);
    const detail = await call(getTransaction, { path: "/x", params, token: alice.token });
    expect((detail.body as { timeline: Timeline }).timeline.at(-1)).toMatchObject({
      to_status: "completed",
      applied: false,
      source: "app",
    });
  });

  it("validates the report, hides other users' transactions and needs a token", async () => {
    const row = await app.db.transaction.findFirstOrThrow({ where: { wallet: { coboWalletId: funded.walletId } } });
    const params = { transaction_id: row.id };
    const bad = await call(reportTransaction, {
      path: "/x",
      params,
      token: alice.token,
      body: { status: "done", message: "x".repeat(501) },
    });
    expect(bad.status).toBe(422);
    expect(errorPaths(bad.body)).toEqual(["body.message", "body.status"]);
    expect((await call(reportTransaction, { path: "/x", params, token: bob.token, body: { status: "approved" } })).status).toBe(404);
    expect((await call(reportTransaction, { path: "/x", params, body: { status: "approved" } })).status).toBe(401);
    expectExpiredTokenRefused(
      await call(reportTransaction, { path: "/x", params, token: await expiredAccessToken(alice), body: { status: "approved" } }),
    );
  });
});

describe("applyTransactionUpdate", () => {
  const at = (s: number) => 1_800_000_000_000 + s * 1000;
  function lifecycle(txId: string, walletId: string, requestId: string): CoboTransaction[] {
    const base = { transaction_id: txId, request_id: requestId, wallet_id: walletId, type: "Withdrawal", chain_id: "XTN", token_id: "XTN" };
    return [
      { ...base, status: "Submitted", updated_timestamp: at(1) },
      { ...base, status: "PendingScreening", updated_timestamp: at(2) },
      { ...base, status: "PendingSignature", sub_status: "PendingApprovalStart", updated_timestamp: at(3) },
      { ...base, status: "PendingSignature", sub_status: "PendingSignerApproval", updated_timestamp: at(4) },
      { ...base, status: "Broadcasting", transaction_hash: "ab".repeat(32), updated_timestamp: at(5) },
      {
        ...base,
        status: "Confirming",
        sub_status: "PendingBlockConfirmations",
        transaction_hash: "ab".repeat(32),
        confirmed_num: 0,
        confirming_threshold: 2,
        updated_timestamp: at(6),
      },
      {
        ...base,
        status: "Confirming",
        sub_status: "PendingBlockConfirmations",
        transaction_hash: "ab".repeat(32),
        confirmed_num: 1,
        confirming_threshold: 2,
        updated_timestamp: at(7),
      },
      {
        ...base,
        status: "Completed",
        transaction_hash: "ab".repeat(32),
        confirmed_num: 2,
        confirming_threshold: 2,
        fee: { fee_type: "UTXO", token_id: "XTN", fee_rate: "5", fee_used: "0.0000125" },
        updated_timestamp: at(8),
      },
    ];
  }

  async function createdRow(): Promise<{ id: string; requestId: string }> {
    const wallet = await app.db.wallet.findUniqueOrThrow({ where: { coboWalletId: funded.walletId } });
    return app.db.transaction.create({
      data: {
        requestId: randomUUID(),
        walletId: wallet.id,
        type: "Withdrawal",
        chainId: "XTN",
        tokenId: "XTN",
        amount: "0.5",
        status: "Created",
        userId: alice.id,
      },
      select: { id: true, requestId: true },
    });
  }

  const state = (id: string) =>
    app.db.transaction.findUniqueOrThrow({
      where: { id },
      select: {
        status: true,
        subStatus: true,
        transactionHash: true,
        confirmedNum: true,
        confirmingThreshold: true,
        feeAmount: true,
        feeTokenId: true,
        coboUpdatedAt: true,
      },
    });

  it("in order, reversed, shuffled and duplicated reports all end in the same state, never moving back", async () => {
    const inOrder = await createdRow();
    const events = lifecycle(randomUUID(), funded.walletId, inOrder.requestId);
    for (const e of events) await applyTransactionUpdate({ coboTransaction: e, source: "webhook" });
    const expected = await state(inOrder.id);
    expect(expected).toMatchObject({
      status: "Completed",
      subStatus: null,
      transactionHash: "ab".repeat(32),
      confirmedNum: 2,
      confirmingThreshold: 2,
      feeTokenId: "XTN",
    });
    expect(expected.feeAmount?.toFixed()).toBe("0.0000125");
    const history = await app.db.transactionStatusChange.findMany({ where: { transactionId: inOrder.id }, orderBy: { occurredAt: "asc" } });
    // Confirmations refresh the row without a timeline entry; every status change has one.
    expect(history.filter((h) => h.applied).map((h) => h.toStatus)).toEqual([
      "Submitted",
      "PendingScreening",
      "PendingSignature",
      "PendingSignature",
      "Broadcasting",
      "Confirming",
      "Completed",
    ]);
    const events2 = await app.db.appUserEvent.count({ where: { userId: alice.id, subjectId: events[0]?.transaction_id } });
    expect(events2).toBe(7);

    const orders = [
      (l: CoboTransaction[]) => [...l].reverse(),
      (l: CoboTransaction[]) => [l[7], l[2], l[0], l[5], l[7], l[1], l[6], l[3], l[4], l[0], l[6]],
      (l: CoboTransaction[]) => [...l, ...l, ...l],
    ];
    for (const order of orders) {
      const row = await createdRow();
      const list = order(lifecycle(randomUUID(), funded.walletId, row.requestId)).filter((e): e is CoboTransaction => e !== undefined);
      for (const e of list) await applyTransactionUpdate({ coboTransaction: e, source: "webhook" });
      expect(await state(row.id)).toEqual(expected);
    }
  });

  it("a duplicate adds nothing; a late report is recorded as not applied", async () => {
    const row = await createdRow();
    const [submitted, , signing] = lifecycle(randomUUID(), funded.walletId, row.requestId);
    const first = await applyTransactionUpdate({ coboTransaction: signing!, source: "webhook" });
    expect(first).toMatchObject({ found: true, created: false, applied: true, transactionId: row.id, status: "PendingSignature" });
    const dup = await applyTransactionUpdate({ coboTransaction: signing!, source: "poll" });
    expect(dup).toMatchObject({ found: true, applied: false, status: "PendingSignature" });
    const late = await applyTransactionUpdate({ coboTransaction: submitted!, source: "webhook" });
    expect(late).toMatchObject({ applied: false, status: "PendingSignature" });
    const history = await app.db.transactionStatusChange.findMany({ where: { transactionId: row.id }, orderBy: { occurredAt: "asc" } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.applied])).toEqual([
      ["Created", "PendingSignature", true],
      ["PendingSignature", "Submitted", false],
    ]);
  });

  it("creates a deposit to one of our wallets once, even when reported concurrently; ignores other wallets", async () => {
    const coboId = randomUUID();
    const deposit: CoboTransaction = {
      transaction_id: coboId,
      request_id: "",
      wallet_id: funded.walletId,
      type: "Deposit",
      status: "Confirming",
      sub_status: "PendingBlockConfirmations",
      chain_id: "XTN",
      token_id: "XTN",
      source: { source_type: "DepositFromAddress", addresses: [EXTERNAL_XTN] },
      destination: { destination_type: "DepositToAddress", address: funded.address, amount: "0.000000012345" },
      confirmed_num: 0,
      confirming_threshold: 2,
      updated_timestamp: at(1),
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => applyTransactionUpdate({ coboTransaction: deposit, source: "webhook" })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await app.db.transaction.findMany({ where: { coboTransactionId: coboId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: "Deposit",
      requestId: `cobo:${coboId}`,
      sourceAddress: EXTERNAL_XTN,
      destinationAddress: funded.address,
      status: "Confirming",
    });
    expect(rows[0]?.amount.toFixed()).toBe("0.000000012345");
    expect(await app.db.transactionStatusChange.count({ where: { transactionId: rows[0]?.id } })).toBe(1);

    const foreign = await applyTransactionUpdate({
      coboTransaction: { ...deposit, transaction_id: randomUUID(), wallet_id: randomUUID() },
      source: "webhook",
    });
    expect(foreign).toEqual({ found: false, created: false, applied: false, transactionId: null, status: null });
  });
});

describe("the guide's journey through the API", () => {
  it("sign up → node → vault → Main Group → device approves → wallet → address → deposit → fee → transfer → device approves → Completed", async () => {
    const user = await newAppUser("journey");
    const device = await createDevice(app.sandbox, "journey");
    expect((await call(registerNode, { path: "/api/v1/tss-nodes", token: user.token, body: { tss_node_id: device.nodeId } })).status).toBe(
      201,
    );
    expect((await call(createVault, { path: "/api/v1/vault", method: "POST", token: user.token })).status).toBe(201);
    const group = await call(createMainGroup, {
      path: "/api/v1/vault/main-group",
      token: user.token,
      body: { tss_node_id: device.nodeId },
    });
    expect(group.status).toBe(201);
    const tssRequestId = (group.body as { tss_request_id: string }).tss_request_id;

    // The device sees the KeyGen request through the relay, approves it; Cobo reports Success.
    await waitFor(
      async () => (await device.pendingTss()).some((r) => r.tss_request_id === tssRequestId),
      "the device to see the KeyGen request",
    );
    await device.approveTss([tssRequestId]);
    await waitFor(async () => (await syncTssRequest(tssRequestId)).status === "Success", "key generation to succeed");

    const wallet = await call(createWallet, { path: "/api/v1/wallets", token: user.token, body: { name: "Journey" } });
    expect(wallet.status).toBe(201);
    const walletId = (wallet.body as Wallet).wallet_id;
    const params = { wallet_id: walletId };
    const addr = await call(createAddress, {
      path: `/api/v1/wallets/${walletId}/addresses`,
      params,
      token: user.token,
      body: { chain_id: "XTN" },
    });
    expect(addr.status).toBe(201);
    const address = (addr.body as Address).address;

    const deposit = await simulateDeposit(app.sandbox, address, "0.5");
    await waitFor(async () => (await syncTransaction(deposit.transaction_id)).status === "Completed", "the deposit to complete");
    const bal = await call(balances, { path: `/api/v1/wallets/${walletId}/balances`, params, token: user.token });
    expect((bal.body as { data: { balance: { available: string } }[] }).data[0]?.balance.available).toBe("0.5");

    const fee = await call(estimateFee, {
      path: "/x",
      params,
      token: user.token,
      body: { token_id: "XTN", from_address: address, to_address: EXTERNAL_XTN, amount: "0.1" },
    });
    expect(fee.status).toBe(200);
    const recommended = fee.body as { token_id: string; fee_type: string; recommended: { fee_rate: string } };
    const sent = await send(user, walletId, randomUUID(), {
      token_id: "XTN",
      from_address: address,
      to_address: EXTERNAL_XTN,
      amount: "0.1",
      fee: { fee_type: recommended.fee_type, token_id: recommended.token_id, fee_rate: recommended.recommended.fee_rate },
    });
    expect(sent.status, sent.text).toBe(201);
    const tx = (sent.body as { transaction: Tx }).transaction;
    const coboId = tx.cobo_transaction_id ?? "";

    // The app hands Cobo's id to the SDK: the device sees it, approves, Cobo signs and completes.
    await waitFor(
      async () => (await device.pendingTransactions()).some((t) => t.transaction_id === coboId),
      "the device to see the transfer",
    );
    await device.approveTransactions([coboId]);
    await waitFor(async () => (await syncTransaction(coboId)).status === "Completed", "the transfer to complete");

    const detail = await call(getTransaction, { path: "/x", params: { transaction_id: coboId }, token: user.token });
    const done = detail.body as Tx & { timeline: Timeline };
    expect(done).toMatchObject({ status: "Completed", amount: "0.1", fee: { token_id: "XTN", amount: "0.0000125" } });
    expect(done.transaction_hash).toMatch(/^[0-9a-f]{64}$/);
    const applied = done.timeline.filter((e) => e.applied).map((e) => e.to_status);
    expect(applied[0]).toBe("Created");
    expect(applied.at(-1)).toBe("Completed");
    // Statuses only ever moved forward.
    const order = [
      "Created",
      "Submitted",
      "PendingScreening",
      "PendingAuthorization",
      "PendingSignature",
      "Broadcasting",
      "Confirming",
      "Completed",
    ];
    const ranks = applied.map((s) => order.indexOf(s));
    expect(ranks.every((r, i) => r >= 0 && (i === 0 || r >= (ranks[i - 1] ?? 0)))).toBe(true);

    const after = await call(balances, { path: `/api/v1/wallets/${walletId}/balances`, params, token: user.token });
    expect((after.body as { data: { balance: { total: string } }[] }).data[0]?.balance.total).toBe("0.3999875");
  }, 240_000);
});
