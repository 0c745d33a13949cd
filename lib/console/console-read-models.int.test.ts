import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDashboardStats } from "@/lib/console/get-dashboard-stats";
import { getTransactionDetail } from "@/lib/console/get-transaction-detail";
import { getTssRequestDetail } from "@/lib/console/get-tss-request-detail";
import { getUserDetail } from "@/lib/console/get-user-detail";
import { getVaultDetail } from "@/lib/console/get-vault-detail";
import { getWebhookEvent } from "@/lib/console/get-webhook-event";
import { listAuditLog } from "@/lib/console/list-audit-log";
import { listConsoleSessions } from "@/lib/console/list-console-sessions";
import { listConsoleUsers } from "@/lib/console/list-console-users";
import { listConsoleTransactions } from "@/lib/console/list-transactions";
import { listTssRequests } from "@/lib/console/list-tss-requests";
import { listUsers } from "@/lib/console/list-users";
import { listVaults } from "@/lib/console/list-vaults";
import { listWebhookEvents } from "@/lib/console/list-webhook-events";
import { setupTestDatabase } from "../../tests/helpers/db";

// The console's read models against a real database: what they return is what the pages show,
// so these check paging, filtering, ordering, serialization (money as exact decimal strings,
// dates as ISO) and that secrets and internals never appear in the rows.

const t = setupTestDatabase();
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

type Fixture = {
  alice: { userId: string; vaultId: string; mainGroupId: string; walletId: string };
  bobId: string;
  adminId: string;
  keygenId: string;
  pendingId: string;
  webhookId: string;
  tinyTxId: string;
  hugeTxId: string;
};
let f: Fixture;

