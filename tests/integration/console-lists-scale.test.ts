import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { TRANSACTION_STATUSES } from "@/lib/console/known-values";
import { auditLogListQuery, listAuditLog, listAuditLogInput } from "@/lib/console/list-audit-log";
import { COUNT_CAP, keysetSql, type KeysetQuery } from "@/lib/console/list-query";
import { listConsoleTransactions, listTransactionsInput, transactionsListQuery } from "@/lib/console/list-transactions";
import { listTssRequests, listTssRequestsInput, tssRequestsListQuery } from "@/lib/console/list-tss-requests";
import { listUsers, listUsersInput, usersListQuery } from "@/lib/console/list-users";
import { listVaults } from "@/lib/console/list-vaults";
import { listWebhookEvents, listWebhookEventsInput, webhookEventsListQuery } from "@/lib/console/list-webhook-events";
import { listDrifts } from "@/lib/console/list-drifts";
import { openTransactionsSql, openTssRequestsSql } from "@/lib/server/reconciliation/reconcile";
import { listRiskDecisions, listRiskDecisionsInput, riskDecisionsListQuery } from "@/lib/console/list-risk-decisions";
import { seedSyntheticData, type SeedOptions } from "../../scripts/lib/synthetic-seed";
import { createTestDatabase, setupTestDatabase } from "../helpers/db";

// The console's lists over seeded data: keyset paging never skips or repeats a row (ties on the
// sorted value, rows inserted between page loads), filters and search return exactly the matching
// rows, the seed is consistent and deterministic, and the main queries can be served by an index
// (EXPLAIN with sequential scans disabled: a plan still scanning the table means no index fits).

const t = setupTestDatabase();
const OPTIONS: SeedOptions = { users: 40, transactions: 600, seed: 7, anchor: new Date("2026-11-01T00:00:00Z"), batchSize: 250 };
const TIE_AT = new Date("2026-10-15T12:00:00.000Z");

async function seedInto(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await seedSyntheticData(client, OPTIONS);
  } finally {
    await client.end();
  }
}

const sql = async <T>(query: Prisma.Sql) => t.current.db.$queryRaw<T[]>(query);
const ids = async (query: Prisma.Sql) => (await sql<{ id: string }>(query)).map((r) => r.id);

let report: Awaited<ReturnType<typeof seedSyntheticData>>;
let walletId: string;
beforeAll(async () => {
  report = await seedInto(t.current.url);
  // 25 transactions sharing one timestamp, status, type and chain: every sort has ties to break.
  const wallet = await t.current.db.wallet.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" } });
  walletId = wallet.id;
  for (let i = 0; i < 25; i++)
    await t.current.db.transaction.create({
      data: {
        requestId: `tie-${i}`,
        walletId,
        type: "Deposit",
        chainId: "SETH",
        tokenId: "SETH",
        amount: "1.5",
        status: "Completed",
        createdAt: TIE_AT,
      },
    });
}, 300_000);

type Page<R> = { rows: R[]; nextCursor: string | null; prevCursor: string | null };

/** Every page forwards, then every page backwards from the last one. */
async function walk<R extends { id: string }>(list: (input: Record<string, unknown>) => Promise<Page<R>>, params: Record<string, unknown>) {
  const forward: string[][] = [];
  let page = await list({ ...params, pageSize: "10" });
  expect(page.prevCursor).toBeNull();
  forward.push(page.rows.map((r) => r.id));
  while (page.nextCursor) {
    page = await list({ ...params, pageSize: "10", after: page.nextCursor });
    forward.push(page.rows.map((r) => r.id));
  }
  const backward: string[][] = [page.rows.map((r) => r.id)];
  while (page.prevCursor) {
    page = await list({ ...params, pageSize: "10", before: page.prevCursor });
    backward.unshift(page.rows.map((r) => r.id));
  }
  return { forward, backward, all: forward.flat() };
}

