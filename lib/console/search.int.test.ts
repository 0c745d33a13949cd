import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { keysetSql } from "@/lib/console/list-query";
import { listConsoleTransactions, listTransactionsInput, transactionsListQuery } from "@/lib/console/list-transactions";
import { MATCHES_PER_KEY, addressTransactionsSql, searchConsole, searchSql, type SearchMatch } from "@/lib/console/search";
import { setupTestDatabase } from "../../tests/helpers/db";

// The console's search box against a real database: every kind of key resolves to its row and
// page, unknown keys and text that is no key find nothing without an error, hostile text is only
// ever a bound parameter, and every lookup goes through an index (EXPLAIN with sequential scans
// disabled). Also the Transactions list's search by email, address, Idempotency-Key and hash.

const t = setupTestDatabase();

const OUR_ADDRESS = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01";
const EXTERNAL_ADDRESS = "0x9999888877776666555544443333222211110000";
const HASH = "0x5e1f00d5e1f00d5e1f00d5e1f00d5e1f00d5e1f00d5e1f00d5e1f00d5e1f00d";
const SHARED_HASH = "0xfeedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeedfeed";

type Fixture = {
  aliceId: string;
  bobId: string;
  vaultId: string;
  coboVaultId: string;
  groupId: string;
  coboGroupId: string;
  walletId: string;
  coboWalletId: string;
  addressId: string;
  phoneNodeId: string;
  phoneNode: string;
  coboNodeId: string;
  tssRequestId: string;
  coboTssRequestId: string;
  withdrawalId: string;
  coboTransactionId: string;
  requestId: string;
  idempotencyKey: string;
  bobDepositId: string;
  webhookId: string;
  eventId: string;
};
let f: Fixture;

