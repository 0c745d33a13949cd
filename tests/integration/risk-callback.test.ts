import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/callbacks/cobo/route";
import { POST as createAddress } from "@/app/api/v1/wallets/[wallet_id]/addresses/route";
import { POST as transfer } from "@/app/api/v1/wallets/[wallet_id]/transfers/route";
import { POST as createWalletRoute } from "@/app/api/v1/wallets/route";
import { getCoboGateway } from "@/lib/cobo/client";
import type { Transaction as CoboTransaction } from "@/lib/cobo/types";
import { createDb, dbSlot } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { runConsoleActionAs } from "@/lib/http/console-action";
import {
  createAddressRuleAction,
  createRiskLimitAction,
  deleteAddressRuleAction,
  deleteRiskLimitAction,
} from "@/app/(console)/risk/actions";
import { pauseUserAction, unpauseUserAction } from "@/app/(console)/users/[id]/actions";
import type { ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { getRiskDecision } from "@/lib/console/get-risk-decision";
import { listAddressRules } from "@/lib/console/list-address-rules";
import { listRiskDecisions } from "@/lib/console/list-risk-decisions";
import { listRiskLimits } from "@/lib/console/list-risk-limits";
import { applyTransactionUpdate } from "@/lib/server/transactions/apply-transaction-update";
import { syncTransaction } from "@/lib/server/transactions/sync-transaction";
import { applyWebhookEvent } from "@/lib/server/webhooks/apply-webhook-event";
import { receiveWebhook } from "@/lib/http/cobo-webhook";
import { call, setupAppHarness } from "../helpers/app-harness";
import { readyAppUser, simulateDeposit, waitFor } from "../helpers/device";
import { sandboxAvailable, sandboxRequest } from "../helpers/sandbox";

// The risk-control callback endpoint against a real database: requests signed like Cobo's
// (Ed25519 over SHA256(SHA256(`${rawBody}|${timestamp}`)), docs/cobo.md#inbound-signatures) with a test key the app is
// configured to trust. The sandbox signs its own callbacks with the same key (its signing seed is
// placed in its data folder before it starts), so the last part can let the sandbox itself ask
// the endpoint before signing real sandbox withdrawals.

const SEED = randomBytes(32);
const PUBLIC_KEY = bytesToHex(ed25519.getPublicKey(SEED));
const SANDBOX_DATA = mkdtempSync(path.join(tmpdir(), "ucw-risk-sandbox-"));
mkdirSync(path.join(SANDBOX_DATA, "sandbox"), { recursive: true });
writeFileSync(path.join(SANDBOX_DATA, "sandbox", "webhook-signing-key"), `${bytesToHex(SEED)}\n`, { mode: 0o600 });

const CALLBACK_PATH = "/api/callbacks/cobo";
// A webhook endpoint a test registers at the sandbox itself (not the harness's default one, so the
// other tests get no webhooks); each stored event is applied before the delivery is answered.
const OUTSIDE_WEBHOOK_PATH = "/test/webhooks";
// Runs before the callback endpoint answers the sandbox (a test sets it to order events).
let beforeCallback: (rawBody: string) => Promise<void> = async () => undefined;
const app = setupAppHarness({
  env: { COBO_WEBHOOK_PUBLIC_KEY: PUBLIC_KEY },
  routes: {
    [CALLBACK_PATH]: async (req) => {
      await beforeCallback(await req.clone().text());
      return POST(req);
    },
    [OUTSIDE_WEBHOOK_PATH]: (req) =>
      receiveWebhook(req, async (id) => {
        await applyWebhookEvent(id);
      }),
  },
  sandbox: { env: { UCW_DATA_DIR: SANDBOX_DATA } },
});
afterAll(() => rmSync(SANDBOX_DATA, { recursive: true, force: true }));

// ---------- signing and posting ----------

function sign(rawBody: string, timestamp: string, seed: Uint8Array = SEED): string {
  return bytesToHex(ed25519.sign(sha256(sha256(utf8ToBytes(`${rawBody}|${timestamp}`))), seed));
}

type Signed = { rawBody: string; timestamp?: string; signature?: string | null; headers?: Record<string, string> };

async function ask({ rawBody, timestamp = String(Date.now()), signature, headers = {} }: Signed) {
  const sig = signature === undefined ? sign(rawBody, timestamp) : signature;
  return call(POST, {
    method: "POST",
    path: CALLBACK_PATH,
    rawBody,
    headers: {
      "content-type": "application/json",
      "biz-timestamp": timestamp,
      ...(sig === null ? {} : { "biz-resp-signature": sig }),
      ...headers,
    },
  });
}

// ---------- our records and Cobo's view of them ----------

type Owner = { userId: string; vaultId: string };
type OurWallet = Owner & { walletId: string; coboWalletId: string; sourceAddress: string };
type Withdrawal = OurWallet & {
  rowId: string;
  requestId: string;
  coboTransactionId: string;
  chainId: string;
  tokenId: string;
  amount: string;
  destinationAddress: string;
  destinationMemo: string | null;
};

const hex40 = () => `0x${randomBytes(20).toString("hex")}`;

async function newOwner(status: "active" | "paused" = "active"): Promise<Owner> {
  const user = await app.db.user.create({ data: { email: `risk-${randomUUID()}@example.com`, status } });
  const vault = await app.db.vault.create({
    data: { userId: user.id, name: `ucw-${user.id}`, coboProjectId: "project", coboVaultId: randomUUID() },
  });
  return { userId: user.id, vaultId: vault.id };
}

async function newWallet(owner: Owner, coboWalletId: string = randomUUID(), sourceAddress: string = hex40()): Promise<OurWallet> {
  const wallet = await app.db.wallet.create({ data: { vaultId: owner.vaultId, coboWalletId, name: "Main" } });
  return { ...owner, walletId: wallet.id, coboWalletId, sourceAddress };
}

async function newWithdrawal(
  wallet?: OurWallet,
  over: Partial<Pick<Withdrawal, "chainId" | "tokenId" | "amount" | "destinationAddress" | "destinationMemo" | "requestId">> & {
    status?: string;
    createdAt?: Date;
    type?: string;
  } = {},
): Promise<Withdrawal> {
  const w = wallet ?? (await newWallet(await newOwner()));
  const data = {
    requestId: over.requestId ?? randomUUID(),
    chainId: over.chainId ?? "SETH",
    tokenId: over.tokenId ?? "SETH",
    amount: over.amount ?? "1.5",
    destinationAddress: over.destinationAddress ?? hex40(),
    destinationMemo: over.destinationMemo ?? null,
  };
  const row = await app.db.transaction.create({
    data: {
      ...data,
      amount: new Prisma.Decimal(data.amount),
      walletId: w.walletId,
      type: over.type ?? "Withdrawal",
      status: over.status ?? "Submitted",
      sourceAddress: w.sourceAddress,
      // As createTransfer stores it: the requesting user, the app's idempotency key, the initiator.
      userId: w.userId,
      idempotencyKey: randomUUID(),
      initiator: `user:${w.userId}`,
      ...(over.createdAt ? { createdAt: over.createdAt } : {}),
    },
  });
  return { ...w, ...data, rowId: row.id, coboTransactionId: randomUUID() };
}

type CoboTx = Record<string, unknown> & { destination: Record<string, unknown>; source: Record<string, unknown> };

/** The Transaction JSON Cobo sends for our withdrawal (the sandbox's wire format). */
function coboTx(w: Withdrawal, change: (tx: CoboTx) => void = () => undefined): string {
  const now = Date.now();
  const tx: CoboTx = {
    transaction_id: w.coboTransactionId,
    cobo_id: `${now}0000000001`,
    request_id: w.requestId,
    wallet_id: w.coboWalletId,
    type: "Withdrawal",
    status: "PendingAuthorization",
    sub_status: "PendingRiskControlCheck",
    chain_id: w.chainId,
    token_id: w.tokenId,
    source: {
      source_type: "User-Controlled",
      wallet_id: w.coboWalletId,
      address: w.sourceAddress,
      signer_key_share_holder_group_id: randomUUID(),
    },
    destination: {
      destination_type: "Address",
      account_output: { address: w.destinationAddress, amount: w.amount, ...(w.destinationMemo ? { memo: w.destinationMemo } : {}) },
    },
    fee: {
      fee_type: "EVM_EIP_1559",
      token_id: w.chainId,
      max_fee_per_gas: "1000000000",
      max_priority_fee_per_gas: "1000000",
      gas_limit: "21000",
    },
    initiator: "API",
    initiator_type: "API",
    confirming_threshold: 3,
    category: [],
    description: "",
    is_loop: false,
    created_timestamp: now,
    updated_timestamp: now,
  };
  change(tx);
  return JSON.stringify(tx);
}

function setOutput(tx: CoboTx, field: "address" | "amount" | "memo", value: string) {
  tx.destination.account_output = { ...(tx.destination.account_output as Record<string, unknown>), [field]: value };
}

/** Runs `act` and returns the one decision it recorded (by id, not by timestamp: asks can share a millisecond). */
async function recording<T>(act: () => Promise<T>) {
  const seen = (await app.db.riskDecision.findMany({ select: { id: true } })).map((d) => d.id);
  const result = await act();
  const fresh = await app.db.riskDecision.findMany({ where: { id: { notIn: seen } } });
  expect(fresh).toHaveLength(1);
  return { result, decision: fresh[0]! };
}

/** Every row a callback must never change (everything except the decision record). */
async function snapshot(): Promise<string> {
  const d = app.db;
  const byId = { orderBy: { id: "asc" as const } };
  return JSON.stringify(
    await Promise.all([
      d.user.findMany(byId),
      d.vault.findMany(byId),
      d.wallet.findMany(byId),
      d.transaction.findMany(byId),
      d.transactionStatusChange.findMany(byId),
      d.riskLimit.findMany(byId),
      d.riskAddressRule.findMany(byId),
      d.auditLog.findMany(byId),
      d.webhookEvent.findMany(byId),
    ]),
  );
}

async function consoleUser(role: "admin" | "support"): Promise<ConsoleIdentity> {
  const u = await app.db.consoleUser.create({ data: { email: `${role}-${randomUUID()}@example.com`, role } });
  return { id: u.id, email: u.email, name: null, role };
}

async function expectDecision(body: string, expected: { answer: "ok" | "deny"; reason: string }) {
  const { result: res, decision: d } = await recording(() => ask({ rawBody: body }));
  expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: expected.answer });
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  expect({ decision: d.decision, reason: d.reason.split(":")[0] }).toEqual({ decision: expected.answer, reason: expected.reason });
  return d;
}