async function seed(): Promise<Fixture> {
  const db = t.current.db;
  const admin = await db.consoleUser.create({
    data: { email: "ops@example.com", role: "admin", passwordHash: "argon2-hash-not-for-display" },
  });
  const users = [];
  for (let i = 0; i < 30; i++)
    users.push(
      await db.user.create({
        data: {
          email: `user${String(i).padStart(2, "0")}@example.com`,
          passwordHash: "argon2-hash-not-for-display",
          status: i === 7 ? "paused" : "active",
          createdAt: minutesAgo(1000 - i),
        },
      }),
    );
  const alice = await db.user.create({ data: { email: "Alice@Example.com", passwordHash: "argon2-hash-not-for-display" } });
  const cobo = await db.tssNode.create({ data: { nodeId: "cobo-node", kind: "cobo" } });
  const phone = await db.tssNode.create({ data: { nodeId: "alice-phone", userId: alice.id, label: "iPhone" } });
  const vault = await db.vault.create({
    data: { userId: alice.id, coboVaultId: "cobo-vault-alice", name: "Alice vault", coboProjectId: "proj", status: "MainGroupGenerated" },
  });
  const main = await db.keyShareHolderGroup.create({
    data: {
      vaultId: vault.id,
      coboGroupId: "cobo-main-alice",
      groupType: "MainGroup",
      threshold: 2,
      participants: 2,
      status: "Valid",
      lifecycle: "active",
      members: {
        create: [
          { nodeId: phone.id, holderName: "Alice phone", holderType: "Mobile", status: "Valid", signer: true },
          { nodeId: cobo.id, holderName: "Cobo", holderType: "Cobo", status: "Valid", signer: true },
        ],
      },
    },
  });
  // A group whose create call to Cobo is still in flight has no Cobo id yet.
  await db.keyShareHolderGroup.create({
    data: { vaultId: vault.id, coboGroupId: null, groupType: "RecoveryGroup", threshold: 1, participants: 2 },
  });
  await db.vault.update({ where: { id: vault.id }, data: { activeMainGroupId: main.id } });

  const webhook = await db.webhookEvent.create({
    data: {
      eventId: "evt-1",
      type: "wallets.mpc.tss_request.succeeded",
      rawBody: '{"data":{"status":"Success"}}',
      signatureResult: "valid",
      status: "applied",
      attempts: 1,
    },
  });
  await db.webhookEvent.create({
    data: { eventId: "evt-bad", type: "wallets.transaction.updated", rawBody: "<not json>", signatureResult: "invalid", status: "ignored" },
  });
  // Refused deliveries are sampled, not stored as events: one in the last 24 h, one older.
  await db.inboundRejectionSample.createMany({
    data: [
      { channel: "webhook", reason: "bad_signature", bodyBytes: 10 },
      { channel: "webhook", reason: "bad_signature", bodyBytes: 10, receivedAt: new Date(Date.now() - 25 * 60 * 60_000) },
      { channel: "callback", reason: "bad_signature", bodyBytes: 10 },
    ],
  });
  await db.webhookEvent.create({
    data: { eventId: "evt-backlog", type: "wallets.transaction.updated", rawBody: "{}", signatureResult: "valid", status: "received" },
  });

  const keygen = await db.tssRequest.create({
    data: {
      coboTssRequestId: "cobo-tss-1",
      vaultId: vault.id,
      type: "KeyGen",
      status: "Success",
      targetGroupId: main.id,
      requestedBy: `console:${admin.id}`,
      createdAt: minutesAgo(60),
    },
  });
  await db.tssRequestStatusChange.createMany({
    data: [
      {
        tssRequestId: keygen.id,
        fromStatus: "MPCProcessing",
        toStatus: "Success",
        source: "webhook",
        webhookEventId: webhook.id,
        occurredAt: minutesAgo(50),
      },
      { tssRequestId: keygen.id, fromStatus: null, toStatus: "PendingKeyHolderConfirmation", source: "api", occurredAt: minutesAgo(59) },
      {
        tssRequestId: keygen.id,
        fromStatus: "Success",
        toStatus: "MPCProcessing",
        source: "webhook",
        applied: false,
        note: "late",
        occurredAt: minutesAgo(40),
      },
    ],
  });
  const pending = await db.tssRequest.create({
    data: {
      coboTssRequestId: "cobo-tss-2",
      vaultId: vault.id,
      type: "KeyGen",
      status: "SomethingCoboAddedLater",
      targetGroupId: main.id,
      createdAt: minutesAgo(30),
    },
  });
  await db.tssRequest.create({
    data: {
      coboTssRequestId: "cobo-tss-3",
      vaultId: vault.id,
      type: "Recovery",
      status: "MPCProcessing",
      targetGroupId: main.id,
      createdAt: minutesAgo(20),
    },
  });

  const wallet = await db.wallet.create({ data: { vaultId: vault.id, coboWalletId: "cobo-wallet-alice", name: "Main" } });
  await db.address.create({ data: { walletId: wallet.id, chainId: "ETH", address: "0xabc", path: "m/44/60/0/0/0", pubkey: "02ff" } });
  const tiny = await db.transaction.create({
    data: {
      requestId: "req-tiny",
      coboTransactionId: "cobo-tx-tiny",
      walletId: wallet.id,
      type: "Withdrawal",
      chainId: "ETH",
      tokenId: "ETH",
      amount: "0.00000001",
      feeAmount: "0.000000000000000001",
      status: "Completed",
      createdAt: minutesAgo(10),
    },
  });
  const huge = await db.transaction.create({
    data: {
      requestId: "req-huge",
      walletId: wallet.id,
      type: "Withdrawal",
      chainId: "TRON",
      tokenId: "TRON_USDT",
      amount: "12345678901234567890.123456789012345678901234567891",
      status: "Created",
      createdAt: minutesAgo(5),
    },
  });
  await db.transaction.create({
    data: {
      requestId: "req-old",
      walletId: wallet.id,
      type: "Deposit",
      chainId: "BTC",
      tokenId: "BTC",
      amount: "1",
      status: "Completed",
      createdAt: minutesAgo(60 * 48),
    },
  });
  await db.transactionStatusChange.create({
    data: {
      transactionId: tiny.id,
      fromStatus: "Broadcasting",
      toStatus: "Completed",
      subStatus: "PendingBlockConfirmations",
      source: "poll",
    },
  });
  await db.auditLog.createMany({
    data: [
      {
        actorId: admin.id,
        actorEmail: "ops@example.com",
        actorRole: "admin",
        action: "console_user.create",
        outcome: "succeeded",
        createdAt: minutesAgo(3),
      },
      {
        actorEmail: "support@example.com",
        actorRole: "support",
        action: "user.pause",
        targetType: "user",
        targetId: alice.id,
        outcome: "denied",
        details: { reason: "role" },
        createdAt: minutesAgo(2),
      },
    ],
  });
  return {
    alice: { userId: alice.id, vaultId: vault.id, mainGroupId: main.id, walletId: wallet.id },
    bobId: users[0]!.id,
    adminId: admin.id,
    keygenId: keygen.id,
    pendingId: pending.id,
    webhookId: webhook.id,
    tinyTxId: tiny.id,
    hugeTxId: huge.id,
  };
}

