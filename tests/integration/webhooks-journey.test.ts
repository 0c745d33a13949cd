import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getCoboGateway } from "@/lib/cobo/client";
import type { WebhookEvent } from "@/lib/cobo/types";
import { reconcile } from "@/lib/server/reconciliation/reconcile";
import { applyWebhookEvent } from "@/lib/server/webhooks/apply-webhook-event";
import { receiveWebhook } from "@/lib/http/cobo-webhook";
import { POST as createAddress } from "@/app/api/v1/wallets/[wallet_id]/addresses/route";
import { POST as estimateFee } from "@/app/api/v1/wallets/[wallet_id]/fee-estimates/route";
import { POST as transfer } from "@/app/api/v1/wallets/[wallet_id]/transfers/route";
import { POST as createWallet } from "@/app/api/v1/wallets/route";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newTestSigner } from "../helpers/cobo-signing";
import { readyAppUser, simulateDeposit, waitFor } from "../helpers/device";

// A whole journey's webhook events (KeyGen, deposit, withdrawal), delivered to our endpoint in
// order, then again duplicated and shuffled, must end in the same state, which is Cobo's. The
// sandbox delivers its own events to a sink; this file re-signs them with a test key configured
// as Cobo's public key, so they go through the real endpoint and verification.

const signer = newTestSigner();
const sink = async () => new Response("ok");
const app = setupAppHarness({ env: { COBO_WEBHOOK_PUBLIC_KEY: signer.publicKey }, routes: { "/sink": sink }, sandbox: { webhookUrl: "" } });

async function allSandboxEvents(): Promise<WebhookEvent[]> {
  const cobo = getCoboGateway();
  const events: WebhookEvent[] = [];
  for (const endpoint of (await cobo.listWebhookEndpoints({ limit: 50 })).data) {
    let after: string | undefined;
    for (;;) {
      const page = await cobo.listWebhookEvents(endpoint.endpoint_id, { limit: 50, ...(after ? { after } : {}) });
      events.push(...page.data);
      after = page.pagination?.after ?? undefined;
      if (!after || page.data.length === 0) break;
    }
  }
  return events.sort((a, b) => (a.created_timestamp ?? 0) - (b.created_timestamp ?? 0));
}

async function deliverAll(events: WebhookEvent[]) {
  for (const e of events) {
    const raw = JSON.stringify(e);
    const res = await receiveWebhook(
      new Request("http://127.0.0.1/api/webhooks/cobo", { method: "POST", body: raw, headers: signer.headers(raw) }),
      async () => undefined,
    );
    expect(res.status).toBe(200);
  }
  // the job worker's part: apply what the inbox holds, in arrival order
  const rows = await app.db.webhookEvent.findMany({ where: { status: "received" }, orderBy: { receivedAt: "asc" }, select: { id: true } });
  for (const r of rows) await applyWebhookEvent(r.id);
}

async function snapshot(coboWalletId: string) {
  const txs = await app.db.transaction.findMany({
    where: { wallet: { coboWalletId } },
    orderBy: { coboTransactionId: "asc" },
    select: {
      coboTransactionId: true,
      type: true,
      status: true,
      subStatus: true,
      transactionHash: true,
      amount: true,
      destinationAddress: true,
    },
  });
  return txs.map((t) => ({ ...t, amount: t.amount.toFixed() }));
}

/** What the events say about the vault's TSS requests, its groups and the wallet's addresses. */
async function vaultSnapshot(vaultId: string, coboWalletId: string) {
  const [tssRequests, groups, vault, addresses] = await Promise.all([
    app.db.tssRequest.findMany({
      where: { vaultId },
      orderBy: { coboTssRequestId: "asc" },
      select: {
        coboTssRequestId: true,
        type: true,
        status: true,
        requestedBy: true,
        finalizedAt: true,
        targetGroup: { select: { coboGroupId: true } },
        sourceGroup: { select: { coboGroupId: true } },
      },
    }),
    app.db.keyShareHolderGroup.findMany({
      where: { vaultId },
      orderBy: { coboGroupId: "asc" },
      select: { coboGroupId: true, status: true, lifecycle: true, rootPubkey: true },
    }),
    app.db.vault.findUniqueOrThrow({
      where: { id: vaultId },
      select: { status: true, rootPubkey: true, activeMainGroup: { select: { coboGroupId: true } } },
    }),
    app.db.address.findMany({
      where: { wallet: { coboWalletId } },
      orderBy: { address: "asc" },
      select: { chainId: true, address: true, path: true, pubkey: true, encoding: true },
    }),
  ]);
  const wallet = await app.db.wallet.findUnique({ where: { coboWalletId }, select: { name: true, vaultId: true } });
  return {
    tssRequests: tssRequests.map(({ finalizedAt, ...t }) => ({ ...t, finalized: finalizedAt !== null })),
    groups,
    vault,
    wallet,
    addresses,
  };
}