async function seed(): Promise<Fixture> {
  const db = t.current.db;
  const alice = await db.user.create({ data: { email: "alice@example.com" } });
  const bob = await db.user.create({ data: { email: "bob@example.com" } });
  const coboVaultId = randomUUID();
  const vault = await db.vault.create({
    data: { userId: alice.id, coboVaultId, name: "Alice vault", coboProjectId: "proj", status: "MainGroupGenerated" },
  });
  const bobVault = await db.vault.create({ data: { userId: bob.id, coboVaultId: randomUUID(), name: "Bob vault", coboProjectId: "proj" } });
  const coboGroupId = randomUUID();
  const group = await db.keyShareHolderGroup.create({
    data: { vaultId: vault.id, coboGroupId, groupType: "MainGroup", threshold: 2, participants: 2, lifecycle: "active", status: "Valid" },
  });
  const phone = await db.tssNode.create({ data: { nodeId: "coboiphone-alice-0001", userId: alice.id, label: "iPhone" } });
  const coboNode = await db.tssNode.create({ data: { nodeId: "cobo-holder-node-0001", kind: "cobo" } });
  const coboWalletId = randomUUID();
  const wallet = await db.wallet.create({ data: { vaultId: vault.id, coboWalletId, name: "Main" } });
  const bobWallet = await db.wallet.create({ data: { vaultId: bobVault.id, coboWalletId: randomUUID(), name: "Bob main" } });
  const address = await db.address.create({ data: { walletId: wallet.id, chainId: "SETH", address: OUR_ADDRESS } });
  const coboTssRequestId = randomUUID();
  const tss = await db.tssRequest.create({
    data: { coboTssRequestId, vaultId: vault.id, type: "KeyGen", status: "Success", targetGroupId: group.id },
  });
  const coboTransactionId = randomUUID();
  const requestId = randomUUID();
  const idempotencyKey = "transfer-2026-12-04-0001";
  const withdrawal = await db.transaction.create({
    data: {
      requestId,
      coboTransactionId,
      walletId: wallet.id,
      type: "Withdrawal",
      chainId: "SETH",
      tokenId: "SETH",
      amount: "1.5",
      status: "Completed",
      sourceAddress: OUR_ADDRESS,
      destinationAddress: EXTERNAL_ADDRESS,
      transactionHash: HASH,
      userId: alice.id,
      idempotencyKey,
    },
  });
  // Bob used the same Idempotency-Key (keys are per user) and received a transfer with Alice's hash.
  await db.transaction.create({
    data: {
      requestId: randomUUID(),
      walletId: bobWallet.id,
      type: "Withdrawal",
      chainId: "SETH",
      tokenId: "SETH",
      amount: "2",
      status: "Submitted",
      userId: bob.id,
      idempotencyKey,
    },
  });
  const bobDeposit = await db.transaction.create({
    data: {
      requestId: randomUUID(),
      coboTransactionId: randomUUID(),
      walletId: bobWallet.id,
      type: "Deposit",
      chainId: "SETH",
      tokenId: "SETH",
      amount: "1.5",
      status: "Completed",
      transactionHash: HASH,
      destinationAddress: "0x1111111111111111111111111111111111111111",
    },
  });
  // More rows sharing one hash than the search lists.
  for (let i = 0; i < MATCHES_PER_KEY + 3; i++)
    await db.transaction.create({
      data: {
        requestId: `batch-${i}`,
        walletId: wallet.id,
        type: "Deposit",
        chainId: "SETH",
        tokenId: "SETH",
        amount: String(i + 1),
        status: "Completed",
        transactionHash: SHARED_HASH,
        destinationAddress: OUR_ADDRESS,
      },
    });
  const eventId = randomUUID();
  const webhook = await db.webhookEvent.create({
    data: { eventId, type: "wallets.transaction.succeeded", rawBody: "{}", signatureResult: "valid", status: "applied" },
  });
  return {
    aliceId: alice.id,
    bobId: bob.id,
    vaultId: vault.id,
    coboVaultId,
    groupId: group.id,
    coboGroupId,
    walletId: wallet.id,
    coboWalletId,
    addressId: address.id,
    phoneNodeId: phone.id,
    phoneNode: phone.nodeId,
    coboNodeId: coboNode.id,
    tssRequestId: tss.id,
    coboTssRequestId,
    withdrawalId: withdrawal.id,
    coboTransactionId,
    requestId,
    idempotencyKey,
    bobDepositId: bobDeposit.id,
    webhookId: webhook.id,
    eventId,
  };
}

beforeAll(async () => {
  f = await seed();
});

const brief = (m: SearchMatch) => ({ kind: m.kind, id: m.id, matchedOn: m.matchedOn, href: m.href });
const only = async (q: string) => {
  const result = await searchConsole(q);
  expect(result.truncated).toBe(false);
  return result.matches.map(brief);
};

