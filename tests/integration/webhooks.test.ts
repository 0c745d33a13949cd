import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clearCoboWebhookPublicKeyCache } from "@/lib/cobo/verify-signature";
import { applyWebhookEvent } from "@/lib/server/webhooks/apply-webhook-event";
import { coboWalletNameFor } from "@/lib/server/wallets/create-wallet";
import { receiveWebhook } from "@/lib/http/cobo-webhook";
import { setupAppHarness } from "../helpers/app-harness";
import { newTestSigner } from "../helpers/cobo-signing";
import { resetEnvCache } from "../../lib/env";

// The webhook endpoint against forged, tampered, replayed, truncated and oversized deliveries.
// Signed with a test key configured as Cobo's public key for this file.

const signer = newTestSigner();
const app = setupAppHarness({ env: { COBO_WEBHOOK_PUBLIC_KEY: signer.publicKey, COBO_WEBHOOK_MAX_BODY_BYTES: "4096" } });

function event(
  type = "wallets.mpc.tss_request.updated",
  data: Record<string, unknown> = { data_type: "TSSRequest", tss_request_id: "not-ours", status: "Success" },
) {
  return JSON.stringify({ event_id: randomUUID(), url: "http://x", created_timestamp: Date.now(), type, data });
}

async function deliver(rawBody: string, headers: Record<string, string>) {
  const queued: string[] = [];
  const res = await receiveWebhook(
    new Request("http://127.0.0.1/api/webhooks/cobo", { method: "POST", body: rawBody, headers }),
    async (id) => {
      queued.push(id);
    },
  );
  return { status: res.status, text: await res.text(), queued };
}

async function rowCounts() {
  const [events, tss, tx, changes] = await Promise.all([
    app.db.webhookEvent.count(),
    app.db.tssRequest.count(),
    app.db.transaction.count(),
    app.db.tssRequestStatusChange.count(),
  ]);
  return { events, tss, tx, changes };
}