/**
 * Forget everything the events taught us: transactions, TSS requests (with their effects on the
 * groups and the vault), the wallet and its addresses, and the inbox itself. The vault and its
 * groups stay: events name the groups, and the vault holds the user.
 */
async function forgetTransactions(coboWalletId: string, vaultId: string) {
  await app.db.transactionStatusChange.deleteMany({ where: { transaction: { wallet: { coboWalletId } } } });
  await app.db.transaction.deleteMany({ where: { wallet: { coboWalletId } } });
  await app.db.tssRequestStatusChange.deleteMany({ where: { tssRequest: { vaultId } } });
  await app.db.tssRequest.deleteMany({ where: { vaultId } });
  await app.db.keyShareHolderGroup.updateMany({ where: { vaultId }, data: { status: "New", lifecycle: "pending" } });
  await app.db.vault.update({ where: { id: vaultId }, data: { activeMainGroupId: null, status: "MainGroupCreated" } });
  await app.db.address.deleteMany({ where: { wallet: { coboWalletId } } });
  await app.db.wallet.deleteMany({ where: { coboWalletId } });
  await app.db.webhookEvent.deleteMany({});
}

function shuffledWithDuplicates<T>(items: T[]): T[] {
  const doubled = [...items, ...items];
  for (let i = doubled.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [doubled[i], doubled[j]] = [doubled[j]!, doubled[i]!];
  }
  return doubled;
}