describe("searchConsole: each kind of key", () => {
  it("an email finds its user, in any case", async () => {
    expect(await only("alice@example.com")).toEqual([{ kind: "user", id: f.aliceId, matchedOn: "email", href: `/users/${f.aliceId}` }]);
    expect(await only("  ALICE@Example.COM ")).toEqual([{ kind: "user", id: f.aliceId, matchedOn: "email", href: `/users/${f.aliceId}` }]);
    const [user] = (await searchConsole("alice@example.com")).matches;
    expect(user).toMatchObject({ kindLabel: "User", title: "alice@example.com", status: "active", ownerEmail: "alice@example.com" });
  });

  it("our own ids find their rows, upper-case too", async () => {
    expect(await only(f.aliceId)).toEqual([{ kind: "user", id: f.aliceId, matchedOn: "our user id", href: `/users/${f.aliceId}` }]);
    expect(await only(f.vaultId.toUpperCase())).toEqual([
      { kind: "vault", id: f.vaultId, matchedOn: "our vault id", href: `/vaults/${f.vaultId}` },
    ]);
    expect(await only(f.groupId)).toEqual([{ kind: "group", id: f.groupId, matchedOn: "our group id", href: `/vaults/${f.vaultId}` }]);
    expect(await only(f.walletId)).toEqual([{ kind: "wallet", id: f.walletId, matchedOn: "our wallet id", href: `/vaults/${f.vaultId}` }]);
    expect(await only(f.withdrawalId)).toEqual([
      { kind: "transaction", id: f.withdrawalId, matchedOn: "our transaction id", href: `/transactions/${f.withdrawalId}` },
    ]);
    expect(await only(f.tssRequestId)).toEqual([
      { kind: "tss_request", id: f.tssRequestId, matchedOn: "our TSS request id", href: `/tss-requests/${f.tssRequestId}` },
    ]);
    expect(await only(f.phoneNodeId)).toEqual([
      { kind: "tss_node", id: f.phoneNodeId, matchedOn: "our TSS node id", href: `/users/${f.aliceId}` },
    ]);
    expect(await only(f.webhookId)).toEqual([
      { kind: "webhook_event", id: f.webhookId, matchedOn: "our webhook event id", href: `/webhooks/${f.webhookId}` },
    ]);
  });

  it("Cobo's ids find our rows", async () => {
    expect(await only(f.coboVaultId)).toEqual([{ kind: "vault", id: f.vaultId, matchedOn: "Cobo vault id", href: `/vaults/${f.vaultId}` }]);
    expect(await only(f.coboGroupId.toUpperCase())).toEqual([
      { kind: "group", id: f.groupId, matchedOn: "Cobo group id", href: `/vaults/${f.vaultId}` },
    ]);
    expect(await only(f.coboWalletId)).toEqual([
      { kind: "wallet", id: f.walletId, matchedOn: "Cobo wallet id", href: `/vaults/${f.vaultId}` },
    ]);
    expect(await only(f.coboTransactionId)).toEqual([
      { kind: "transaction", id: f.withdrawalId, matchedOn: "Cobo transaction id", href: `/transactions/${f.withdrawalId}` },
    ]);
    expect(await only(f.coboTssRequestId)).toEqual([
      { kind: "tss_request", id: f.tssRequestId, matchedOn: "Cobo TSS request id", href: `/tss-requests/${f.tssRequestId}` },
    ]);
    expect(await only(f.eventId)).toEqual([
      { kind: "webhook_event", id: f.webhookId, matchedOn: "Cobo event id", href: `/webhooks/${f.webhookId}` },
    ]);
  });

  it("a request id, a transaction hash and an Idempotency-Key find their transactions", async () => {
    expect(await only(f.requestId)).toEqual([
      { kind: "transaction", id: f.withdrawalId, matchedOn: "request id", href: `/transactions/${f.withdrawalId}` },
    ]);
    // One hash, two of our transactions (Alice's withdrawal, Bob's deposit); either case.
    const byHash = await only(HASH.toUpperCase().replace("0X", "0x"));
    expect(byHash.toSorted((a, b) => a.id.localeCompare(b.id))).toEqual(
      [f.withdrawalId, f.bobDepositId]
        .toSorted()
        .map((id) => ({ kind: "transaction", id, matchedOn: "transaction hash", href: `/transactions/${id}` })),
    );
    // Keys are per user: Alice's and Bob's transfers share this one. The key is compared exactly.
    const byKey = await searchConsole(f.idempotencyKey);
    expect(byKey.matches.map((m) => [m.matchedOn, m.ownerEmail]).toSorted()).toEqual([
      ["Idempotency-Key", "alice@example.com"],
      ["Idempotency-Key", "bob@example.com"],
    ]);
    expect((await searchConsole(f.idempotencyKey.toUpperCase())).matches).toEqual([]);
    const [withdrawal] = (await searchConsole(f.coboTransactionId)).matches;
    expect(withdrawal).toMatchObject({ title: "Withdrawal 1.5 SETH", status: "Completed", ownerEmail: "alice@example.com" });
  });

  it("an address of ours finds its wallet's vault; an external one the transactions naming it", async () => {
    expect(await only(OUR_ADDRESS.toLowerCase())).toEqual([
      { kind: "address", id: f.addressId, matchedOn: "address", href: `/vaults/${f.vaultId}` },
    ]);
    expect(await only(EXTERNAL_ADDRESS.toUpperCase().replace("0X", "0x"))).toEqual([
      {
        kind: "address_transactions",
        id: EXTERNAL_ADDRESS.toUpperCase().replace("0X", "0x"),
        matchedOn: "source or destination address",
        href: `/transactions?q=${encodeURIComponent(EXTERNAL_ADDRESS.toUpperCase().replace("0X", "0x"))}`,
      },
    ]);
    expect((await searchConsole(EXTERNAL_ADDRESS)).matches[0]!.title).toBe("1 transaction to or from this address");
  });

  it("a TSS node id finds the node, on its user's page when it has one", async () => {
    expect(await only(f.phoneNode)).toEqual([
      { kind: "tss_node", id: f.phoneNodeId, matchedOn: "TSS node id", href: `/users/${f.aliceId}` },
    ]);
    expect(await only("cobo-holder-node-0001")).toEqual([{ kind: "tss_node", id: f.coboNodeId, matchedOn: "TSS node id", href: null }]);
    expect((await searchConsole(f.phoneNode)).matches[0]).toMatchObject({
      title: "iPhone",
      ownerEmail: "alice@example.com",
      status: "active",
    });
    expect((await searchConsole("cobo-holder-node-0001")).matches[0]).toMatchObject({ title: "Cobo", ownerEmail: null });
  });

  it("lists at most MATCHES_PER_KEY rows of one key and says so", async () => {
    const result = await searchConsole(SHARED_HASH);
    expect(result.truncated).toBe(true);
    expect(result.matches).toHaveLength(MATCHES_PER_KEY);
    expect(new Set(result.matches.map((m) => m.id)).size).toBe(MATCHES_PER_KEY);
  });
});

