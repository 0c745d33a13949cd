import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createInboxWorker } from "@/lib/jobs/inbox-worker";
import { applyDueInboxEvents, claimDueInboxEvents, INBOX_RETRY } from "@/lib/server/cobo-inbound/inbox";
import { receiveWebhook } from "@/lib/http/cobo-webhook";
import { setupAppHarness } from "../helpers/app-harness";
import { newTestSigner } from "../helpers/cobo-signing";
import { waitFor } from "../helpers/device";
import { sandboxRequest } from "../helpers/sandbox";

// The webhook inbox as its own job queue: events stored by the endpoint are claimed with
// FOR UPDATE SKIP LOCKED and a lease, applied once however many workers share the database, claimed
// again when a claimer died, and retried under one backoff policy.

const signer = newTestSigner();
const app = setupAppHarness({ env: { COBO_WEBHOOK_PUBLIC_KEY: signer.publicKey } });

/** Stores a signed event through the real endpoint (nothing applies it); returns the inbox row id, or null for a duplicate. */
async function store(rawBody: string): Promise<string | null> {
  let id: string | null = null;
  const res = await receiveWebhook(
    new Request("http://127.0.0.1/api/webhooks/cobo", { method: "POST", body: rawBody, headers: signer.headers(rawBody) }),
    (stored) => {
      id = stored;
    },
  );
  expect(res.status).toBe(200);
  return id;
}

const envelope = (type: string, data: Record<string, unknown>) =>
  JSON.stringify({ event_id: randomUUID(), url: "http://x", created_timestamp: Date.now(), type, data });

/** A deposit into one of our wallets: applying it stores the transaction and one timeline entry. */
function deposit(coboWalletId: string) {
  return envelope("wallets.transaction.succeeded", {
    data_type: "Transaction",
    transaction_id: randomUUID(),
    wallet_id: coboWalletId,
    type: "Deposit",
    status: "Completed",
    chain_id: "XTN",
    token_id: "XTN",
    source: { source_type: "DepositFromAddress", addresses: ["tb1qsender"] },
    destination: {
      destination_type: "DepositToAddress",
      wallet_id: coboWalletId,
      wallet_subtype: "User-Controlled",
      address: "tb1qours",
      amount: "0.5",
    },
    initiator_type: "External",
    created_timestamp: Date.now(),
    updated_timestamp: Date.now(),
  });
}

/** A transaction of a User-Controlled wallet we do not know: applying it asks Cobo for the wallet. */
function unknownWalletTransaction() {
  return envelope("wallets.transaction.updated", {
    data_type: "Transaction",
    transaction_id: randomUUID(),
    wallet_id: randomUUID(),
    status: "Completed",
    source: { source_type: "User-Controlled" },
    destination: { destination_type: "Address" },
    initiator_type: "API",
  });
}

async function ourWallet(): Promise<{ id: string; coboWalletId: string }> {
  const user = await app.db.user.create({ data: { email: `inbox-${randomUUID()}@example.com` } });
  const vault = await app.db.vault.create({
    data: { userId: user.id, coboVaultId: randomUUID(), name: "v", coboProjectId: "p", status: "MainGroupGenerated" },
  });
  return app.db.wallet.create({
    data: { coboWalletId: randomUUID(), vaultId: vault.id, name: "Main" },
    select: { id: true, coboWalletId: true },
  });
}

