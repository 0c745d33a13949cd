import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as callbackRoute } from "@/app/api/callbacks/cobo/route";
import { POST as createAddress } from "@/app/api/v1/wallets/[wallet_id]/addresses/route";
import { POST as transfer } from "@/app/api/v1/wallets/[wallet_id]/transfers/route";
import { POST as createWalletRoute } from "@/app/api/v1/wallets/route";
import {
  checkCallbackLinkAction,
  createAddressRuleAction,
  createRiskLimitAction,
  deleteAddressRuleAction,
  deleteRiskLimitAction,
  retryCallbackMessageAction,
} from "@/app/(console)/risk/actions";
import { getCoboGateway } from "@/lib/cobo/client";
import { dbSlot } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { runConsoleActionAs } from "@/lib/http/console-action";
import { checkHealth } from "@/lib/observability/check-health";
import { resetEnvDerivedState } from "@/lib/process-state";
import type { ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { reconcile, reportFailedCallbackMessages } from "@/lib/server/reconciliation/reconcile";
import { checkCallbackLink, currentCallbackLink, readCallbackLink } from "@/lib/server/risk/callback-link";
import { listFailedCallbackMessages } from "@/lib/server/risk/callback-messages";
import { syncTransaction } from "@/lib/server/transactions/sync-transaction";
import { call, setupAppHarness } from "../helpers/app-harness";
import { readyAppUser, simulateDeposit, waitFor, type ReadyUser } from "../helpers/device";
import { sandboxAvailable, sandboxRequest } from "../helpers/sandbox";

// The risk rules before submission, the check of the callback linked to our API key, callback
// recovery (Failed callback messages listed and retried) and the bounded resubmission age, against
// a real database and the sandbox. The sandbox links its callback to this file's route server; the
// callback route can be switched to answer 500 (as if our endpoint were broken), so Cobo's message
// ends Failed after SANDBOX_CALLBACK_MAX_ATTEMPTS attempts.

const CALLBACK_PATH = "/api/callbacks/cobo";
const EXTERNAL_XTN = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx";
let callbackBroken = false;

const app = setupAppHarness({
  routes: {
    [CALLBACK_PATH]: async (req) => (callbackBroken ? new Response("down for maintenance", { status: 500 }) : callbackRoute(req)),
  },
  sandbox: { env: { SANDBOX_CALLBACK_MAX_ATTEMPTS: "2" } },
});

/** Changes process.env and drops what was built from it (the database client stays). */
function setEnv(values: Record<string, string>) {
  Object.assign(process.env, values);
  const db = dbSlot.peek();
  resetEnvDerivedState();
  if (db) dbSlot.set(db);
}

async function consoleUser(role: "admin" | "support"): Promise<ConsoleIdentity> {
  const u = await app.db.consoleUser.create({ data: { email: `${role}-${randomUUID()}@example.com`, role } });
  return { id: u.id, email: u.email, name: null, role };
}

type Funded = { user: ReadyUser; walletId: string; address: string };
let funded: Funded;

async function send(f: Funded, over: { amount?: string; to?: string; key?: string } = {}) {
  return call(transfer, {
    path: `/api/v1/wallets/${f.walletId}/transfers`,
    params: { wallet_id: f.walletId },
    token: f.user.token,
    headers: { "idempotency-key": over.key ?? randomUUID() },
    body: {
      token_id: "XTN",
      from_address: f.address,
      to_address: over.to ?? EXTERNAL_XTN,
      amount: over.amount ?? "0.1",
      fee: { fee_type: "UTXO", token_id: "XTN", fee_rate: "5" },
    },
  });
}

const txCount = (f: Funded) => app.db.transaction.count({ where: { wallet: { coboWalletId: f.walletId }, type: "Withdrawal" } });
const coboCount = async (f: Funded) =>
  (await getCoboGateway().listTransactions({ wallet_ids: [f.walletId], types: ["Withdrawal"], limit: 50 })).data.length;

describe.skipIf(!sandboxAvailable())("risk rules before submission, callback link and recovery", () => {
  beforeAll(async () => {
    // Our public URL is the route server the sandbox calls back: the callback is "linked" to us.
    setEnv({ APP_URL: app.routes.origin });
    const user = await readyAppUser(app.sandbox, "presubmit");
    const wallet = await call(createWalletRoute, { path: "/api/v1/wallets", token: user.token, body: { name: "Risk" } });
    expect(wallet.status, wallet.text).toBe(201);
    const walletId = (wallet.body as { wallet_id: string }).wallet_id;
    const addr = await call(createAddress, {
      path: `/api/v1/wallets/${walletId}/addresses`,
      params: { wallet_id: walletId },
      token: user.token,
      body: { chain_id: "XTN" },
    });
    expect(addr.status, addr.text).toBe(201);
    const address = (addr.body as { address: string }).address;
    const deposit = await simulateDeposit(app.sandbox, address, "1");
    await waitFor(async () => (await syncTransaction(deposit.transaction_id)).status === "Completed", "the deposit to complete");
    funded = { user, walletId, address };
  }, 240_000);

  it("a transfer over a limit is refused before submission: 403 risk_denied, the decision names the limit, nothing is stored or sent", async () => {
    const admin = await consoleUser("admin");
    const limit = await runConsoleActionAs(createRiskLimitAction, admin, {
      scope: "user",
      tokenId: "XTN",
      maxAmount: "0.15",
      windowSeconds: 3600,
    });
    if (!("data" in limit)) throw new Error(JSON.stringify(limit));
    try {
      // Within the limit: sent, and its "ok" stored with it (then Cobo's callback agrees).
      const first = await send(funded);
      expect(first.status, first.text).toBe(201);
      const firstTx = (first.body as { transaction: { request_id: string; cobo_transaction_id: string } }).transaction;
      expect(
        await app.db.riskDecision.findFirst({
          where: { requestId: firstTx.request_id, stage: "pre_submission" },
          select: { decision: true, signatureResult: true, walletId: true },
        }),
      ).toEqual({ decision: "ok", signatureResult: "not_applicable", walletId: funded.walletId });
      expect(
        await waitFor(
          async () =>
            (await app.db.riskDecision.findFirst({
              where: { requestId: firstTx.request_id, stage: "callback" },
              select: { decision: true },
            })) ?? undefined,
          "Cobo's callback to be decided",
        ),
      ).toEqual({ decision: "ok" });

      const [ours, atCobo] = [await txCount(funded), await coboCount(funded)];
      const since = new Date();
      const second = await send(funded, { amount: "0.1" });
      expect(second.status, second.text).toBe(403);
      expect(second.headers.get("content-type")).toBe("application/problem+json");
      expect(second.body).toMatchObject({
        status: 403,
        code: "risk_denied",
        detail: expect.stringContaining("user limit of 0.15 XTN per 3600 s: 0.2 including this withdrawal of 0.1"),
        errors: [{ path: "body.amount", message: "exceeds a withdrawal limit" }],
      });
      expect(await txCount(funded)).toBe(ours);
      expect(await coboCount(funded)).toBe(atCobo);
      const refused = await app.db.riskDecision.findMany({
        where: { createdAt: { gte: since }, walletId: funded.walletId },
        select: { stage: true, decision: true, reason: true, ruleType: true, ruleId: true, requestId: true, rawBody: true },
      });
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({
        stage: "pre_submission",
        decision: "deny",
        ruleType: "limit",
        ruleId: limit.data.id,
        requestId: null,
        reason: expect.stringMatching(/^limit_exceeded: user limit of 0\.15 XTN/),
      });
      expect(JSON.parse(refused[0]!.rawBody)).toMatchObject({ wallet_id: funded.walletId, amount: "0.1", to_address: EXTERNAL_XTN });

      // The same Idempotency-Key again is decided again (nothing was stored under it).
      const key = randomUUID();
      expect((await send(funded, { key, amount: "0.1" })).status).toBe(403);
      expect((await send(funded, { key, amount: "0.1" })).status).toBe(403);
      // A smaller amount fits.
      expect((await send(funded, { amount: "0.05" })).status).toBe(201);
    } finally {
      await runConsoleActionAs(deleteRiskLimitAction, admin, { id: limit.data.id });
    }
  }, 120_000);

  it("a transfer to a deny-listed address is refused before submission, naming the rule; other destinations pass", async () => {
    const admin = await consoleUser("admin");
    // A valid XTN address that is not ours to send to: a second address of the user's wallet.
    const other = await call(createAddress, {
      path: `/api/v1/wallets/${funded.walletId}/addresses`,
      params: { wallet_id: funded.walletId },
      token: funded.user.token,
      body: { chain_id: "XTN" },
    });
    expect(other.status, other.text).toBe(201);
    const denied = (other.body as { address: string }).address;
    const rule = await runConsoleActionAs(createAddressRuleAction, admin, {
      kind: "deny",
      chainId: "XTN",
      address: denied,
      note: "flagged",
    });
    if (!("data" in rule)) throw new Error(JSON.stringify(rule));
    try {
      const [ours, atCobo] = [await txCount(funded), await coboCount(funded)];
      const since = new Date();
      const res = await send(funded, { to: denied, amount: "0.01" });
      expect(res.status, res.text).toBe(403);
      expect(res.body).toMatchObject({ code: "risk_denied", errors: [{ path: "body.to_address", message: "is on the deny list" }] });
      expect(await txCount(funded)).toBe(ours);
      expect(await coboCount(funded)).toBe(atCobo);
      expect(
        await app.db.riskDecision.findMany({
          // (a callback for an earlier test's transfer may still arrive now: only this check's decisions)
          where: { createdAt: { gte: since }, walletId: funded.walletId, stage: "pre_submission" },
          select: { stage: true, decision: true, ruleType: true, ruleId: true },
        }),
      ).toEqual([{ stage: "pre_submission", decision: "deny", ruleType: "address_rule", ruleId: rule.data.id }]);
      expect((await send(funded, { amount: "0.01" })).status).toBe(201);
    } finally {
      await runConsoleActionAs(deleteAddressRuleAction, admin, { id: rule.data.id });
    }
    // Rule gone: the same destination passes.
    expect((await send(funded, { to: denied, amount: "0.01" })).status).toBe(201);
  }, 120_000);

  it("checks which callback is linked to our API key: linked, none (profile), linked elsewhere; health and the stored check follow", async () => {
    const expected = `${app.routes.origin}${CALLBACK_PATH}`;
    try {
      expect(await checkCallbackLink()).toMatchObject({ status: "linked", expectedUrl: expected, linkedUrl: expected });
      expect((await checkHealth()).callback).toMatchObject({ status: "linked", linkedUrl: expected });

      // Sandbox profile: no callback linked to the key.
      expect((await sandboxRequest(app.sandbox, "POST", "/_sandbox/profile", { callback_endpoint: "none" })).status).toBe(200);
      // The stored check holds until its interval is over…
      expect((await currentCallbackLink()).status).toBe("linked");
      // … then Cobo is asked again.
      const later = Date.now() + 301_000;
      expect(await currentCallbackLink(later)).toMatchObject({ status: "not_linked", linkedUrl: null });
      const health = await checkHealth();
      expect(health.status).toBe("degraded");
      expect(health.callback).toMatchObject({ status: "not_linked", detail: expect.stringContaining(expected) });
      // "Check now" from the console: any console user, audited.
      const support = await consoleUser("support");
      expect(await runConsoleActionAs(checkCallbackLinkAction, support, {})).toMatchObject({ data: { status: "not_linked" } });
      expect(
        await app.db.auditLog.findFirst({ where: { actorId: support.id, action: "callback_link.check" }, select: { outcome: true } }),
      ).toEqual({ outcome: "succeeded" });

      // Linked, but not to us (APP_URL is another host): linked elsewhere, degraded.
      expect((await sandboxRequest(app.sandbox, "DELETE", "/_sandbox/profile")).status).toBe(200);
      setEnv({ APP_URL: "https://console.example.com" });
      expect(await checkCallbackLink()).toMatchObject({
        status: "linked_elsewhere",
        linkedUrl: expected,
        expectedUrl: "https://console.example.com/api/callbacks/cobo",
      });
      expect((await checkHealth()).status).toBe("degraded");
      expect((await readCallbackLink())?.status).toBe("linked_elsewhere");
    } finally {
      await sandboxRequest(app.sandbox, "DELETE", "/_sandbox/profile");
      setEnv({ APP_URL: app.routes.origin });
    }
    expect((await checkCallbackLink()).status).toBe("linked");
    expect((await checkHealth()).callback.status).toBe("linked");

    // Cobo cannot be asked: "unknown" (with the reason), not degraded by itself, asked again after
    // 30 s rather than after the whole interval.
    const fault = { method: "GET", path_prefix: "/v2/developers/api_key_info", kind: "status", status: 500, times: 10 };
    expect((await sandboxRequest(app.sandbox, "POST", "/_sandbox/faults", fault)).status).toBe(201);
    try {
      expect(await checkCallbackLink()).toMatchObject({ status: "unknown", detail: expect.stringContaining("could not be asked") });
    } finally {
      await sandboxRequest(app.sandbox, "DELETE", "/_sandbox/faults");
    }
    expect((await currentCallbackLink(Date.now() + 5_000)).status).toBe("unknown");
    expect((await currentCallbackLink(Date.now() + 31_000)).status).toBe("linked");
  }, 60_000);

  it("a callback Cobo gave up on is listed, reported as drift, refused to support staff and retried by an admin once fixed", async () => {
    callbackBroken = true;
    let coboId: string;
    try {
      const res = await send(funded, { amount: "0.01" });
      expect(res.status, res.text).toBe(201);
      coboId = (res.body as { transaction: { cobo_transaction_id: string } }).transaction.cobo_transaction_id;
      await waitFor(
        async () => (await listFailedCallbackMessages()).find((m) => m.coboTransactionId === coboId),
        "Cobo to give up the callback",
      );
    } finally {
      callbackBroken = false;
    }
    const message = (await listFailedCallbackMessages()).find((m) => m.coboTransactionId === coboId)!;
    const ours = await app.db.transaction.findUniqueOrThrow({
      where: { coboTransactionId: coboId },
      select: { id: true, requestId: true },
    });
    expect(message).toMatchObject({ requestId: ours.requestId, transactionId: ours.id, status: "Failed" });
    expect((await syncTransaction(coboId)).status).toBe("PendingAuthorization");

    // Reconciliation reports it as open drift, once.
    await reconcile({ pullEvents: false });
    await reportFailedCallbackMessages();
    const drifts = await app.db.reconciliationDrift.findMany({
      where: { subjectType: "callback_message", subjectId: message.id },
      select: { resolvedAt: true, coboValue: true },
    });
    expect(drifts).toEqual([{ resolvedAt: null, coboValue: "Failed" }]);

    // Support staff are refused on the server, and the refusal is audited.
    const support = await consoleUser("support");
    expect(await runConsoleActionAs(retryCallbackMessageAction, support, { messageId: message.id })).toMatchObject({
      error: { code: "forbidden" },
    });
    expect(
      await app.db.auditLog.findFirst({
        where: { actorId: support.id, action: "callback_message.retry" },
        select: { outcome: true },
      }),
    ).toEqual({ outcome: "denied" });
    expect(await listFailedCallbackMessages()).toContainEqual(expect.objectContaining({ id: message.id, status: "Failed" }));

    // Bad or unknown ids change nothing.
    const admin = await consoleUser("admin");
    expect(await runConsoleActionAs(retryCallbackMessageAction, admin, { messageId: "../x" })).toMatchObject({
      error: { code: "invalid_input" },
    });
    expect(await runConsoleActionAs(retryCallbackMessageAction, admin, { messageId: randomUUID() })).toMatchObject({
      error: { code: "not_found" },
    });

    // The admin retries: Cobo asks again, our endpoint answers ok, the withdrawal goes to signing.
    expect(await runConsoleActionAs(retryCallbackMessageAction, admin, { messageId: message.id })).toEqual({
      data: { messageId: message.id, retried: true },
    });
    expect(
      await app.db.auditLog.findFirst({
        where: { actorId: admin.id, action: "callback_message.retry", outcome: "succeeded" },
        select: { targetId: true },
      }),
    ).toEqual({ targetId: message.id });
    await waitFor(async () => (await syncTransaction(coboId)).status === "PendingSignature", "the retried callback to approve it");
    expect(
      await app.db.riskDecision.findFirst({ where: { requestId: ours.requestId, stage: "callback" }, select: { decision: true } }),
    ).toEqual({ decision: "ok" });
    // No longer Failed: a second retry is refused, and the drift is settled.
    expect(await runConsoleActionAs(retryCallbackMessageAction, admin, { messageId: message.id })).toMatchObject({
      error: { code: "conflict" },
    });
    await reportFailedCallbackMessages();
    expect(
      await app.db.reconciliationDrift.findFirst({
        where: { subjectType: "callback_message", subjectId: message.id },
        select: { resolvedAt: true },
      }),
    ).toEqual({ resolvedAt: expect.any(Date) });
  }, 120_000);

  it("a transfer left Created is resubmitted within TRANSFER_RESUBMIT_MAX_AGE_SECONDS and marked Failed with a reason after it", async () => {
    const wallet = await app.db.wallet.findUniqueOrThrow({ where: { coboWalletId: funded.walletId }, select: { id: true } });
    const maxAge = Number(process.env.TRANSFER_RESUBMIT_MAX_AGE_SECONDS ?? 900);
    const row = (createdAt: Date) =>
      app.db.transaction.create({
        data: {
          requestId: randomUUID(),
          walletId: wallet.id,
          type: "Withdrawal",
          chainId: "XTN",
          tokenId: "XTN",
          amount: new Prisma.Decimal("0.001"),
          feeTokenId: "XTN",
          feeParams: { fee_type: "UTXO", token_id: "XTN", fee_rate: "5" },
          sourceAddress: funded.address,
          destinationAddress: EXTERNAL_XTN,
          status: "Created",
          userId: funded.user.id,
          idempotencyKey: randomUUID(),
          initiator: `user:${funded.user.id}`,
          createdAt,
        },
        select: { id: true, requestId: true },
      });
    // Never acknowledged by Cobo (its answer was lost, or a 5xx): one young, one past the bound.
    const young = await row(new Date(Date.now() - 60_000));
    const old = await row(new Date(Date.now() - (maxAge + 60) * 1000));

    await reconcile({ pullEvents: false, callbacks: false });

    const youngNow = await app.db.transaction.findUniqueOrThrow({
      where: { id: young.id },
      select: { status: true, coboTransactionId: true },
    });
    expect(youngNow.coboTransactionId).not.toBeNull();
    expect(await getCoboGateway().getTransactionByRequestId(young.requestId)).not.toBeNull();

    const oldNow = await app.db.transaction.findUniqueOrThrow({
      where: { id: old.id },
      select: { status: true, coboTransactionId: true, failedReason: true, history: { select: { toStatus: true, note: true } } },
    });
    expect(oldNow.status).toBe("Failed");
    expect(oldNow.coboTransactionId).toBeNull();
    expect(oldNow.history.find((h) => h.toStatus === "Failed")?.note).toMatch(/Not sent: Cobo never confirmed it within \d+ minutes/);
    // Never sent, then or later.
    await reconcile({ pullEvents: false, callbacks: false });
    expect(await getCoboGateway().getTransactionByRequestId(old.requestId)).toBeNull();
  }, 120_000);
});