beforeAll(async () => {
  f = await seed();
});

describe("listUsers", () => {
  it("pages on the server by cursor, newest first by default, and counts the total", async () => {
    const page1 = await listUsers({ pageSize: "10" });
    expect(page1).toMatchObject({ total: { value: 31, kind: "exact" }, pageSize: 10, prevCursor: null });
    expect(page1.rows).toHaveLength(10);
    expect(page1.rows[0]?.email).toBe("Alice@Example.com");
    const page2 = await listUsers({ pageSize: "10", after: page1.nextCursor });
    const page3 = await listUsers({ pageSize: "10", after: page2.nextCursor });
    const page4 = await listUsers({ pageSize: "10", after: page3.nextCursor });
    expect(page4.rows).toHaveLength(1);
    expect(page4.nextCursor).toBeNull();
    const ids = new Set([...page1.rows, ...page2.rows].map((r) => r.id));
    expect(ids.size).toBe(20);
    // Back from page 2 is page 1 again.
    expect((await listUsers({ pageSize: "10", before: page2.prevCursor })).rows.map((r) => r.id)).toEqual(page1.rows.map((r) => r.id));
  });

  it("searches emails case-insensitively and sorts on request", async () => {
    const found = await listUsers({ q: "alice@EXAMPLE" });
    expect(found.rows.map((r) => r.email)).toEqual(["Alice@Example.com"]);
    expect(found.rows[0]).toMatchObject({ coboVaultId: "cobo-vault-alice", nodeCount: 1, vaultStatus: "MainGroupGenerated" });
    const sorted = await listUsers({ sort: "email.asc", pageSize: "100" });
    const emails = sorted.rows.map((r) => r.email);
    expect(emails).toEqual([...emails].sort((a, b) => (a < b ? -1 : 1)));
    expect((await listUsers({ status: "paused" })).rows.map((r) => r.email)).toEqual(["user07@example.com"]);
  });

  it("falls back to defaults for malformed query strings instead of failing", async () => {
    const result = await listUsers({ after: "not a cursor!", pageSize: "7", sort: "passwordHash.asc", status: ["", "x"], q: "   " });
    expect(result).toMatchObject({
      prevCursor: null,
      pageSize: 25,
      sort: { id: "createdAt", desc: true },
      filters: { q: undefined, status: undefined },
    });
    // A cursor made for another sort (or forged) starts from the first page instead of failing.
    const byEmail = await listUsers({ sort: "email.asc", pageSize: "10" });
    const elsewhere = await listUsers({ pageSize: "10", after: byEmail.nextCursor });
    expect(elsewhere.prevCursor).toBeNull();
    expect(elsewhere.rows[0]?.email).toBe("Alice@Example.com");
    const forged = Buffer.from(JSON.stringify({ s: "createdAt.desc", k: ["yesterday", "x"] })).toString("base64url");
    expect((await listUsers({ after: forged })).prevCursor).toBeNull();
  });

  it("never returns password hashes", async () => {
    const result = await listUsers({ pageSize: "100" });
    expect(JSON.stringify(result)).not.toContain("argon2-hash-not-for-display");
  });
});

describe("listConsoleTransactions", () => {
  it("keeps amounts as exact decimal strings", async () => {
    const result = await listConsoleTransactions({ pageSize: "100" });
    const byRequest = Object.fromEntries(result.rows.map((r) => [r.requestId, r.amount]));
    expect(byRequest).toEqual({
      "req-tiny": "0.00000001",
      "req-huge": "12345678901234567890.123456789012345678901234567891",
      "req-old": "1",
    });
  });

  it("filters by status, chain and vault, and searches ids", async () => {
    expect((await listConsoleTransactions({ status: "Completed", chain: "ETH" })).rows.map((r) => r.requestId)).toEqual(["req-tiny"]);
    expect((await listConsoleTransactions({ q: "COBO-TX" })).rows.map((r) => r.requestId)).toEqual(["req-tiny"]);
    const scoped = await listConsoleTransactions({ vault: f.alice.vaultId });
    expect(scoped.total).toEqual({ value: 3, kind: "exact" });
    expect(scoped.scopeVault).toEqual({ id: f.alice.vaultId, coboVaultId: "cobo-vault-alice" });
    expect((await listConsoleTransactions({ vault: randomUUID() })).total).toEqual({ value: 0, kind: "exact" });
    const byAmount = await listConsoleTransactions({ sort: "amount.desc" });
    expect(byAmount.rows[0]?.requestId).toBe("req-huge");
  });

  it("offers stored chains and unknown statuses in the filter menus", async () => {
    const result = await listConsoleTransactions({});
    expect(result.chainOptions).toEqual(["BTC", "ETH", "TRON"]);
    expect(result.statusOptions).toContain("Completed");
  });
});