describe("the seed", () => {
  it("creates what it reports, all of it marked synthetic", async () => {
    expect(report).toMatchObject({ users: 40, transactions: 600 });
    const [c] = await sql<{ users: number; txs: number; events: number; decisions: number; timeline: number }>(Prisma.sql`
      SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM transactions WHERE request_id NOT LIKE 'tie-%') AS txs,
             (SELECT count(*)::int FROM webhook_events) AS events, (SELECT count(*)::int FROM risk_decisions) AS decisions,
             (SELECT count(*)::int FROM transaction_status_changes) AS timeline`);
    expect(c).toEqual({
      users: 40,
      txs: 600,
      events: report.webhookEvents,
      decisions: report.riskDecisions,
      timeline: report.timelineEntries,
    });
    const [marks] = await sql<{ unmarked: number }>(Prisma.sql`
      SELECT ((SELECT count(*) FROM users WHERE email NOT LIKE 'seed-user-%@example.com')
           + (SELECT count(*) FROM vaults WHERE cobo_vault_id NOT LIKE 'seed-%')
           + (SELECT count(*) FROM wallets WHERE cobo_wallet_id NOT LIKE 'seed-%')
           + (SELECT count(*) FROM tss_requests WHERE cobo_tss_request_id NOT LIKE 'seed-%')
           + (SELECT count(*) FROM webhook_events WHERE event_id NOT LIKE 'seed-%')
           + (SELECT count(*) FROM transactions WHERE request_id NOT LIKE 'tie-%' AND (cobo_transaction_id NOT LIKE 'seed-%'
                OR (request_id NOT LIKE 'seed-req-%' AND request_id NOT LIKE 'cobo:seed-%'))))::int AS unmarked`);
    expect(marks?.unmarked).toBe(0);
  });

  it("is consistent: ownership, groups, addresses, timelines and webhook events agree", async () => {
    const [bad] = await sql<Record<string, number>>(Prisma.sql`
      SELECT
        (SELECT count(*)::int FROM transactions t JOIN wallets w ON w.id = t.wallet_id JOIN vaults v ON v.id = w.vault_id
          WHERE t.user_id IS NOT NULL AND t.user_id <> v.user_id) AS foreign_owner,
        (SELECT count(*)::int FROM transactions t JOIN wallets w ON w.id = t.wallet_id JOIN vaults v ON v.id = w.vault_id
          JOIN users u ON u.id = v.user_id WHERE t.created_at <= u.created_at) AS before_signup,
        (SELECT count(*)::int FROM transactions t WHERE t.request_id NOT LIKE 'tie-%' AND NOT EXISTS (
          SELECT 1 FROM addresses a WHERE a.wallet_id = t.wallet_id AND a.chain_id = t.chain_id
            AND a.address = CASE t.type WHEN 'Withdrawal' THEN t.source_address ELSE t.destination_address END)) AS not_our_address,
        (SELECT count(*)::int FROM vaults v LEFT JOIN key_share_holder_groups g ON g.id = v.active_main_group_id
          WHERE g.vault_id IS DISTINCT FROM v.id OR g.group_type <> 'MainGroup' OR g.lifecycle <> 'active') AS bad_main_group,
        (SELECT count(*)::int FROM group_members m JOIN tss_nodes n ON n.id = m.node_id JOIN key_share_holder_groups g ON g.id = m.group_id
          JOIN vaults v ON v.id = g.vault_id WHERE n.kind = 'user' AND n.user_id <> v.user_id) AS foreign_member,
        (SELECT count(*)::int FROM tss_requests r JOIN key_share_holder_groups g ON g.id = r.target_group_id WHERE g.vault_id <> r.vault_id) AS foreign_target,
        (SELECT count(*)::int FROM transactions t WHERE t.request_id NOT LIKE 'tie-%' AND t.status IS DISTINCT FROM (
          SELECT c.to_status FROM transaction_status_changes c WHERE c.transaction_id = t.id ORDER BY c.occurred_at DESC, c.seq DESC LIMIT 1)) AS timeline_disagrees,
        (SELECT count(*)::int FROM transaction_status_changes c JOIN transactions t ON t.id = c.transaction_id
          LEFT JOIN webhook_events e ON e.id = c.webhook_event_id
          WHERE c.source = 'webhook' AND ((e.raw_body::json -> 'data' ->> 'transaction_id') IS DISTINCT FROM t.cobo_transaction_id
            OR (e.raw_body::json -> 'data' ->> 'status') IS DISTINCT FROM c.to_status)) AS event_disagrees,
        (SELECT count(*)::int FROM transactions WHERE amount <= 0) AS not_positive`);
    expect(bad).toEqual({
      foreign_owner: 0,
      before_signup: 0,
      not_our_address: 0,
      bad_main_group: 0,
      foreign_member: 0,
      foreign_target: 0,
      timeline_disagrees: 0,
      event_disagrees: 0,
      not_positive: 0,
    });
    const statuses = await sql<{ status: string }>(Prisma.sql`SELECT DISTINCT status FROM transactions`);
    for (const { status } of statuses) expect(TRANSACTION_STATUSES).toContain(status);
  });

  it("is deterministic for a seed, and refuses a database seeded before", async () => {
    const other = await createTestDatabase();
    try {
      await seedInto(other.url);
      const fingerprint = `SELECT md5(string_agg(id::text || request_id || status || amount::text || created_at::text, ',' ORDER BY id)) AS f
        FROM transactions WHERE request_id NOT LIKE 'tie-%'`;
      const [a] = await t.current.db.$queryRawUnsafe<{ f: string }[]>(fingerprint);
      const [b] = await other.db.$queryRawUnsafe<{ f: string }[]>(fingerprint);
      expect(a?.f).toBe(b?.f);
    } finally {
      await other.drop();
    }
    await expect(seedInto(t.current.url)).rejects.toThrow(/already holds seeded data/);
  });
});