describe("a journey's webhooks", () => {
  it("duplicated and shuffled end in the same state as in order, which is Cobo's", { timeout: 240_000 }, async () => {
    await getCoboGateway().createWebhookEndpoint({
      url: `${app.routes.origin}/sink`,
      subscribed_events: [
        "wallets.transaction.created",
        "wallets.transaction.updated",
        "wallets.transaction.failed",
        "wallets.transaction.succeeded",
        "wallets.mpc.tss_request.created",
        "wallets.mpc.tss_request.updated",
        "wallets.mpc.tss_request.failed",
        "wallets.mpc.tss_request.succeeded",
        "wallets.addresses.created",
        "wallets.created",
        "mpc_vaults.created",
      ],
    });
    const user = await readyAppUser(app.sandbox, "journey");
    const wallet = await call(createWallet, { path: "/api/v1/wallets", token: user.token, body: { name: "journey wallet" } });
    expect(wallet.status).toBe(201);
    const walletId = (wallet.body as { wallet_id: string }).wallet_id;
    const from = (
      await call(createAddress, {
        path: `/api/v1/wallets/${walletId}/addresses`,
        params: { wallet_id: walletId },
        token: user.token,
        body: { chain_id: "SETH" },
      })
    ).body as { address: string };
    const to = (
      await call(createAddress, {
        path: `/api/v1/wallets/${walletId}/addresses`,
        params: { wallet_id: walletId },
        token: user.token,
        body: { chain_id: "SETH" },
      })
    ).body as { address: string };
    const deposit = await simulateDeposit(app.sandbox, from.address, "1.5", "SETH");
    await waitFor(
      async () => (await getCoboGateway().getTransaction(deposit.transaction_id)).status === "Completed",
      "the deposit to complete",
    );

    const fee = (
      await call(estimateFee, {
        path: `/api/v1/wallets/${walletId}/fee-estimates`,
        params: { wallet_id: walletId },
        token: user.token,
        body: { token_id: "SETH", from_address: from.address, to_address: to.address, amount: "0.25" },
      })
    ).body as {
      token_id: string;
      recommended: { max_fee_per_gas: string; max_priority_fee_per_gas: string; gas_limit?: string };
    };
    const sent = await call(transfer, {
      path: `/api/v1/wallets/${walletId}/transfers`,
      params: { wallet_id: walletId },
      token: user.token,
      headers: { "idempotency-key": randomUUID() },
      body: {
        token_id: "SETH",
        from_address: from.address,
        to_address: to.address,
        amount: "0.25",
        fee: { fee_type: "EVM_EIP_1559", token_id: fee.token_id, ...fee.recommended },
      },
    });
    expect(sent.status).toBe(201);
    const coboTxId = (sent.body as { transaction: { cobo_transaction_id: string } }).transaction.cobo_transaction_id;
    let seen = "";
    await waitFor(async () => {
      seen = (await getCoboGateway().getTransaction(coboTxId)).status;
      return (await user.device.pendingTransactions()).some((t) => t.transaction_id === coboTxId);
    }, "the device to see the withdrawal").catch((e: Error) => {
      throw new Error(`${e.message}; Cobo status ${seen}; transfer answer ${sent.text}`);
    });
    await user.device.approveTransactions([coboTxId]);
    await waitFor(
      async () => (await getCoboGateway().getTransaction(coboTxId)).status === "Completed",
      "the withdrawal to complete",
      90_000,
    );

    const walletRow = await app.db.wallet.findUniqueOrThrow({ where: { coboWalletId: walletId }, select: { id: true, vaultId: true } });
    const before = await vaultSnapshot(walletRow.vaultId, walletId);
    // Wait until every transaction the events speak of is final at Cobo, with its final event listed
    // (the withdrawal to our own address also makes a deposit, which completes a moment later).
    const events = await waitFor(async () => {
      const all = await allSandboxEvents();
      const txData = all
        .filter((e) => e.type.startsWith("wallets.transaction."))
        .map((e) => e.data as { transaction_id?: string; status?: string });
      const ids = new Set(txData.map((d) => d.transaction_id));
      const done = new Set(txData.filter((d) => d.status === "Completed").map((d) => d.transaction_id));
      return ids.has(coboTxId) && ids.has(deposit.transaction_id) && [...ids].every((id) => done.has(id)) ? all : undefined;
    }, "the final transaction events");
    expect(events.filter((e) => e.type.startsWith("wallets.transaction.")).length).toBeGreaterThanOrEqual(4);

    await forgetTransactions(walletId, walletRow.vaultId);
    await deliverAll(events);
    const inOrder = await snapshot(walletId);
    const vaultInOrder = await vaultSnapshot(walletRow.vaultId, walletId);

    await forgetTransactions(walletId, walletRow.vaultId);
    await deliverAll(shuffledWithDuplicates(events));
    const shuffled = await snapshot(walletId);
    const vaultShuffled = await vaultSnapshot(walletRow.vaultId, walletId);

    expect(shuffled).toEqual(inOrder);
    expect(vaultShuffled).toEqual(vaultInOrder);
    // ...and it is what the backend had before forgetting: the KeyGen adopted back from its events
    // (Success, Main Group active), the addresses from theirs, with Cobo's paths and keys.
    expect(vaultInOrder).toEqual(before);
    expect(vaultInOrder.tssRequests.map((t) => [t.type, t.status])).toEqual([["KeyGen", "Success"]]);
    expect(vaultInOrder.addresses.map((a) => a.address).sort()).toEqual([from.address, to.address].sort());
    const cobo = getCoboGateway();
    for (const t of inOrder) {
      const remote = await cobo.getTransaction(t.coboTransactionId!);
      expect(t.status).toBe(remote.status);
    }
    // the first deposit, the withdrawal, and the deposit it made to our own second address
    expect(inOrder.map((t) => [t.type, t.status]).sort()).toEqual([
      ["Deposit", "Completed"],
      ["Deposit", "Completed"],
      ["Withdrawal", "Completed"],
    ]);
    // each event was stored once however often it came
    expect(await app.db.webhookEvent.count()).toBe(new Set(events.map((e) => e.event_id)).size);
  });

  it("reconciliation heals a dropped webhook: Cobo's state arrives by polling and is recorded as drift", { timeout: 120_000 }, async () => {
    const user = await readyAppUser(app.sandbox, "dropped");
    // KeyGen succeeded at Cobo; pretend we missed it: our row still says it is waiting
    const row = await app.db.tssRequest.findUniqueOrThrow({ where: { coboTssRequestId: user.tssRequestId }, select: { id: true } });
    await app.db.tssRequest.update({ where: { id: row.id }, data: { status: "MPCProcessing", lastSyncedAt: null, finalizedAt: null } });
    const report = await reconcile({ pullEvents: false });
    expect(report.tssRequests).toBeGreaterThanOrEqual(1);
    expect(await app.db.tssRequest.findUniqueOrThrow({ where: { id: row.id }, select: { status: true } })).toEqual({ status: "Success" });
    const drift = await app.db.reconciliationDrift.findFirst({ where: { subjectType: "tss_request", subjectId: user.tssRequestId } });
    expect(drift).toMatchObject({ ourValue: "MPCProcessing", coboValue: "Success" });
    expect(drift?.resolvedAt).not.toBeNull();
  });

  it("an event stored but never applied (the process died) is applied by the next reconciliation, once", { timeout: 120_000 }, async () => {
    const user = await readyAppUser(app.sandbox, "crash");
    const row = await app.db.tssRequest.findUniqueOrThrow({ where: { coboTssRequestId: user.tssRequestId }, select: { id: true } });
    await app.db.tssRequest.update({
      where: { id: row.id },
      data: { status: "PendingKeyHolderConfirmation", finalizedAt: null, lastSyncedAt: new Date() },
    });
    const raw = JSON.stringify({
      event_id: randomUUID(),
      url: "x",
      created_timestamp: Date.now(),
      type: "wallets.mpc.tss_request.succeeded",
      data: { data_type: "TSSRequest", tss_request_id: user.tssRequestId, status: "Success" },
    });
    // stored, then "killed" before the job ran: the enqueue never happens
    await receiveWebhook(
      new Request("http://127.0.0.1/api/webhooks/cobo", { method: "POST", body: raw, headers: signer.headers(raw) }),
      async () => {
        throw new Error("process died");
      },
    );
    const stored = await app.db.webhookEvent.findFirstOrThrow({ where: { rawBody: raw } });
    expect(stored.status).toBe("received");
    await reconcile({ now: Date.now() + 10_000, pullEvents: false });
    expect(await app.db.webhookEvent.findUniqueOrThrow({ where: { id: stored.id }, select: { status: true, attempts: true } })).toEqual({
      status: "applied",
      attempts: 1,
    });
    expect((await app.db.tssRequest.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("Success");
    // applying it again changes nothing
    const changes = await app.db.tssRequestStatusChange.count({ where: { tssRequestId: row.id } });
    expect(await applyWebhookEvent(stored.id)).toBe("applied");
    expect(await app.db.tssRequestStatusChange.count({ where: { tssRequestId: row.id } })).toBe(changes);
  });

  it("a transaction Cobo does not know is recorded as open drift, once", { timeout: 120_000 }, async () => {
    const user = await readyAppUser(app.sandbox, "ghost");
    const vault = await app.db.vault.findUniqueOrThrow({ where: { userId: user.id }, select: { id: true } });
    const wallet = await app.db.wallet.create({ data: { vaultId: vault.id, coboWalletId: randomUUID(), name: "ghost wallet" } });
    const ghostId = randomUUID();
    await app.db.transaction.create({
      data: {
        requestId: randomUUID(),
        coboTransactionId: ghostId,
        walletId: wallet.id,
        type: "Withdrawal",
        chainId: "SETH",
        tokenId: "SETH",
        amount: "0.1",
        status: "Broadcasting",
      },
    });
    await reconcile({ pullEvents: false });
    await reconcile({ now: Date.now() + 60 * 60_000, pullEvents: false });
    const drifts = await app.db.reconciliationDrift.findMany({ where: { subjectType: "transaction", subjectId: ghostId } });
    expect(drifts).toHaveLength(1);
    expect(drifts[0]).toMatchObject({ ourValue: "Broadcasting", coboValue: null, resolvedAt: null });
  });
});