const dbNow = async () => (await app.db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!.now.getTime();

describe("inbox worker", () => {
  it(
    "two workers on one database apply each of 40 events exactly once; duplicates are not stored again",
    { timeout: 120_000 },
    async () => {
      const wallet = await ourWallet();
      const bodies = Array.from({ length: 40 }, () => deposit(wallet.coboWalletId));
      const ids: string[] = [];
      for (const body of bodies) ids.push((await store(body))!);
      for (const body of bodies.slice(0, 10)) expect(await store(body)).toBeNull();
      expect(new Set(ids).size).toBe(40);

      const a = createInboxWorker({ concurrency: 3, idlePollMs: 50 });
      const b = createInboxWorker({ concurrency: 3, idlePollMs: 50 });
      try {
        await waitFor(
          async () => (await app.db.webhookEvent.count({ where: { id: { in: ids }, status: "applied" } })) === 40 || undefined,
          "both workers to apply the 40 events",
        );
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
      expect(a.counts.applied + b.counts.applied).toBe(40);
      expect(a.counts.failed + b.counts.failed).toBe(0);
      const rows = await app.db.webhookEvent.findMany({ where: { id: { in: ids } }, select: { status: true, attempts: true } });
      expect(rows.every((r) => r.status === "applied" && r.attempts === 1)).toBe(true);
      // a second apply of any of them would have added a timeline entry (applied: false) to its transaction
      expect(await app.db.transaction.count({ where: { walletId: wallet.id } })).toBe(40);
      expect(await app.db.transactionStatusChange.count({ where: { transaction: { walletId: wallet.id } } })).toBe(40);
    },
  );

  it("an event claimed by a worker that died is left alone until its lease ends, then applied once", { timeout: 60_000 }, async () => {
    const wallet = await ourWallet();
    const id = (await store(deposit(wallet.coboWalletId)))!;
    // a worker claims it and dies before applying it
    const claimed = await claimDueInboxEvents(100);
    expect(claimed.map((e) => e.id)).toContain(id);
    expect(await applyDueInboxEvents(100)).toEqual({ applied: 0, failed: 0 });
    const leased = await app.db.webhookEvent.findUniqueOrThrow({ where: { id }, select: { status: true, nextAttemptAt: true } });
    expect(leased.status).toBe("received");
    expect(leased.nextAttemptAt.getTime()).toBeGreaterThan((await dbNow()) + (INBOX_RETRY.leaseSeconds - 10) * 1000);
    // the lease runs out
    await app.db.webhookEvent.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    expect(await applyDueInboxEvents(100)).toEqual({ applied: 1, failed: 0 });
    expect(await app.db.webhookEvent.findUniqueOrThrow({ where: { id }, select: { status: true, attempts: true } })).toEqual({
      status: "applied",
      attempts: 1,
    });
    expect(await app.db.transactionStatusChange.count({ where: { transaction: { walletId: wallet.id } } })).toBe(1);
  });

  it(
    "a failed apply is due again after its backoff, then applied; after the last attempt it is left failed",
    { timeout: 60_000 },
    async () => {
      const id = (await store(unknownWalletTransaction()))!;
      await sandboxRequest(app.sandbox, "POST", "/_sandbox/faults", {
        method: "GET",
        path_prefix: "/v2/wallets/",
        kind: "status",
        status: 400,
      });
      try {
        const before = await dbNow();
        expect(await applyDueInboxEvents(100)).toEqual({ applied: 0, failed: 1 });
        const after = await dbNow();
        const failed = await app.db.webhookEvent.findUniqueOrThrow({
          where: { id },
          select: { status: true, attempts: true, nextAttemptAt: true },
        });
        expect(failed).toMatchObject({ status: "failed", attempts: 1 });
        // the first retry is due 5 s after the failure
        expect(failed.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + INBOX_RETRY.backoffBaseSeconds * 1000);
        expect(failed.nextAttemptAt.getTime()).toBeLessThanOrEqual(after + INBOX_RETRY.backoffBaseSeconds * 1000);
        expect(await applyDueInboxEvents(100)).toEqual({ applied: 0, failed: 0 });
      } finally {
        await sandboxRequest(app.sandbox, "DELETE", "/_sandbox/faults");
      }
      // the backoff ends: Cobo answers now (no such wallet), so the event is kept as ignored
      await app.db.webhookEvent.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
      expect(await applyDueInboxEvents(100)).toEqual({ applied: 1, failed: 0 });
      expect(await app.db.webhookEvent.findUniqueOrThrow({ where: { id }, select: { status: true, attempts: true } })).toEqual({
        status: "ignored",
        attempts: 2,
      });

      // an event that used its last attempt is not claimed again
      const spent = (await store(unknownWalletTransaction()))!;
      await app.db.webhookEvent.update({
        where: { id: spent },
        data: { status: "failed", attempts: INBOX_RETRY.maxAttempts, nextAttemptAt: new Date(Date.now() - 1000) },
      });
      expect((await claimDueInboxEvents(100)).map((e) => e.id)).not.toContain(spent);
    },
  );

  it("a worker is woken by a new delivery and applies it without waiting for its poll", { timeout: 60_000 }, async () => {
    const wallet = await ourWallet();
    const worker = createInboxWorker({ concurrency: 2, idlePollMs: 3_600_000 });
    try {
      // its first claim (at start) finds nothing; only the delivery's wake can make it claim again within the hour
      const body = deposit(wallet.coboWalletId);
      const res = await receiveWebhook(
        new Request("http://127.0.0.1/api/webhooks/cobo", { method: "POST", body, headers: signer.headers(body) }),
        () => worker.wake(),
      );
      expect(res.status).toBe(200);
      await waitFor(async () => (worker.counts.applied === 1 ? true : undefined), "the woken worker to apply the delivery");
    } finally {
      await worker.stop();
    }
    expect(await app.db.transaction.count({ where: { walletId: wallet.id } })).toBe(1);
  });
});