describe("searchConsole: no match, and text that is no key", () => {
  it("an unknown key finds nothing", async () => {
    expect(await searchConsole(randomUUID())).toEqual({ query: expect.any(String), matches: [], truncated: false });
    expect((await searchConsole("0xdeadbeef")).matches).toEqual([]);
    expect((await searchConsole("nobody@example.com")).matches).toEqual([]);
  });

  it("hostile or malformed text is searched for as text, never run, and is no error", async () => {
    for (const q of [
      "'; DROP TABLE users; --",
      "' OR '1'='1",
      "%",
      "_",
      "alice%@example.com",
      "a@b' UNION SELECT id FROM users --",
      "../../etc/passwd",
      "🙂",
    ])
      expect(await searchConsole(q)).toEqual({ query: q, matches: [], truncated: false });
    // Nothing the database could not compare, nothing at all, and nothing absurdly long is searched.
    for (const q of ["bad\u0000text", "\uD800", "", "   ", "x".repeat(201), undefined, null, 42])
      expect((await searchConsole(q)).matches).toEqual([]);
    expect(await t.current.db.user.count()).toBe(2);
  });

  it("only the first value of a repeated query parameter counts", async () => {
    expect((await searchConsole(["alice@example.com", "bob@example.com"])).matches.map((m) => m.id)).toEqual([f.aliceId]);
  });
});