// ---------- the tests ----------

describe("risk-control callback: our own withdrawal", () => {
  it("approves it with a plain-text ok and records the decision with Cobo's ids and the raw body", async () => {
    const w = await newWithdrawal();
    const body = coboTx(w);
    const { result: res, decision: d } = await recording(() => ask({ rawBody: body }));
    expect(res.status).toBe(200);
    expect(res.text).toBe("ok");
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(d).toMatchObject({
      decision: "ok",
      signatureResult: "valid",
      requestId: w.requestId,
      coboTransactionId: w.coboTransactionId,
      walletId: w.coboWalletId,
      rawBody: body,
    });
    expect(d.reason).toMatch(/^approved: /);
  });

  it("answers Cobo's retries of the same callback (fresh or first-attempt timestamps, however old) with the first decision, deciding nothing new", async () => {
    const w = await newWithdrawal();
    const body = coboTx(w);
    const first = String(Date.now() - 2 * 60 * 60 * 1000);
    expect((await ask({ rawBody: body, timestamp: first })).text).toBe("ok");
    // The rules change in between: a retry still gets the answer Cobo may already have acted on.
    await app.db.user.update({ where: { id: w.userId }, data: { status: "paused", pauseReason: "test", pausedAt: new Date() } });
    for (const timestamp of [first, String(Date.now()), String(Math.floor(Date.now() / 1000)), String(Math.floor(Number(first) / 1000))]) {
      const res = await ask({ rawBody: body, timestamp });
      expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: "ok" });
    }
    expect(await app.db.riskDecision.count({ where: { requestId: w.requestId } })).toBe(1);
    // Another withdrawal of the paused user is decided on its own.
    await expectDecision(coboTx(await newWithdrawal(w)), { answer: "deny", reason: "user_paused" });
  });

  it("compares amounts as decimals and EVM addresses without case, and checks a memo", async () => {
    const w = await newWithdrawal(undefined, { amount: "0.1", destinationMemo: "memo-7" });
    await expectDecision(
      coboTx(w, (tx) => {
        setOutput(tx, "amount", "0.100000000");
        setOutput(tx, "address", w.destinationAddress.toUpperCase().replace("0X", "0x"));
      }),
      { answer: "ok", reason: "approved" },
    );
    await expectDecision(
      coboTx(w, (tx) => setOutput(tx, "memo", "memo-8")),
      { answer: "deny", reason: "record_mismatch" },
    );
  });

  it("accepts the callback before we stored Cobo's transaction id, and denies a different id once stored", async () => {
    const w = await newWithdrawal();
    await app.db.transaction.update({ where: { id: w.rowId }, data: { coboTransactionId: w.coboTransactionId } });
    await expectDecision(coboTx(w), { answer: "ok", reason: "approved" });
    await expectDecision(
      coboTx(w, (tx) => (tx.transaction_id = randomUUID())),
      { answer: "deny", reason: "record_mismatch" },
    );
  });
});