describe("webhook endpoint", () => {
  it("stores a valid event, answers 200 at once, and leaves applying to a job", async () => {
    const body = event();
    const res = await deliver(body, signer.headers(body));
    expect(res.status).toBe(200);
    expect(res.queued).toHaveLength(1);
    const row = await app.db.webhookEvent.findUniqueOrThrow({ where: { id: res.queued[0]! } });
    expect(row).toMatchObject({ status: "received", signatureResult: "valid", source: "push", rawBody: body, attempts: 0 });
  });

  it("acknowledges a duplicate without storing or queueing it again", async () => {
    const body = event();
    const first = await deliver(body, signer.headers(body));
    const again = await deliver(body, signer.headers(body));
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.queued).toEqual([]);
    const id = JSON.parse(body).event_id as string;
    expect(await app.db.webhookEvent.count({ where: { eventId: id } })).toBe(1);
  });

  it("accepts a correctly signed retry however old its timestamp (seconds or milliseconds) once, and deduplicates the rest", async () => {
    const body = event();
    const eventId = JSON.parse(body).event_id as string;
    const day = 24 * 60 * 60_000;
    const attempts = [
      signer.headers(body, Date.now() - 3 * day), // the first attempt's headers, three days later
      signer.headers(body, Date.now() - 3 * day),
      signer.headers(body, Math.floor((Date.now() - 2 * day) / 1000)), // seconds
      signer.headers(body, Date.now() + 10 * 60_000), // Cobo's clock ahead of ours
    ];
    const answers = [];
    for (const headers of attempts) answers.push(await deliver(body, headers));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.queued.length)).toEqual([1, 0, 0, 0]);
    expect(await app.db.webhookEvent.count({ where: { eventId } })).toBe(1);
  });

  it("with COBO_WEBHOOK_MAX_AGE_SECONDS set, refuses older timestamps in either unit and counts them as stale", async () => {
    process.env.COBO_WEBHOOK_MAX_AGE_SECONDS = "3600";
    resetEnvCache();
    try {
      const count = async () =>
        (await app.db.inboundRejectionCount.findUnique({ where: { channel_reason: { channel: "webhook", reason: "stale_timestamp" } } }))
          ?.count ?? 0n;
      const before = await count();
      const body = event();
      expect((await deliver(body, signer.headers(body, Date.now() - 2 * 3_600_000))).status).toBe(401);
      expect((await deliver(body, signer.headers(body, Math.floor((Date.now() - 2 * 3_600_000) / 1000)))).status).toBe(401);
      expect(await count()).toBe(before + 2n);
      expect((await deliver(body, signer.headers(body, Math.floor((Date.now() - 60_000) / 1000)))).status).toBe(200);
    } finally {
      delete process.env.COBO_WEBHOOK_MAX_AGE_SECONDS;
      resetEnvCache();
    }
  });

  it("refuses forged, tampered, unsigned and oversized deliveries, changing nothing, and counts each refusal without its body", async () => {
    const counts = async () =>
      Object.fromEntries(
        (await app.db.inboundRejectionCount.findMany({ where: { channel: "webhook" } })).map((c) => [c.reason, Number(c.count)]),
      );
    const countsBefore = await counts();
    const before = await rowCounts();
    const body = event();
    const other = newTestSigner();
    const cases: [string, string, Record<string, string>][] = [
      ["wrong key", body, other.headers(body)],
      ["tampered body", body.replace("Success", "KeyGeneratingFailed"), signer.headers(body)],
      ["no signature", body, { "content-type": "application/json", "biz-timestamp": String(Date.now()) }],
      ["no timestamp", body, { "content-type": "application/json", "biz-resp-signature": signer.headers(body)["biz-resp-signature"]! }],
      ["garbage timestamp", body, { ...signer.headers(body), "biz-timestamp": "yesterday" }],
      ["timestamp of 9 digits", body, signer.headers(body, 179637120)],
    ];
    for (const [name, raw, headers] of cases) {
      const res = await deliver(raw, headers);
      expect(res.status, name).toBe(401);
      expect(res.queued, name).toEqual([]);
    }
    const big = event("wallets.transaction.updated", { data_type: "Transaction", padding: "x".repeat(5000) });
    const oversized = await deliver(big, signer.headers(big));
    expect(oversized.status).toBe(413);
    expect(await rowCounts()).toEqual(before);
    const n = (c: Record<string, number>, reason: string) => c[reason] ?? 0;
    const after = await counts();
    expect({
      bad: n(after, "bad_signature") - n(countsBefore, "bad_signature"),
      missing: n(after, "missing_signature") - n(countsBefore, "missing_signature"),
      invalidTimestamp: n(after, "invalid_timestamp") - n(countsBefore, "invalid_timestamp"),
      tooLarge: n(after, "too_large") - n(countsBefore, "too_large"),
    }).toEqual({ bad: 2, missing: 2, invalidTimestamp: 2, tooLarge: 1 });
    const samples = await app.db.inboundRejectionSample.findMany({
      where: { channel: "webhook" },
      orderBy: { receivedAt: "desc" },
      take: 7,
    });
    expect(samples.map((x) => x.reason)).toContain("bad_signature");
    // No body is kept: the claimed event id, the size and a hash only.
    for (const x of samples) expect(Object.values(x).some((v) => typeof v === "string" && v.includes("data_type"))).toBe(false);
    expect(samples.find((x) => x.reason === "bad_signature")).toMatchObject({
      claimedEventId: JSON.parse(body).event_id,
      claimedType: "wallets.mpc.tss_request.updated",
    });
  });

  it("refuses a signed but truncated or shapeless body with 400, storing nothing", async () => {
    const before = await rowCounts();
    const truncated = event().slice(0, 40);
    expect((await deliver(truncated, signer.headers(truncated))).status).toBe(400);
    const shapeless = JSON.stringify({ hello: "world" });
    expect((await deliver(shapeless, signer.headers(shapeless))).status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it("keeps unknown event types and events about other projects, applying them as ignored", async () => {
    const unknownType = event("payment.order.created", { data_type: "PaymentOrder", order_id: "o1" });
    const a = await deliver(unknownType, signer.headers(unknownType));
    expect(a.status).toBe(200);
    expect(await applyWebhookEvent(a.queued[0]!)).toBe("ignored");
    const foreignTx = event("wallets.transaction.updated", {
      data_type: "Transaction",
      transaction_id: randomUUID(),
      wallet_id: randomUUID(),
      status: "Completed",
      source: { source_type: "User-Controlled" },
      destination: { destination_type: "Address" },
      initiator_type: "API",
    });
    const b = await deliver(foreignTx, signer.headers(foreignTx));
    expect(await applyWebhookEvent(b.queued[0]!)).toBe("ignored");
    expect(await app.db.transaction.count()).toBe(0);
    const rows = await app.db.webhookEvent.findMany({
      where: { id: { in: [a.queued[0]!, b.queued[0]!] } },
      select: { status: true, appliedAt: true },
    });
    expect(rows.every((r) => r.status === "ignored" && r.appliedAt)).toBe(true);
  });

  it("answers 503 and stores nothing when the verification key cannot be had", async () => {
    const saved = { key: process.env.COBO_WEBHOOK_PUBLIC_KEY, base: process.env.COBO_BASE_URL };
    delete process.env.COBO_WEBHOOK_PUBLIC_KEY;
    process.env.COBO_BASE_URL = "http://127.0.0.1:9/v2"; // nothing listens: the sandbox key cannot be fetched
    resetEnvCache();
    clearCoboWebhookPublicKeyCache();
    try {
      const before = await rowCounts();
      const body = event();
      const res = await deliver(body, signer.headers(body));
      expect(res.status).toBe(503);
      expect(await rowCounts()).toEqual(before);
    } finally {
      process.env.COBO_WEBHOOK_PUBLIC_KEY = saved.key;
      process.env.COBO_BASE_URL = saved.base;
      resetEnvCache();
      clearCoboWebhookPublicKeyCache();
    }
  });

  it("a wallet made at Cobo for one of our vaults is adopted under the user's name, once", async () => {
    const user = await app.db.user.create({ data: { email: `adopt-${randomUUID()}@example.com` } });
    const coboVaultId = randomUUID();
    await app.db.vault.create({ data: { userId: user.id, coboVaultId, name: "v", coboProjectId: "p", status: "MainGroupGenerated" } });
    const walletId = randomUUID();
    const payload = {
      data_type: "WalletInfo",
      wallet: {
        wallet_id: walletId,
        wallet_type: "MPC",
        wallet_subtype: "User-Controlled",
        name: coboWalletNameFor("Savings", coboVaultId),
        vault_id: coboVaultId,
      },
    };
    for (let i = 0; i < 2; i++) {
      const body = event("wallets.created", payload);
      const res = await deliver(body, signer.headers(body));
      expect(await applyWebhookEvent(res.queued[0]!)).toBe("applied");
    }
    expect(await app.db.wallet.findMany({ where: { coboWalletId: walletId }, select: { name: true } })).toEqual([{ name: "Savings" }]);
  });

  it("dispatches by the event's type: a payload that claims another data type, or an unknown type, is stored and ignored", async () => {
    const user = await app.db.user.create({ data: { email: `dispatch-${randomUUID()}@example.com` } });
    const coboVaultId = randomUUID();
    const vault = await app.db.vault.create({
      data: { userId: user.id, coboVaultId, name: "v", coboProjectId: "p", status: "MainGroupGenerated" },
    });
    const coboWalletId = randomUUID();
    await app.db.wallet.create({ data: { coboWalletId, vaultId: vault.id, name: "Main" } });
    const deposit = {
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
    };
    // A type Cobo may add later, carrying a Transaction of one of our wallets: dispatching by
    // data_type would have stored a deposit; by type it is kept and ignored.
    const unknown = event("wallets.transaction.audited", deposit);
    const a = await deliver(unknown, signer.headers(unknown));
    expect(await applyWebhookEvent(a.queued[0]!)).toBe("ignored");
    // A TSS request event whose data is a Transaction: not applied as a transaction either.
    const mismatched = event("wallets.mpc.tss_request.updated", deposit);
    const b = await deliver(mismatched, signer.headers(mismatched));
    expect(await applyWebhookEvent(b.queued[0]!)).toBe("ignored");
    expect(await app.db.transaction.count({ where: { coboTransactionId: deposit.transaction_id } })).toBe(0);
    const rows = await app.db.webhookEvent.findMany({
      where: { id: { in: [a.queued[0]!, b.queued[0]!] } },
      orderBy: { receivedAt: "asc" },
      select: { type: true, status: true, lastError: true },
    });
    expect(rows).toEqual([
      { type: "wallets.transaction.audited", status: "ignored", lastError: "no handler for event type wallets.transaction.audited" },
      {
        type: "wallets.mpc.tss_request.updated",
        status: "ignored",
        lastError: "its data (data_type Transaction) does not match event type wallets.mpc.tss_request.updated",
      },
    ]);
    // The same payload under its own type is applied: the deposit is stored.
    const proper = event("wallets.transaction.succeeded", deposit);
    const c = await deliver(proper, signer.headers(proper));
    expect(await applyWebhookEvent(c.queued[0]!)).toBe("applied");
    expect(
      await app.db.transaction.findFirst({ where: { coboTransactionId: deposit.transaction_id }, select: { type: true, status: true } }),
    ).toEqual({ type: "Deposit", status: "Completed" });
  });
});