describe("keyset paging", () => {
  const cases: [string, (input: Record<string, unknown>) => Promise<Page<{ id: string }>>, Record<string, unknown>, Prisma.Sql][] = [
    [
      "transactions, newest first",
      listConsoleTransactions,
      {},
      Prisma.sql`SELECT id::text FROM transactions ORDER BY created_at DESC, id DESC`,
    ],
    [
      "transactions by status (ties)",
      listConsoleTransactions,
      { sort: "status.asc" },
      Prisma.sql`SELECT id::text FROM transactions ORDER BY status, created_at, id`,
    ],
    [
      "transactions by amount",
      listConsoleTransactions,
      { sort: "amount.desc" },
      Prisma.sql`SELECT id::text FROM transactions ORDER BY amount DESC, id DESC`,
    ],
    [
      "transactions on one chain by type",
      listConsoleTransactions,
      { chain: "XTN", sort: "type.desc" },
      Prisma.sql`SELECT id::text FROM transactions WHERE chain_id = 'XTN' ORDER BY type DESC, created_at DESC, id DESC`,
    ],
    ["users by email", listUsers, { sort: "email.asc" }, Prisma.sql`SELECT id::text FROM users ORDER BY email, id`],
    [
      "TSS requests by type",
      listTssRequests,
      { sort: "type.asc" },
      Prisma.sql`SELECT id::text FROM tss_requests ORDER BY type, created_at, id`,
    ],
    [
      "vaults by Cobo id",
      listVaults,
      { sort: "coboVaultId.asc" },
      Prisma.sql`SELECT id::text FROM vaults ORDER BY coalesce(cobo_vault_id, ''), id`,
    ],
    [
      "webhook events by attempts",
      listWebhookEvents,
      { sort: "attempts.asc" },
      Prisma.sql`SELECT id::text FROM webhook_events ORDER BY attempts, id`,
    ],
    [
      "risk decisions by decision",
      listRiskDecisions,
      { sort: "decision.desc" },
      Prisma.sql`SELECT id::text FROM risk_decisions ORDER BY decision DESC, created_at DESC, id DESC`,
    ],
    ["audit log", listAuditLog, {}, Prisma.sql`SELECT id::text FROM audit_log ORDER BY created_at DESC, id DESC`],
    [
      "drifts by resolution",
      listDrifts,
      { sort: "resolvedAt.desc" },
      Prisma.sql`SELECT id::text FROM reconciliation_drifts ORDER BY coalesce(resolved_at, 'infinity') DESC, id DESC`,
    ],
  ];

  for (const [name, list, params, reference] of cases)
    it(`${name}: every row once, in order, the same pages backwards`, async () => {
      const expected = await ids(reference);
      const { forward, backward, all } = await walk(list, params);
      expect(all).toEqual(expected);
      expect(backward.map((p) => p.length)).toEqual(forward.map((p) => p.length));
      expect(backward).toEqual(forward);
    });

  it("rows inserted between page loads neither repeat nor push existing rows off the walk", async () => {
    const before = await ids(Prisma.sql`SELECT id::text FROM transactions`);
    const seen: string[] = [];
    let page = await listConsoleTransactions({ pageSize: "25" });
    seen.push(...page.rows.map((r) => r.id));
    let k = 0;
    const add = (createdAt: Date) =>
      t.current.db.transaction.create({
        data: {
          requestId: `late-${k++}`,
          walletId,
          type: "Deposit",
          chainId: "XTN",
          tokenId: "XTN",
          amount: "0.1",
          status: "Completed",
          createdAt,
        },
        select: { id: true },
      });
    while (page.nextCursor) {
      // newer than everything (before the cursor), at the cursor's instant, and older than everything
      const last = page.rows.at(-1)!;
      await add(new Date());
      await add(new Date(last.createdAt));
      await add(new Date("2020-01-01T00:00:00Z"));
      page = await listConsoleTransactions({ pageSize: "25", after: page.nextCursor });
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    const missing = before.filter((id) => !seen.includes(id));
    expect(missing).toEqual([]);
    await t.current.db.transaction.deleteMany({ where: { requestId: { startsWith: "late-" } } });
  });

  it("a forged or foreign cursor starts from the first page", async () => {
    const first = await listConsoleTransactions({ pageSize: "10" });
    const forged = Buffer.from(JSON.stringify({ s: "createdAt.desc", k: ["2026-01-01 00:00:00+00", "'; DROP TABLE users; --"] })).toString(
      "base64url",
    );
    expect((await listConsoleTransactions({ pageSize: "10", after: forged })).rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    const other = await listConsoleTransactions({ pageSize: "10", sort: "amount.asc" });
    expect((await listConsoleTransactions({ pageSize: "10", after: other.nextCursor })).prevCursor).toBeNull();
  });
});

describe("filters, search and counts", () => {
  it("a filter returns exactly the rows with that value, on every page", async () => {
    const { all } = await walk(listConsoleTransactions, { status: "Failed", type: "Withdrawal" });
    expect(all.toSorted()).toEqual(
      (await ids(Prisma.sql`SELECT id::text FROM transactions WHERE status = 'Failed' AND type = 'Withdrawal'`)).toSorted(),
    );
    const count = (await listConsoleTransactions({ status: "Failed", type: "Withdrawal" })).total;
    expect(count).toEqual({ value: all.length, kind: "exact" });
  });

  it("search matches any part of an id, case-insensitively, and nothing else", async () => {
    const [sample] = await sql<{ cobo_transaction_id: string }>(
      Prisma.sql`SELECT cobo_transaction_id FROM transactions WHERE cobo_transaction_id IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const part = sample!.cobo_transaction_id.slice(12, 22).toUpperCase();
    const { all } = await walk(listConsoleTransactions, { q: part });
    const expected = await ids(Prisma.sql`
      SELECT id::text FROM transactions WHERE strpos(lower(coalesce(cobo_transaction_id, '')), lower(${part})) > 0
        OR strpos(lower(request_id), lower(${part})) > 0 OR strpos(lower(coalesce(transaction_hash, '')), lower(${part})) > 0`);
    expect(all.toSorted()).toEqual(expected.toSorted());
    expect(all.length).toBeGreaterThan(0);
    // Wildcards are text, not patterns.
    expect((await listConsoleTransactions({ q: "seed_%" })).rows).toEqual([]);
    // One or two characters must be a whole value.
    expect((await listConsoleTransactions({ q: "ti" })).rows).toEqual([]);
    expect((await listUsers({ q: "seed-user-0000012@EXAMPLE.com" })).rows.map((r) => r.email)).toEqual(["seed-user-0000012@example.com"]);
    const vaults = await listVaults({ q: "seed-user-0000012@" });
    expect(vaults.rows.map((r) => r.userEmail)).toEqual(["seed-user-0000012@example.com"]);
    const event = (await listWebhookEvents({ pageSize: "10" })).rows[3]!;
    expect((await listWebhookEvents({ q: event.eventId.slice(9, 30) })).rows.map((r) => r.id)).toEqual([event.id]);
  });

  it("counts exactly up to the cap, and says 'at least' past it", async () => {
    expect(COUNT_CAP).toBe(10_000);
    expect((await listConsoleTransactions({})).total).toEqual({ value: 625, kind: "exact" });
    expect((await listUsers({ status: "active" })).total.kind).toBe("exact");
  });

  it("filter menus offer the stored values, read from the index", async () => {
    const result = await listConsoleTransactions({});
    expect(result.chainOptions).toEqual(["SETH", "XTN"]);
    expect(result.typeOptions).toEqual(["Deposit", "Withdrawal"]);
  });
});

describe("query plans", () => {
  /** EXPLAIN with sequential scans (and, when asked, plain index scans and sorts) disabled for the transaction. */
  async function plan(query: Prisma.Sql, off: string[] = ["enable_seqscan", "enable_sort"]): Promise<string> {
    return t.current.db.$transaction(async (tx) => {
      for (const setting of off) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
      const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${query}`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
  }
  const deep = async (list: (i: Record<string, unknown>) => Promise<Page<{ id: string }>>, params: Record<string, unknown>) =>
    (await list({ ...params, pageSize: "10" })).nextCursor ?? undefined;

  const cases: [string, () => Promise<KeysetQuery>, string][] = [
    ["transactions first page", async () => transactionsListQuery(listTransactionsInput.parse({})), "transactions"],
    [
      "transactions deep page",
      async () => transactionsListQuery(listTransactionsInput.parse({ after: await deep(listConsoleTransactions, {}) })),
      "transactions",
    ],
    [
      "transactions filtered by status",
      async () => transactionsListQuery(listTransactionsInput.parse({ status: "Completed" })),
      "transactions",
    ],
    [
      "transactions sorted by amount, deep",
      async () =>
        transactionsListQuery(
          listTransactionsInput.parse({ sort: "amount.asc", after: await deep(listConsoleTransactions, { sort: "amount.asc" }) }),
        ),
      "transactions",
    ],
    [
      "transactions sorted by chain, deep",
      async () =>
        transactionsListQuery(
          listTransactionsInput.parse({ sort: "chainId.desc", after: await deep(listConsoleTransactions, { sort: "chainId.desc" }) }),
        ),
      "transactions",
    ],
    ["TSS requests by update", async () => tssRequestsListQuery(listTssRequestsInput.parse({ sort: "updatedAt.desc" })), "tss_requests"],
    ["users by email", async () => usersListQuery(listUsersInput.parse({ sort: "email.asc" })), "users"],
    [
      "webhook events by type",
      async () => webhookEventsListQuery(listWebhookEventsInput.parse({ type: "wallets.transaction.failed" })),
      "webhook_events",
    ],
    ["risk decisions", async () => riskDecisionsListQuery(listRiskDecisionsInput.parse({ decision: "deny" })), "risk_decisions"],
    ["audit log by outcome", async () => auditLogListQuery(listAuditLogInput.parse({ sort: "outcome.asc" })), "audit_log"],
  ];
  for (const [name, build, table] of cases)
    it(`${name}: an index returns the rows in order (no table scan, no sort)`, async () => {
      const text = await plan(keysetSql(await build()));
      expect(text).not.toContain(`Seq Scan on ${table}`);
      expect(text).not.toMatch(/\bSort\b/);
      expect(text).toMatch(/Index (Only )?Scan/);
    });

  it("search goes through the trigram indexes", async () => {
    const text = await plan(keysetSql(transactionsListQuery(listTransactionsInput.parse({ q: "abcdef12" }))), [
      "enable_seqscan",
      "enable_indexscan",
    ]);
    expect(text).toContain("transactions_cobo_transaction_id_trgm_idx");
    expect(text).toContain("transactions_request_id_trgm_idx");
    expect(text).toContain("transactions_transaction_hash_trgm_idx");
  });

  it("reconciliation reads open objects through the partial indexes", async () => {
    expect(await plan(openTransactionsSql)).toContain("transactions_open_last_synced_idx");
    expect(await plan(openTssRequestsSql)).toContain("tss_requests_open_last_synced_idx");
  });
});