describe("risk-control callback: requests that are not Cobo's, or not intact", () => {
  async function expectRefused(req: Signed, signatureResult: string, reason: string) {
    const w = await newWithdrawal();
    const before = await snapshot();
    const { result: res, decision: d } = await recording(() => ask({ ...req, rawBody: req.rawBody.replace("__BODY__", coboTx(w)) }));
    expect({ status: res.status, text: res.text }).toEqual({ status: 401, text: "deny" });
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(d).toMatchObject({ decision: "deny", signatureResult, requestId: null, coboTransactionId: null, walletId: null });
    expect(d.reason.split(":")[0]).toBe(reason);
    expect(d.rawBody.length).toBeLessThanOrEqual(4096);
    expect(await snapshot()).toBe(before);
    return d;
  }

  it("refuses a body signed with another key (forged)", async () => {
    const ts = String(Date.now());
    const w = await newWithdrawal();
    const body = coboTx(w);
    const d = await expectRefused(
      { rawBody: body, timestamp: ts, signature: sign(body, ts, randomBytes(32)) },
      "invalid",
      "signature_invalid",
    );
    expect(d.rawBody).toBe(body);
  });

  it("refuses a body changed after signing (tampered amount)", async () => {
    const w = await newWithdrawal();
    const ts = String(Date.now());
    const signed = coboTx(w);
    await expectRefused(
      { rawBody: signed.replace(`"amount":"1.5"`, `"amount":"1500"`), timestamp: ts, signature: sign(signed, ts) },
      "invalid",
      "signature_invalid",
    );
  });

  it("refuses a signature made for another timestamp", async () => {
    const w = await newWithdrawal();
    const body = coboTx(w);
    const ts = String(Date.now());
    await expectRefused({ rawBody: body, timestamp: ts, signature: sign(body, String(Number(ts) - 1)) }, "invalid", "signature_invalid");
  });

  it("refuses requests without the signature or the timestamp header, and garbage signatures", async () => {
    await expectRefused({ rawBody: "__BODY__", signature: null }, "missing", "signature_missing");
    const w = await newWithdrawal();
    const body = coboTx(w);
    const before = await snapshot();
    const { result: res, decision } = await recording(() =>
      call(POST, { method: "POST", path: CALLBACK_PATH, rawBody: body, headers: { "biz-resp-signature": sign(body, String(Date.now())) } }),
    );
    expect({ status: res.status, text: res.text }).toEqual({ status: 401, text: "deny" });
    expect(decision.signatureResult).toBe("missing");
    expect(await snapshot()).toBe(before);
    await expectRefused({ rawBody: "__BODY__", signature: "zz".repeat(64) }, "invalid", "signature_invalid");
    await expectRefused({ rawBody: "__BODY__", timestamp: "yesterday" }, "invalid", "signature_invalid");
  });

  it("refuses a timestamp that is no time, and counts every refusal (no body kept)", async () => {
    const before = await app.db.inboundRejectionCount.findUnique({
      where: { channel_reason: { channel: "callback", reason: "invalid_timestamp" } },
    });
    await expectRefused({ rawBody: "__BODY__", timestamp: "17963712" }, "invalid", "signature_invalid");
    const after = await app.db.inboundRejectionCount.findUniqueOrThrow({
      where: { channel_reason: { channel: "callback", reason: "invalid_timestamp" } },
    });
    expect(after.count).toBe((before?.count ?? 0n) + 1n);
    const sample = await app.db.inboundRejectionSample.findFirstOrThrow({
      where: { channel: "callback", reason: "invalid_timestamp" },
      orderBy: { receivedAt: "desc" },
    });
    expect(sample).toMatchObject({ timestampHeader: "17963712", bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(sample.bodyBytes).toBeGreaterThan(0);
  });

  it("refuses a body truncated in transit (the signature was for the whole body)", async () => {
    const w = await newWithdrawal();
    const body = coboTx(w);
    const ts = String(Date.now());
    await expectRefused(
      { rawBody: body.slice(0, body.length - 20), timestamp: ts, signature: sign(body, ts) },
      "invalid",
      "signature_invalid",
    );
  });

  it("refuses an oversized body, keeping only a short preview", async () => {
    const huge = `{"pad":"${"x".repeat(600 * 1024)}"}`;
    const d = await expectRefused({ rawBody: huge }, "too_large", "body_too_large");
    expect(d.rawBody).toBe(huge.slice(0, d.rawBody.length));
    expect(d.rawBody.length).toBeGreaterThan(0);
    // Over real HTTP, where the declared Content-Length alone refuses it.
    const ts = String(Date.now());
    const { result: res, decision } = await recording(async () => {
      const r = await fetch(`${app.routes.origin}${CALLBACK_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json", "biz-timestamp": ts, "biz-resp-signature": sign(huge, ts) },
        body: huge,
      });
      return { status: r.status, text: await r.text() };
    });
    expect(res).toEqual({ status: 401, text: "deny" });
    expect(decision).toMatchObject({ signatureResult: "too_large", decision: "deny" });
  });
});

describe("risk-control callback: verified, but not a withdrawal we can approve", () => {
  it("denies signed JSON that is truncated or not a Cobo Transaction, changing nothing", async () => {
    const w = await newWithdrawal();
    const before = await snapshot();
    const body = coboTx(w);
    await expectDecision(body.slice(0, 60), { answer: "deny", reason: "malformed_body" });
    const d = await expectDecision(JSON.stringify({ request_id: w.requestId, transaction_id: "t", status: "PendingAuthorization" }), {
      answer: "deny",
      reason: "malformed_body",
    });
    expect(d).toMatchObject({ signatureResult: "valid", requestId: w.requestId });
    await expectDecision(
      coboTx(w, (tx) => setOutput(tx, "amount", "1e3")),
      { answer: "deny", reason: "malformed_body" },
    );
    expect(await snapshot()).toBe(before);
  });

  it("denies a request_id we never created", async () => {
    const w = await newWithdrawal();
    await expectDecision(coboTx({ ...w, requestId: randomUUID() }), { answer: "deny", reason: "unknown_request" });
  });

  it("denies a withdrawal from our wallet that we only learned of from Cobo's webhook, though every field matches", async () => {
    const w = await newWallet(await newOwner());
    // A transfer made with our API key outside the Client API: we have no row for its request_id...
    const outside: Withdrawal = {
      ...w,
      rowId: "",
      requestId: randomUUID(),
      coboTransactionId: randomUUID(),
      chainId: "SETH",
      tokenId: "SETH",
      amount: "0.3",
      destinationAddress: hex40(),
      destinationMemo: null,
    };
    const created = JSON.parse(coboTx(outside, (tx) => (tx.status = "Submitted"))) as CoboTransaction;
    // ...until its created-webhook is applied, which adopts it from Cobo's own data.
    const adopted = await applyTransactionUpdate({ coboTransaction: created, source: "webhook" });
    expect(adopted).toMatchObject({ created: true });
    expect(
      await app.db.transaction.findUnique({
        where: { requestId: outside.requestId },
        select: { userId: true, idempotencyKey: true, type: true },
      }),
    ).toEqual({
      userId: null,
      idempotencyKey: null,
      type: "Withdrawal",
    });
    const d = await expectDecision(coboTx(outside), { answer: "deny", reason: "not_created_here" });
    expect(d).toMatchObject({ requestId: outside.requestId, coboTransactionId: outside.coboTransactionId, signatureResult: "valid" });
  });

  it.each([
    ["amount", (tx: CoboTx) => setOutput(tx, "amount", "1.5000001")],
    ["destination", (tx: CoboTx) => setOutput(tx, "address", hex40())],
    ["wallet", (tx: CoboTx) => (tx.wallet_id = randomUUID())],
    ["token", (tx: CoboTx) => (tx.token_id = "SETH_USDT")],
    ["chain", (tx: CoboTx) => (tx.chain_id = "ETH")],
    ["source address", (tx: CoboTx) => (tx.source.address = hex40())],
  ])("denies our request_id with a different %s", async (_what, change) => {
    const w = await newWithdrawal();
    const d = await expectDecision(coboTx(w, change), { answer: "deny", reason: "record_mismatch" });
    expect(d.requestId).toBe(w.requestId);
  });

  it("denies our request_id on another wallet of ours", async () => {
    const w = await newWithdrawal();
    const other = await newWallet(w);
    await expectDecision(coboTx({ ...w, coboWalletId: other.coboWalletId }), { answer: "deny", reason: "record_mismatch" });
  });

  it("denies what is not a withdrawal, and a withdrawal our record already has as final", async () => {
    const w = await newWithdrawal();
    await expectDecision(
      coboTx(w, (tx) => (tx.type = "ContractCall")),
      { answer: "deny", reason: "not_withdrawal" },
    );
    const deposit = await newWithdrawal(undefined, { type: "Deposit" });
    await expectDecision(coboTx(deposit), { answer: "deny", reason: "not_withdrawal" });
    const done = await newWithdrawal(undefined, { status: "Completed" });
    await expectDecision(coboTx(done), { answer: "deny", reason: "transaction_final" });
  });

  it("denies several UTXO outputs (a single record cannot vouch for them)", async () => {
    const w = await newWithdrawal();
    const body = coboTx(w, (tx) => {
      delete tx.destination.account_output;
      tx.destination.utxo_outputs = [
        { address: w.destinationAddress, amount: "1" },
        { address: hex40(), amount: "0.5" },
      ];
    });
    await expectDecision(body, { answer: "deny", reason: "unsupported_destination" });
  });
});

describe("risk-control rules, managed by admins", () => {
  it("denies a paused user's withdrawal; unpausing through the admin action approves it again", async () => {
    const admin = await consoleUser("admin");
    const w = await newWithdrawal();
    // A pause needs a reason.
    expect(await runConsoleActionAs(pauseUserAction, admin, { userId: w.userId })).toMatchObject({
      error: { code: "invalid_input", fields: [{ path: "reason" }] },
    });
    const paused = await runConsoleActionAs(pauseUserAction, admin, { userId: w.userId, reason: "phone reported stolen" });
    expect(paused).toEqual({
      data: {
        id: w.userId,
        email: expect.any(String),
        status: "paused",
        pausedAt: expect.any(String),
        pausedBy: `console:${admin.id}`,
        pauseReason: "phone reported stolen",
      },
    });
    const deniedBody = coboTx(w);
    await expectDecision(deniedBody, { answer: "deny", reason: "user_paused" });
    await runConsoleActionAs(unpauseUserAction, admin, { userId: w.userId, reason: "review finished" });
    // The denied request stays denied (a replay gets its recorded answer); a new one is approved.
    expect((await ask({ rawBody: deniedBody, timestamp: String(Math.floor(Date.now() / 1000)) })).text).toBe("deny");
    await expectDecision(coboTx(await newWithdrawal(w)), { answer: "ok", reason: "approved" });
    expect(await app.db.user.findUniqueOrThrow({ where: { id: w.userId }, select: { status: true, pauseReason: true } })).toEqual({
      status: "active",
      pauseReason: null,
    });
    const audit = await app.db.auditLog.findMany({ where: { targetId: w.userId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.outcome, a.actorId, a.details])).toEqual([
      ["app_user.pause", "succeeded", admin.id, { reason: "phone reported stolen" }],
      ["app_user.unpause", "succeeded", admin.id, { reason: "review finished" }],
    ]);
    expect(await runConsoleActionAs(pauseUserAction, admin, { userId: randomUUID(), reason: "testing" })).toMatchObject({
      error: { code: "not_found" },
    });
  });

  it("denies a deny-listed destination on the same chain only; removing the entry approves again", async () => {
    const admin = await consoleUser("admin");
    const chain = `DENYCHAIN${randomBytes(3).toString("hex")}`;
    const w = await newWithdrawal(undefined, { chainId: chain });
    const elsewhere = await newWithdrawal(undefined, { chainId: "SETH", destinationAddress: w.destinationAddress });
    const rule = await runConsoleActionAs(createAddressRuleAction, admin, {
      kind: "deny",
      chainId: chain,
      address: w.destinationAddress.toUpperCase().replace("0X", "0x"),
      note: "scam",
    });
    if (!("data" in rule)) throw new Error(JSON.stringify(rule));
    expect(rule.data.address).toBe(w.destinationAddress.toLowerCase());
    await expectDecision(coboTx(w), { answer: "deny", reason: "destination_denied" });
    await expectDecision(coboTx(elsewhere), { answer: "ok", reason: "approved" });
    expect(
      await runConsoleActionAs(createAddressRuleAction, admin, { kind: "deny", chainId: chain, address: w.destinationAddress }),
    ).toMatchObject({
      error: { code: "conflict" },
    });
    // Not an address at all: refused with the field named, nothing stored.
    for (const address of ["hello world", "0x1234", "addr;drop"]) {
      expect(await runConsoleActionAs(createAddressRuleAction, admin, { kind: "deny", chainId: chain, address })).toMatchObject({
        error: { code: "invalid_input", fields: [{ path: "address", message: expect.any(String) }] },
      });
    }
    expect((await listAddressRules({ chainId: chain })).total).toEqual({ value: 1, kind: "exact" });
    expect(await runConsoleActionAs(deleteAddressRuleAction, admin, { id: rule.data.id })).toEqual({ data: { id: rule.data.id } });
    await expectDecision(coboTx(await newWithdrawal(w, { chainId: chain, destinationAddress: w.destinationAddress })), {
      answer: "ok",
      reason: "approved",
    });
  });

  it("with an allow list for the chain, denies destinations not on it and approves listed ones", async () => {
    const admin = await consoleUser("admin");
    const chain = `ALLOWCHAIN${randomBytes(3).toString("hex")}`;
    const w = await newWithdrawal(undefined, { chainId: chain });
    await expectDecision(coboTx(w), { answer: "ok", reason: "approved" });
    const other = await runConsoleActionAs(createAddressRuleAction, admin, { kind: "allow", chainId: chain, address: hex40() });
    expect("data" in other).toBe(true);
    const same = { chainId: chain, destinationAddress: w.destinationAddress };
    await expectDecision(coboTx(await newWithdrawal(w, same)), { answer: "deny", reason: "destination_not_allowed" });
    await runConsoleActionAs(createAddressRuleAction, admin, { kind: "allow", chainId: chain, address: w.destinationAddress });
    await expectDecision(coboTx(await newWithdrawal(w, same)), { answer: "ok", reason: "approved" });

    const listed = await listAddressRules({ chainId: chain });
    expect(listed.total).toEqual({ value: 2, kind: "exact" });
    expect(listed.rows.every((r) => r.kind === "allow" && r.chainId === chain)).toBe(true);
    expect(listed.chainOptions).toContain(chain);
  });

  it("enforces a rolling per-user limit across wallets: within it ok, over it deny; denied ones stop counting", async () => {
    const admin = await consoleUser("admin");
    const token = `LIM${randomBytes(3).toString("hex")}`;
    const created = await runConsoleActionAs(createRiskLimitAction, admin, {
      scope: "user",
      tokenId: token,
      maxAmount: "10",
      windowSeconds: 3600,
    });
    if (!("data" in created)) throw new Error(JSON.stringify(created));
    expect(created.data).toMatchObject({ scope: "user", tokenId: token, maxAmount: "10", windowSeconds: 3600, enabled: true });

    const owner = await newOwner();
    const w1 = await newWallet(owner);
    const w2 = await newWallet(owner);
    const t = Date.now();
    const at = (s: number) => new Date(t - s * 1000);
    const a = await newWithdrawal(w1, { tokenId: token, amount: "6", createdAt: at(40) });
    const b = await newWithdrawal(w2, { tokenId: token, amount: "5", createdAt: at(30) });
    const c = await newWithdrawal(w1, { tokenId: token, amount: "4", createdAt: at(20) });
    const d = await newWithdrawal(w2, { tokenId: token, amount: "0.000000000000000000000000000001", createdAt: at(10) });
    // Another user's withdrawals and older ones of this user do not count.
    await newWithdrawal(undefined, { tokenId: token, amount: "100", createdAt: at(35) });
    await newWithdrawal(w1, { tokenId: token, amount: "100", createdAt: at(3700) });
    await newWithdrawal(w1, { tokenId: token, amount: "100", createdAt: at(25), status: "Failed" });

    await expectDecision(coboTx(a), { answer: "ok", reason: "approved" });
    const denied = await expectDecision(coboTx(b), { answer: "deny", reason: "limit_exceeded" });
    expect(denied.reason).toContain("11");
    await expectDecision(coboTx(c), { answer: "ok", reason: "approved" }); // 6 + 4: b was denied
    await expectDecision(coboTx(d), { answer: "deny", reason: "limit_exceeded" });
    // Asked again with new bodies (coboTx stamps its own cobo_id), they are decided again, the same way.
    expect((await ask({ rawBody: coboTx(a) })).text).toBe("ok");
    expect((await ask({ rawBody: coboTx(b) })).text).toBe("deny");

    expect(await runConsoleActionAs(deleteRiskLimitAction, admin, { id: created.data.id })).toEqual({ data: { id: created.data.id } });
    await expectDecision(coboTx(await newWithdrawal(w2, { tokenId: token, amount: "0.000000000000000000000000000001" })), {
      answer: "ok",
      reason: "approved",
    });
  });

  it("counts withdrawals not yet decided (a burst cannot evade the limit) and applies wallet limits per wallet", async () => {
    const admin = await consoleUser("admin");
    const token = `BURST${randomBytes(3).toString("hex")}`;
    await runConsoleActionAs(createRiskLimitAction, admin, { scope: "wallet", tokenId: token, maxAmount: "1", windowSeconds: 60 });
    const owner = await newOwner();
    const w1 = await newWallet(owner);
    const w2 = await newWallet(owner);
    const t = Date.now();
    await newWithdrawal(w1, { tokenId: token, amount: "0.75", createdAt: new Date(t - 2000), status: "Created" });
    const second = await newWithdrawal(w1, { tokenId: token, amount: "0.5", createdAt: new Date(t - 1000) });
    const otherWallet = await newWithdrawal(w2, { tokenId: token, amount: "0.5", createdAt: new Date(t - 1000) });
    await expectDecision(coboTx(second), { answer: "deny", reason: "limit_exceeded" });
    await expectDecision(coboTx(otherWallet), { answer: "ok", reason: "approved" });
    const limits = await listRiskLimits();
    expect(limits.filter((l) => l.tokenId === token)).toEqual([
      expect.objectContaining({ scope: "wallet", maxAmount: "1", windowSeconds: 60 }),
    ]);
  });

  it("validates rule input, refuses duplicates, and lets only admins change rules (audited)", async () => {
    const admin = await consoleUser("admin");
    const support = await consoleUser("support");
    const input = { scope: "user", tokenId: `VAL${randomBytes(3).toString("hex")}`, maxAmount: "1.5", windowSeconds: 60 };
    expect(await runConsoleActionAs(createRiskLimitAction, support, input)).toMatchObject({ error: { code: "forbidden" } });
    expect(await app.db.auditLog.findFirst({ where: { actorId: support.id }, select: { action: true, outcome: true } })).toEqual({
      action: "risk_limit.create",
      outcome: "denied",
    });
    expect(await app.db.riskLimit.count({ where: { tokenId: input.tokenId } })).toBe(0);
    for (const bad of [
      { maxAmount: "1e3" },
      { maxAmount: "-1" },
      { maxAmount: "0.1234567890123456789012345678901" },
      { windowSeconds: 0 },
      { scope: "vault" },
    ]) {
      expect(await runConsoleActionAs(createRiskLimitAction, admin, { ...input, ...bad }), JSON.stringify(bad)).toMatchObject({
        error: { code: "invalid_input" },
      });
    }
    expect(await runConsoleActionAs(createRiskLimitAction, admin, input)).toHaveProperty("data");
    expect(await runConsoleActionAs(createRiskLimitAction, admin, input)).toMatchObject({ error: { code: "conflict" } });
    expect(await runConsoleActionAs(deleteRiskLimitAction, admin, { id: randomUUID() })).toMatchObject({ error: { code: "not_found" } });
    expect(await runConsoleActionAs(createAddressRuleAction, admin, { kind: "maybe", chainId: "SETH", address: "0x1" })).toMatchObject({
      error: { code: "invalid_input" },
    });
  });
});

describe("risk-control callback: failures fail closed", () => {
  it("answers deny (never 5xx, never ok) while the database is unreachable", async () => {
    const w = await newWithdrawal();
    const body = coboTx(w);
    const decisions = await app.db.riskDecision.count();
    const real = dbSlot.get();
    // Point the app's client at a port nothing listens on: every query fails to connect.
    const dead = createDb("postgresql://postgres@127.0.0.1:9/unreachable", 1);
    dbSlot.set(dead);
    let res;
    try {
      res = await ask({ rawBody: body });
    } finally {
      dbSlot.set(real);
      await dead.$disconnect().catch(() => undefined);
    }
    expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: "deny" });
    expect(await app.db.riskDecision.count()).toBe(decisions);
    // With the database back, the same callback is approved.
    expect((await ask({ rawBody: body })).text).toBe("ok");
  });

  it("answers deny within its time budget while the transactions table is locked, and records why", async () => {
    const w = await newWithdrawal();
    const body = coboTx(w);
    // Another session holds the table (a migration, a long maintenance statement): every read of
    // it waits. Cobo gives up after about 2 s, so the callback must answer by itself.
    const holder = new pg.Client({ connectionString: app.dbUrl });
    await holder.connect();
    let res;
    try {
      await holder.query("BEGIN");
      await holder.query("LOCK TABLE transactions IN ACCESS EXCLUSIVE MODE");
      res = await ask({ rawBody: body });
    } finally {
      await holder.query("ROLLBACK").catch(() => undefined);
      await holder.end();
    }
    expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: "deny" });
    // The decision is recorded as soon as the database takes it, with the reason.
    const recorded = await waitFor(
      async () => (await app.db.riskDecision.findMany({ where: { requestId: w.requestId } })).at(0),
      "the timed-out decision to be recorded",
    );
    expect({ decision: recorded.decision, code: recorded.reason.split(":")[0] }).toEqual({ decision: "deny", code: "timeout" });
    expect(recorded.reason).toMatch(/^timeout: no decision within the \d+ ms budget/);
    // With the lock gone, the same callback is decided on its merits again.
    expect((await ask({ rawBody: body })).text).toBe("ok");
    expect(
      (
        await app.db.riskDecision.findMany({ where: { requestId: w.requestId }, orderBy: { createdAt: "asc" }, select: { decision: true } })
      ).map((d) => d.decision),
    ).toEqual(["deny", "ok"]);
  });
});

describe("risk decisions for the console", () => {
  it("lists decisions newest first with reason code and detail, filters them, and shows one with its body", async () => {
    const w = await newWithdrawal();
    await ask({ rawBody: coboTx(w) });
    await ask({ rawBody: coboTx({ ...w, amount: "2" }) });
    const mine = await listRiskDecisions({ q: w.requestId });
    expect(mine.total).toEqual({ value: 2, kind: "exact" });
    expect(mine.rows.map((r) => `${r.decision} ${r.reasonCode}`).sort()).toEqual(["deny record_mismatch", "ok approved"]);
    expect(mine.rows.map((r) => r.createdAt)).toEqual(
      mine.rows
        .map((r) => r.createdAt)
        .sort()
        .reverse(),
    );
    const mismatch = mine.rows.find((r) => r.decision === "deny");
    expect(mismatch?.reasonDetail).toContain("amount (ours 1.5, Cobo's 2)");
    const denials = await listRiskDecisions({ reason: "signature_invalid", pageSize: "10" });
    expect(denials.rows.length).toBeGreaterThan(0);
    expect(denials.rows.every((r) => r.reasonCode === "signature_invalid" && r.signatureResult === "invalid")).toBe(true);
    expect(denials.reasonOptions).toContain("limit_exceeded");
    const detail = await getRiskDecision(mismatch?.id ?? "");
    expect(detail?.rawBody.isJson).toBe(true);
    expect(detail?.rawBody.text).toContain(w.requestId);
    expect(await getRiskDecision("not-an-id")).toBeNull();
  });
});

// ---------- the sandbox itself asks before signing ----------

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, attempts = 400, everyMs = 50): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not reached; last value: ${JSON.stringify(last)}`);
}

/** A funded SETH wallet at the sandbox whose Main Group is a sandbox co-signer and Cobo's holder (no device needed). */
async function fundedSandboxWallet() {
  const gw = getCoboGateway();
  const project = await gw.createMpcProject({ name: `risk-${randomUUID().slice(0, 8)}`, participants: 2, threshold: 2 });
  const vault = await gw.createMpcVault({ project_id: project.project_id, name: `risk-${randomUUID().slice(0, 8)}` });
  const cosigner = await sandboxRequest<{ node_id: string }>(app.sandbox, "POST", "/_sandbox/cosigners", { name: "risk co-signer" });
  expect(cosigner.status).toBe(201);
  const group = await gw.createKeyShareHolderGroup(vault.vault_id, {
    key_share_holder_group_type: "MainGroup",
    participants: 2,
    threshold: 2,
    key_share_holders: [{ name: "server", type: "API", tss_node_id: cosigner.body.node_id }],
  });
  const keygen = await gw.createTssRequest(vault.vault_id, {
    type: "KeyGen",
    target_key_share_holder_group_id: group.key_share_holder_group_id,
  });
  const done = await until(
    () => gw.getTssRequest(vault.vault_id, keygen.tss_request_id),
    (r) => r.status === "Success" || r.status.endsWith("Failed"),
  );
  expect(done.status).toBe("Success");
  const coboWallet = await gw.createWallet({ name: `risk${randomUUID().slice(0, 8)}`, vault_id: vault.vault_id });
  const [address] = await gw.createAddress(coboWallet.wallet_id, { chain_id: "SETH" });
  if (!address) throw new Error("no address");
  expect(
    (await sandboxRequest(app.sandbox, "POST", "/_sandbox/deposits", { address: address.address, amount: "1", token_id: "SETH" })).status,
  ).toBe(201);
  await until(
    () => gw.listTokenBalancesForAddress(coboWallet.wallet_id, address.address, { token_ids: ["SETH"] }),
    (p) => (p.data[0]?.balance.available ?? "0") !== "0",
  );
  return { coboWallet, address };
}

describe.skipIf(!sandboxAvailable())("risk-control callback called by the sandbox", () => {
  it("approves our withdrawal (it is signed) and denies a changed or unknown one (Rejected at Cobo)", async () => {
    const gw = getCoboGateway();
    const deliveredBefore = app.routes.requests.length;
    const { coboWallet, address } = await fundedSandboxWallet();

    // Our records: the owner, their wallet (Cobo's id) and the withdrawals we asked for.
    const owner = await newOwner();
    const wallet = await newWallet(owner, coboWallet.wallet_id, address.address);
    const good = await newWithdrawal(wallet, { amount: "0.1" });
    const changed = await newWithdrawal(wallet, { amount: "0.1" });

    const send = (requestId: string, to: string, amount: string) =>
      gw.createTransfer({
        request_id: requestId,
        source: { source_type: "User-Controlled", wallet_id: coboWallet.wallet_id, address: address.address },
        token_id: "SETH",
        destination: { destination_type: "Address", account_output: { address: to, amount } },
      });
    const approved = await send(good.requestId, good.destinationAddress, good.amount);
    // Cobo is asked for 0.2 where we recorded 0.1 (as if our request had been altered on the way).
    const altered = await send(changed.requestId, changed.destinationAddress, "0.2");
    const unknown = await send(randomUUID(), hex40(), "0.1");

    const final = (id: string) =>
      until(
        () => gw.getTransaction(id),
        (t) => ["Completed", "Failed", "Rejected"].includes(t.status),
      );
    expect(await final(approved.transaction_id)).toMatchObject({ status: "Completed", request_id: good.requestId });
    for (const t of [altered, unknown]) {
      expect(await final(t.transaction_id)).toMatchObject({ status: "Rejected", sub_status: "RejectedRiskControlCheck" });
    }
    const messages = await gw.listCallbackMessages({
      transaction_ids: [approved.transaction_id, altered.transaction_id, unknown.transaction_id],
    });
    const byTx = new Map(messages.data.map((m) => [m.transaction_id, [m.status, m.result]]));
    expect(byTx.get(approved.transaction_id)).toEqual(["Approved", "ok"]);
    expect(byTx.get(altered.transaction_id)).toEqual(["Denied", "deny"]);
    expect(byTx.get(unknown.transaction_id)).toEqual(["Denied", "deny"]);

    const ours = await app.db.riskDecision.findMany({
      where: { coboTransactionId: { in: [approved.transaction_id, altered.transaction_id, unknown.transaction_id] } },
    });
    const reasons = new Map(ours.map((d) => [d.coboTransactionId, `${d.decision} ${d.reason.split(":")[0]} ${d.signatureResult}`]));
    expect(reasons.get(approved.transaction_id)).toBe("ok approved valid");
    expect(reasons.get(altered.transaction_id)).toBe("deny record_mismatch valid");
    expect(reasons.get(unknown.transaction_id)).toBe("deny unknown_request valid");
    // The sandbox got a readable answer each time (no retries forced by a 401/5xx or a JSON body).
    const delivered = app.routes.requests.slice(deliveredBefore);
    expect(delivered.length).toBeGreaterThanOrEqual(3);
    expect(delivered.every((r) => r.path === CALLBACK_PATH && r.status === 200)).toBe(true);
  });

  it("denies a transfer made with our API key outside the Client API even after its created-webhook was applied (Rejected at Cobo)", async () => {
    const gw = getCoboGateway();
    const { coboWallet, address } = await fundedSandboxWallet();
    const owner = await newOwner();
    await newWallet(owner, coboWallet.wallet_id, address.address);
    const endpoint = await gw.createWebhookEndpoint({
      url: `${app.routes.origin}${OUTSIDE_WEBHOOK_PATH}`,
      subscribed_events: [
        "wallets.transaction.created",
        "wallets.transaction.updated",
        "wallets.transaction.failed",
        "wallets.transaction.succeeded",
      ],
    });
    const requestId = randomUUID();
    // The callback is answered only once the sandbox's webhook has made our row for this request_id.
    const seenAtCallback: { userId: string | null; source: string | undefined }[] = [];
    beforeCallback = async (rawBody) => {
      if (!rawBody.includes(requestId)) return;
      const row = await until(
        () =>
          app.db.transaction.findUnique({
            where: { requestId },
            select: { userId: true, history: { select: { source: true }, orderBy: { seq: "asc" } } },
          }),
        (r) => r !== null,
      );
      seenAtCallback.push({ userId: row?.userId ?? null, source: row?.history[0]?.source });
    };
    try {
      const outside = await gw.createTransfer({
        request_id: requestId,
        source: { source_type: "User-Controlled", wallet_id: coboWallet.wallet_id, address: address.address },
        token_id: "SETH",
        destination: { destination_type: "Address", account_output: { address: hex40(), amount: "0.1" } },
      });
      const final = await until(
        () => gw.getTransaction(outside.transaction_id),
        (t) => ["Completed", "Failed", "Rejected"].includes(t.status),
      );
      expect(final).toMatchObject({ status: "Rejected", sub_status: "RejectedRiskControlCheck" });
      // Adopted from the webhook before the callback, with no requesting user.
      expect(seenAtCallback[0]).toEqual({ userId: null, source: "webhook" });
      const decisions = await app.db.riskDecision.findMany({
        where: { coboTransactionId: outside.transaction_id },
        select: { decision: true, reason: true, signatureResult: true },
      });
      expect(decisions.length).toBeGreaterThan(0);
      expect(decisions.map((d) => `${d.decision} ${d.reason.split(":")[0]} ${d.signatureResult}`)).toEqual(
        decisions.map(() => "deny not_created_here valid"),
      );
      // The adopted row follows Cobo to Rejected (through the same webhooks).
      await until(
        () => app.db.transaction.findUnique({ where: { requestId }, select: { status: true } }),
        (r) => r?.status === "Rejected",
      );
    } finally {
      beforeCallback = async () => undefined;
      await gw.updateWebhookEndpoint(endpoint.endpoint_id, { status: "STATUS_INACTIVE" });
    }
  }, 120_000);

  it("through the Client API: a transfer passing the rules is signed, one to a deny-listed address ends Rejected; a paused user is refused upfront", async () => {
    const EXTERNAL_XTN = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx";
    const admin = await consoleUser("admin");
    const user = await readyAppUser(app.sandbox, "risk");
    const wallet = await call(createWalletRoute, { path: "/api/v1/wallets", token: user.token, body: { name: "Risk" } });
    expect(wallet.status, wallet.text).toBe(201);
    const walletId = (wallet.body as { wallet_id: string }).wallet_id;
    const params = { wallet_id: walletId };
    const addr = await call(createAddress, {
      path: `/api/v1/wallets/${walletId}/addresses`,
      params,
      token: user.token,
      body: { chain_id: "XTN" },
    });
    expect(addr.status, addr.text).toBe(201);
    const address = (addr.body as { address: string }).address;
    const deposit = await simulateDeposit(app.sandbox, address, "0.5");
    await waitFor(async () => (await syncTransaction(deposit.transaction_id)).status === "Completed", "the deposit to complete");

    const send = async () => {
      const res = await call(transfer, {
        path: `/api/v1/wallets/${walletId}/transfers`,
        params,
        token: user.token,
        headers: { "idempotency-key": randomUUID() },
        body: {
          token_id: "XTN",
          from_address: address,
          to_address: EXTERNAL_XTN,
          amount: "0.1",
          fee: { fee_type: "UTXO", token_id: "XTN", fee_rate: "5" },
        },
      });
      expect(res.status, res.text).toBe(201);
      const tx = (res.body as { transaction: { request_id: string; cobo_transaction_id: string | null } }).transaction;
      if (!tx.cobo_transaction_id) throw new Error("Cobo's transaction id was not returned");
      return { requestId: tx.request_id, coboId: tx.cobo_transaction_id };
    };

    // Within the rules: the callback says ok, the withdrawal reaches the device, which signs it.
    const good = await send();
    await waitFor(
      async () => (await user.device.pendingTransactions()).some((t) => t.transaction_id === good.coboId),
      "the device to see the approved transfer",
    );
    await user.device.approveTransactions([good.coboId]);
    await waitFor(async () => (await syncTransaction(good.coboId)).status === "Completed", "the approved transfer to complete");
    // The same answer at both stages: before submission (no Cobo ids yet), then Cobo's callback
    // (asked once, or again if Cobo retried).
    const trail = await app.db.riskDecision.findMany({
      where: { requestId: good.requestId },
      orderBy: { createdAt: "asc" },
      select: { stage: true, decision: true, coboTransactionId: true },
    });
    expect(trail[0]).toEqual({ stage: "pre_submission", decision: "ok", coboTransactionId: null });
    expect(trail.length).toBeGreaterThan(1);
    expect(trail.slice(1)).toEqual(trail.slice(1).map(() => ({ stage: "callback", decision: "ok", coboTransactionId: good.coboId })));

    // A destination deny-listed after the transfer passed the check before submission (the rule is
    // added just before the callback answers): the callback says deny and Cobo rejects it before
    // any signing.
    let ruleAdded = false;
    beforeCallback = async () => {
      if (ruleAdded) return;
      ruleAdded = true;
      expect(
        await runConsoleActionAs(createAddressRuleAction, admin, { kind: "deny", chainId: "XTN", address: EXTERNAL_XTN, note: "flagged" }),
      ).toHaveProperty("data");
    };
    const blocked = await send();
    await waitFor(async () => (await syncTransaction(blocked.coboId)).status === "Rejected", "the deny-listed transfer to be rejected");
    expect(
      await app.db.transaction.findUnique({ where: { requestId: blocked.requestId }, select: { status: true, subStatus: true } }),
    ).toEqual({
      status: "Rejected",
      subStatus: "RejectedRiskControlCheck",
    });
    beforeCallback = async () => undefined;
    const decision = await app.db.riskDecision.findFirst({
      where: { requestId: blocked.requestId, stage: "callback" },
      select: { decision: true, reason: true, ruleType: true },
    });
    expect(decision?.ruleType).toBe("address_rule");
    expect(decision?.decision).toBe("deny");
    expect(decision?.reason).toMatch(/^destination_denied: /);
    expect((await user.device.pendingTransactions()).some((t) => t.transaction_id === blocked.coboId)).toBe(false);

    // Deny-listed now: refused before submission, 403 naming the field; nothing is stored or sent.
    const countBefore = await app.db.transaction.count({ where: { wallet: { coboWalletId: walletId } } });
    const upfront = await call(transfer, {
      path: `/api/v1/wallets/${walletId}/transfers`,
      params,
      token: user.token,
      headers: { "idempotency-key": randomUUID() },
      body: {
        token_id: "XTN",
        from_address: address,
        to_address: EXTERNAL_XTN,
        amount: "0.1",
        fee: { fee_type: "UTXO", token_id: "XTN", fee_rate: "5" },
      },
    });
    expect(upfront.status, upfront.text).toBe(403);
    expect(upfront.body).toMatchObject({ code: "risk_denied", errors: [{ path: "body.to_address" }] });
    expect(await app.db.transaction.count({ where: { wallet: { coboWalletId: walletId } } })).toBe(countBefore);

    // Paused: the Client API refuses the transfer itself (the callback would deny it too).
    expect(await runConsoleActionAs(pauseUserAction, admin, { userId: user.id, reason: "paused mid-flight" })).toHaveProperty("data");
    const refused = await call(transfer, {
      path: `/api/v1/wallets/${walletId}/transfers`,
      params,
      token: user.token,
      headers: { "idempotency-key": randomUUID() },
      body: {
        token_id: "XTN",
        from_address: address,
        to_address: EXTERNAL_XTN,
        amount: "0.1",
        fee: { fee_type: "UTXO", token_id: "XTN", fee_rate: "5" },
      },
    });
    expect(refused.status).toBe(403);
  }, 240_000);
});