describe("Transactions list search", () => {
  const search = async (q: string) => (await listConsoleTransactions({ q, pageSize: "100" })).rows.map((r) => r.id).toSorted();

  it("finds a user's transactions by their email, paging by keyset", async () => {
    const all = await t.current.db.transaction.findMany({ where: { wallet: { vault: { userId: f.aliceId } } }, select: { id: true } });
    expect(await search("ALICE@example.com")).toEqual(all.map((r) => r.id).toSorted());
    // Paged by 10: every row once, in creation order, forwards and back.
    const pages: string[][] = [];
    let page = await listConsoleTransactions({ q: "alice@example.com", pageSize: "10" });
    pages.push(page.rows.map((r) => r.id));
    while (page.nextCursor) {
      page = await listConsoleTransactions({ q: "alice@example.com", pageSize: "10", after: page.nextCursor });
      pages.push(page.rows.map((r) => r.id));
    }
    expect(pages.flat().toSorted()).toEqual(all.map((r) => r.id).toSorted());
    expect(new Set(pages.flat()).size).toBe(all.length);
    const back = await listConsoleTransactions({ q: "alice@example.com", pageSize: "10", before: page.prevCursor });
    expect(back.rows.map((r) => r.id)).toEqual(pages.at(-2));
    expect((await listConsoleTransactions({ q: "alice@example.com" })).total).toEqual({ value: all.length, kind: "exact" });
    // Part of an email is not an email: the Users list searches emails by part.
    expect(await search("alice@example")).toEqual([]);
  });

  it("finds by address (either case, source or destination), Idempotency-Key and hash", async () => {
    const toExternal = await search(EXTERNAL_ADDRESS.toUpperCase().replace("0X", "0x"));
    expect(toExternal).toEqual([f.withdrawalId]);
    const ours = await t.current.db.transaction.findMany({
      where: { OR: [{ sourceAddress: OUR_ADDRESS }, { destinationAddress: OUR_ADDRESS }] },
      select: { id: true },
    });
    expect(await search(OUR_ADDRESS.toLowerCase())).toEqual(ours.map((r) => r.id).toSorted());
    expect(ours.length).toBe(MATCHES_PER_KEY + 4);
    const keyed = await t.current.db.transaction.findMany({ where: { idempotencyKey: f.idempotencyKey }, select: { id: true } });
    expect(await search(f.idempotencyKey)).toEqual(keyed.map((r) => r.id).toSorted());
    expect(await search(HASH.slice(10, 30).toUpperCase())).toEqual([f.withdrawalId, f.bobDepositId].toSorted());
    expect(await search("nobody@example.com")).toEqual([]);
    expect(await search("' OR 1=1 --")).toEqual([]);
  });
});

describe("query plans: every lookup is an index probe", () => {
  async function plan(query: Prisma.Sql, off: string[]): Promise<string> {
    return t.current.db.$transaction(async (tx) => {
      for (const setting of off) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
      const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${query}`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
  }

  for (const [name, q] of [
    ["a UUID", "2f1c7c9e-8b6a-4a53-9c1e-0b8f6a3d2e11"],
    ["an email", "someone@example.com"],
    ["a hash", HASH],
    ["other text", "anything-else"],
  ] as const)
    it(`${name}: no table is scanned`, async () => {
      const text = await plan(searchSql(q), ["enable_seqscan"]);
      expect(text).not.toContain("Seq Scan");
      expect(text).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
      if (q === HASH) {
        expect(text).toContain("transactions_transaction_hash_lower_idx");
        expect(text).toContain("transactions_idempotency_key_idx");
        expect(text).toContain("addresses_address_lower_idx");
      }
    });

  it("transactions of an address: through the lower(address) indexes", async () => {
    const text = await plan(addressTransactionsSql(EXTERNAL_ADDRESS), ["enable_seqscan"]);
    expect(text).not.toContain("Seq Scan");
    expect(text).toContain("transactions_source_address_lower_idx");
    expect(text).toContain("transactions_destination_address_lower_idx");
  });

  it("the Transactions list's search combines index scans only", async () => {
    const text = await plan(keysetSql(transactionsListQuery(listTransactionsInput.parse({ q: "alice@example.com" }))), [
      "enable_seqscan",
      "enable_indexscan",
    ]);
    expect(text).not.toContain("Seq Scan on transactions");
    // the owner's wallets through either (wallet_id, created_at[, id]) index: both exist
    for (const index of [
      /transactions_idempotency_key_idx/,
      /transactions_source_address_lower_idx/,
      /transactions_destination_address_lower_idx/,
      /transactions_wallet_id_created_at(_id)?_idx/,
      /transactions_request_id_trgm_idx/,
    ])
      expect(text).toMatch(index);
  });
});