describe("listTssRequests", () => {
  it("filters by status and type; Cobo's unknown statuses are kept as data", async () => {
    const unknown = await listTssRequests({ status: "SomethingCoboAddedLater" });
    expect(unknown.rows.map((r) => r.id)).toEqual([f.pendingId]);
    expect(unknown.statusOptions).toContain("SomethingCoboAddedLater");
    expect((await listTssRequests({ type: "Recovery" })).rows.map((r) => r.coboTssRequestId)).toEqual(["cobo-tss-3"]);
    const row = (await listTssRequests({ q: "cobo-tss-1" })).rows[0];
    expect(row).toMatchObject({ userEmail: "Alice@Example.com", targetGroupCoboId: "cobo-main-alice", targetGroupType: "MainGroup" });
    expect(row?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe("getTssRequestDetail", () => {
  it("returns the timeline oldest first, with recorded-only entries and the webhook that caused a change", async () => {
    const detail = await getTssRequestDetail(f.keygenId);
    expect(detail?.requestedBy).toEqual({ kind: "console", id: f.adminId, email: "ops@example.com" });
    expect(detail?.timeline.map((e) => [e.fromStatus, e.toStatus, e.applied])).toEqual([
      [null, "PendingKeyHolderConfirmation", true],
      ["MPCProcessing", "Success", true],
      ["Success", "MPCProcessing", false],
    ]);
    expect(detail?.timeline[1]?.webhookEvent).toEqual({ id: f.webhookId, eventId: "evt-1", type: "wallets.mpc.tss_request.succeeded" });
  });

  it("is found by Cobo's TSS request id too (what apps and Cobo Portal quote)", async () => {
    expect((await getTssRequestDetail("cobo-tss-1"))?.id).toBe(f.keygenId);
    expect((await getTssRequestDetail(f.keygenId.toUpperCase()))?.id).toBe(f.keygenId);
  });

  it("is null for malformed and unknown ids (the page answers 404)", async () => {
    expect(await getTssRequestDetail("not-a-uuid")).toBeNull();
    expect(await getTssRequestDetail("x".repeat(129))).toBeNull();
    expect(await getTssRequestDetail("  ")).toBeNull();
    expect(await getTssRequestDetail(randomUUID())).toBeNull();
    expect(await getTssRequestDetail(undefined)).toBeNull();
  });
});

describe("getTransactionDetail", () => {
  it("serializes amount and fee as decimal strings and includes sub-status history", async () => {
    const detail = await getTransactionDetail(f.tinyTxId);
    expect(detail).toMatchObject({ amount: "0.00000001", feeAmount: "0.000000000000000001", owner: { email: "Alice@Example.com" } });
    expect(detail?.timeline).toMatchObject([{ toStatus: "Completed", subStatus: "PendingBlockConfirmations", source: "poll" }]);
    const notYetAtCobo = await getTransactionDetail(f.hugeTxId);
    expect(notYetAtCobo?.coboTransactionId).toBeNull();
  });

  it("is found by Cobo's transaction id and by our request id too; null for unknown ones", async () => {
    expect((await getTransactionDetail("cobo-tx-tiny"))?.id).toBe(f.tinyTxId);
    expect((await getTransactionDetail("req-tiny"))?.id).toBe(f.tinyTxId);
    expect(await getTransactionDetail("cobo-tx-nobody")).toBeNull();
    expect(await getTransactionDetail(randomUUID())).toBeNull();
  });
});

describe("getUserDetail and getVaultDetail", () => {
  it("shows the vault with its groups, the active Main Group, members and addresses", async () => {
    const detail = await getUserDetail(f.alice.userId);
    expect(detail?.nodes.map((n) => n.nodeId)).toEqual(["alice-phone"]);
    const vault = detail?.vault;
    expect(vault?.vault.activeMainGroup).toEqual({ id: f.alice.mainGroupId, coboGroupId: "cobo-main-alice" });
    expect(vault?.groups.map((g) => [g.groupType, g.coboGroupId, g.isActiveMainGroup])).toEqual([
      ["MainGroup", "cobo-main-alice", true],
      ["RecoveryGroup", null, false],
    ]);
    expect(vault?.groups[0]?.members).toEqual([
      expect.objectContaining({ holderType: "Cobo", tssNodeId: "cobo-node", ownedByVaultUser: false }),
      expect.objectContaining({ holderType: "Mobile", tssNodeId: "alice-phone", ownedByVaultUser: true }),
    ]);
    expect(vault?.wallets[0]?.addresses).toMatchObject([{ chainId: "ETH", address: "0xabc", path: "m/44/60/0/0/0", pubkey: "02ff" }]);
    expect(vault?.tssRequestTotal).toBe(3);
    expect(vault?.transactionTotal).toBe(3);
    expect(JSON.stringify(detail)).not.toContain("argon2-hash-not-for-display");
  });

  it("a user without a vault has none; unknown ids are null", async () => {
    expect((await getUserDetail(f.bobId))?.vault).toBeNull();
    expect(await getUserDetail(randomUUID())).toBeNull();
    expect(await getVaultDetail("../etc/passwd")).toBeNull();
  });
});

describe("listVaults", () => {
  it("searches by owner email and reports the active Main Group", async () => {
    const result = await listVaults({ q: "alice" });
    expect(result.rows).toMatchObject([
      { coboVaultId: "cobo-vault-alice", activeMainGroupCoboId: "cobo-main-alice", groupCount: 2, walletCount: 1 },
    ]);
  });
});

describe("webhook inbox", () => {
  it("lists events without their bodies and filters by signature result", async () => {
    const result = await listWebhookEvents({ signature: "invalid" });
    expect(result.rows.map((r) => r.eventId)).toEqual(["evt-bad"]);
    expect(Object.keys(result.rows[0] ?? {})).not.toContain("rawBody");
  });

  it("shows a body pretty-printed when it is JSON and verbatim when it is not", async () => {
    const good = await getWebhookEvent(f.webhookId);
    expect(good?.body).toEqual({ text: '{\n  "data": {\n    "status": "Success"\n  }\n}', isJson: true });
    expect(good?.changes).toMatchObject([{ targetKind: "tss-request", targetId: f.keygenId, toStatus: "Success" }]);
    const badId = (await listWebhookEvents({ q: "evt-bad" })).rows[0]?.id;
    expect((await getWebhookEvent(badId))?.body).toEqual({ text: "<not json>", isJson: false });
  });

  it("links each event to the transaction, TSS request or wallet's vault it names, when that is ours", async () => {
    const db = t.current.db;
    const body = (type: string, data: Record<string, unknown>) => JSON.stringify({ event_id: `subj-${type}`, type, data });
    const make = (eventId: string, type: string, data: Record<string, unknown>) =>
      db.webhookEvent.create({
        data: { eventId, type, rawBody: body(type, data), signatureResult: "valid", status: "applied" },
        select: { id: true },
      });
    const tx = await make("subj-tx", "wallets.transaction.updated", { data_type: "Transaction", transaction_id: "cobo-tx-tiny" });
    const tss = await make("subj-tss", "wallets.mpc.tss_request.updated", { data_type: "TSSRequest", tss_request_id: "cobo-tss-1" });
    const wallet = await make("subj-wallet", "wallets.created", { data_type: "WalletInfo", wallet: { wallet_id: "cobo-wallet-alice" } });
    const foreign = await make("subj-foreign", "wallets.transaction.updated", { data_type: "Transaction", transaction_id: "not-ours" });
    const tiny = await db.transaction.findUniqueOrThrow({ where: { coboTransactionId: "cobo-tx-tiny" }, select: { id: true } });
    const alice = await db.wallet.findUniqueOrThrow({ where: { coboWalletId: "cobo-wallet-alice" }, select: { vaultId: true } });
    const rows = (await listWebhookEvents({ q: "subj-" })).rows;
    const subjectOf = (id: string) => rows.find((r) => r.id === id)?.subject ?? null;
    expect(subjectOf(tx.id)).toEqual({
      kind: "transaction",
      href: `/transactions/${tiny.id}`,
      label: "Transaction",
      coboId: "cobo-tx-tiny",
    });
    expect(subjectOf(tss.id)).toEqual({
      kind: "tss-request",
      href: `/tss-requests/${f.keygenId}`,
      label: "TSS request",
      coboId: "cobo-tss-1",
    });
    expect(subjectOf(wallet.id)).toEqual({
      kind: "vault",
      href: `/vaults/${alice.vaultId}`,
      label: "Wallet Main",
      coboId: "cobo-wallet-alice",
    });
    expect(subjectOf(foreign.id)).toBeNull();
    expect((await getWebhookEvent(tss.id))?.subject?.href).toBe(`/tss-requests/${f.keygenId}`);
    await db.webhookEvent.deleteMany({ where: { eventId: { startsWith: "subj-" } } });
  });
});

describe("listAuditLog", () => {
  it("lists console actions newest first and filters by outcome", async () => {
    const all = await listAuditLog({});
    expect(all.rows.map((r) => r.action)).toEqual(["user.pause", "console_user.create"]);
    expect(all.rows[0]?.details).toEqual([{ label: "Reason", value: "needs the admin role (role)" }]);
    expect(all.rows[0]?.targetName).toBe(
      await t.current.db.user.findFirstOrThrow({ where: { id: all.rows[0]!.targetId! } }).then((u) => u.email),
    );
    expect((await listAuditLog({ outcome: "succeeded" })).rows.map((r) => r.actorEmail)).toEqual(["ops@example.com"]);
  });
});

describe("getDashboardStats", () => {
  it("counts pending TSS requests (not terminal) and the last 24 hours of transactions", async () => {
    const stats = await getDashboardStats();
    expect(stats).toMatchObject({ users: 31, vaults: 1, vaultsWithActiveMainGroup: 1, tssPendingTotal: 2, transactionsLast24hTotal: 2 });
    expect(stats.tssPendingByStatus).toEqual([
      { status: "MPCProcessing", count: 1 },
      { status: "SomethingCoboAddedLater", count: 1 },
    ]);
    expect(stats.transactionsLast24hByStatus).toEqual([
      { status: "Completed", count: 1 },
      { status: "Created", count: 1 },
    ]);
    expect(stats.webhooks).toEqual({ backlog: 1, failed: 0, refusedLast24h: 1, refusedAtLeast: false });
    expect(stats.recentTransactions[0]?.amount).toBe("12345678901234567890.123456789012345678901234567891");
  });
});

describe("console sessions", () => {
  it("lists a console user's live sessions first, then ended and expired ones with why; the users list counts live ones", async () => {
    const db = t.current.db;
    const user = await db.consoleUser.create({
      data: { email: `sessions-${randomUUID()}@example.com`, role: "support", passwordHash: "x" },
    });
    const inAnHour = new Date(Date.now() + 3_600_000);
    await db.consoleSession.create({
      data: { consoleUserId: user.id, method: "credentials", expiresAt: inAnHour, createdAt: minutesAgo(5) },
    });
    await db.consoleSession.create({ data: { consoleUserId: user.id, method: "oidc", expiresAt: inAnHour, createdAt: minutesAgo(1) } });
    await db.consoleSession.create({
      data: {
        consoleUserId: user.id,
        method: "credentials",
        expiresAt: inAnHour,
        createdAt: minutesAgo(30),
        revokedAt: minutesAgo(20),
        revokedReason: "sign_out_everywhere",
      },
    });
    await db.consoleSession.create({
      data: { consoleUserId: user.id, method: "credentials", expiresAt: minutesAgo(10), createdAt: minutesAgo(60) },
    });
    const rows = await listConsoleSessions(user.id);
    expect(rows.map((r) => [r.method, r.state, r.endedBecause])).toEqual([
      ["oidc", "active", null],
      ["credentials", "active", null],
      ["credentials", "ended", "sign_out_everywhere"],
      ["credentials", "expired", null],
    ]);
    const listed = (await listConsoleUsers()).find((u) => u.id === user.id);
    expect(listed?.liveSessions).toBe(2);
    expect(JSON.stringify(listed)).not.toContain("passwordHash");
  });
});
