import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { keysetSql, type KeysetQuery } from "@/lib/console/list-query";
import { listConsoleTransactions, listTransactionsInput, transactionsListQuery } from "@/lib/console/list-transactions";
import { listTssRequests, listTssRequestsInput, tssRequestsListQuery } from "@/lib/console/list-tss-requests";
import { exportResponse } from "@/lib/http/console-export";
import { isAppError } from "@/lib/errors";
import { createConsoleUser, type ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { seedSyntheticData } from "../../scripts/lib/synthetic-seed";
import { csvObjects } from "../helpers/csv";
import { setupTestDatabase } from "../helpers/db";

// The support filters of the transactions and TSS requests lists over seeded data: each returns
// exactly the rows a reference query selects, on every page forwards and backwards (keyset paging
// keeps working with every filter), a malformed value is no filter on the page, and each filter's
// plan reads through its index (EXPLAIN with sequential scans off). Then the CSV export of the same
// views: the same rows in the same order, streamed in batches, audited, refusing unreadable filters.

const t = setupTestDatabase();
const MINUTE = 60_000;

const sql = async <T>(query: Prisma.Sql) => t.current.db.$queryRaw<T[]>(query);
const ids = async (query: Prisma.Sql) => (await sql<{ id: string }>(query)).map((r) => r.id);

type Page = { rows: { id: string }[]; nextCursor: string | null; prevCursor: string | null };

/** Every page forwards (10 rows each), then back again from the last one: both must agree. */
async function walk(list: (input: Record<string, unknown>) => Promise<Page>, params: Record<string, unknown>): Promise<string[]> {
  const forward: string[][] = [];
  let page = await list({ ...params, pageSize: "10" });
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
  expect(backward).toEqual(forward);
  return forward.flat();
}

let sample: { email: string; user_id: string; wallet_id: string; cobo_wallet_id: string; address: string; day: string };
let support: ConsoleIdentity;
const stuckIds: Record<string, string> = {};
const stuckTss: Record<string, string> = {};

beforeAll(async () => {
  const client = new pg.Client({ connectionString: t.current.url });
  await client.connect();
  try {
    await seedSyntheticData(client, { users: 30, transactions: 500, seed: 11, anchor: new Date("2026-11-01T00:00:00Z"), batchSize: 250 });
  } finally {
    await client.end();
  }
  // A user with several transactions, one of their wallets, an address they used, a busy day.
  const [s] = await sql<typeof sample>(Prisma.sql`
    SELECT u.email, u.id::text AS user_id, w.id::text AS wallet_id, w.cobo_wallet_id, t.destination_address AS address,
           to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
    FROM transactions t JOIN wallets w ON w.id = t.wallet_id JOIN vaults v ON v.id = w.vault_id JOIN users u ON u.id = v.user_id
    WHERE t.destination_address IS NOT NULL
    GROUP BY u.email, u.id, w.id, w.cobo_wallet_id, t.destination_address, t.created_at
    ORDER BY (SELECT count(*) FROM transactions t2 WHERE t2.wallet_id = w.id) DESC, t.created_at LIMIT 1`);
  sample = s!;

  // "Stuck" cases, relative to now: open and quiet for 3 h; open with a change 10 min ago; open
  // with only an unapplied (recorded-only) entry 10 min ago; final and old; open and 10 min old.
  const wallet = sample.wallet_id;
  const now = Date.now();
  const tx = async (name: string, status: string, createdAgo: number, entries: { ago: number; applied: boolean }[]) => {
    const row = await t.current.db.transaction.create({
      data: {
        requestId: `stuck-${name}`,
        walletId: wallet,
        type: "Withdrawal",
        chainId: "XTN",
        tokenId: "XTN",
        amount: "0.25",
        status,
        createdAt: new Date(now - createdAgo),
        history: {
          create: entries.map((e) => ({ toStatus: status, source: "poll", applied: e.applied, occurredAt: new Date(now - e.ago) })),
        },
      },
      select: { id: true },
    });
    stuckIds[name] = row.id;
  };
  await tx("quiet", "PendingSignature", 180 * MINUTE, [{ ago: 179 * MINUTE, applied: true }]);
  await tx("moving", "Broadcasting", 180 * MINUTE, [
    { ago: 179 * MINUTE, applied: true },
    { ago: 10 * MINUTE, applied: true },
  ]);
  await tx("recorded-only", "Confirming", 180 * MINUTE, [
    { ago: 179 * MINUTE, applied: true },
    { ago: 10 * MINUTE, applied: false },
  ]);
  await tx("final", "Completed", 180 * MINUTE, [{ ago: 179 * MINUTE, applied: true }]);
  await tx("young", "Submitted", 10 * MINUTE, []);

  const request = await t.current.db.tssRequest.findFirstOrThrow({
    where: { vault: { userId: sample.user_id } },
    select: { vaultId: true, targetGroupId: true },
  });
  const tss = async (name: string, status: string, createdAgo: number, changedAgo: number | null) => {
    const row = await t.current.db.tssRequest.create({
      data: {
        coboTssRequestId: `stuck-tss-${name}`,
        vaultId: request.vaultId,
        targetGroupId: request.targetGroupId,
        type: "KeyGen",
        status,
        createdAt: new Date(now - createdAgo),
        history:
          changedAgo === null ? undefined : { create: [{ toStatus: status, source: "webhook", occurredAt: new Date(now - changedAgo) }] },
      },
      select: { id: true },
    });
    stuckTss[name] = row.id;
  };
  await tss("quiet", "PendingKeyHolderConfirmation", 120 * MINUTE, 119 * MINUTE);
  await tss("moving", "KeyGenerating", 120 * MINUTE, 5 * MINUTE);
  await tss("final", "Success", 120 * MINUTE, 119 * MINUTE);

  support = await createConsoleUser({ email: "filters-support@example.com", role: "support", password: "a good long password" });
}, 300_000);

describe("transaction filters", () => {
  const cases: [string, () => Record<string, unknown>, () => Prisma.Sql][] = [
    [
      "date range (whole UTC days, both ends included)",
      () => ({ from: sample.day, to: sample.day }),
      () => Prisma.sql`created_at >= ${sample.day}::date::timestamptz AND created_at < (${sample.day}::date + 1)::timestamptz`,
    ],
    [
      "date range with instants",
      () => ({ from: `${sample.day}T06:00:00Z`, to: "2026-10-20T00:00:00+02:00" }),
      () => Prisma.sql`created_at >= ${`${sample.day}T06:00:00Z`}::timestamptz AND created_at < '2026-10-20T00:00:00+02:00'::timestamptz`,
    ],
    [
      "user by email",
      () => ({ user: sample.email.toUpperCase() }),
      () =>
        Prisma.sql`wallet_id IN (SELECT w.id FROM wallets w JOIN vaults v ON v.id = w.vault_id WHERE v.user_id = ${sample.user_id}::uuid)`,
    ],
    [
      "user by id",
      () => ({ user: sample.user_id }),
      () =>
        Prisma.sql`wallet_id IN (SELECT w.id FROM wallets w JOIN vaults v ON v.id = w.vault_id WHERE v.user_id = ${sample.user_id}::uuid)`,
    ],
    ["wallet by our id", () => ({ wallet: sample.wallet_id }), () => Prisma.sql`wallet_id = ${sample.wallet_id}::uuid`],
    ["wallet by Cobo's id", () => ({ wallet: sample.cobo_wallet_id }), () => Prisma.sql`wallet_id = ${sample.wallet_id}::uuid`],
    [
      "address, either side, any case",
      () => ({ address: sample.address.toUpperCase() }),
      () => Prisma.sql`source_address = ${sample.address} OR destination_address = ${sample.address}`,
    ],
    ["token", () => ({ token: "SETH" }), () => Prisma.sql`token_id = 'SETH'`],
    ["amount range", () => ({ amountMin: "0.05", amountMax: "0.5" }), () => Prisma.sql`amount >= 0.05 AND amount <= 0.5`],
    ["amount from", () => ({ amountMin: "1" }), () => Prisma.sql`amount >= 1`],
    ["status", () => ({ status: "Failed" }), () => Prisma.sql`status = 'Failed'`],
    [
      "stuck longer than 1 hour",
      () => ({ stuck: "1h" }),
      () => Prisma.sql`status NOT IN ('Completed', 'Failed', 'Rejected') AND created_at < now() - interval '1 hour'
        AND NOT EXISTS (SELECT 1 FROM transaction_status_changes c WHERE c.transaction_id = transactions.id AND c.applied
          AND c.occurred_at >= now() - interval '1 hour')`,
    ],
    [
      "several at once",
      () => ({ user: sample.email, token: "XTN", status: "Completed", amountMin: "0.01" }),
      () => Prisma.sql`wallet_id IN (SELECT w.id FROM wallets w JOIN vaults v ON v.id = w.vault_id WHERE v.user_id = ${sample.user_id}::uuid)
        AND token_id = 'XTN' AND status = 'Completed' AND amount >= 0.01`,
    ],
  ];

  for (const [name, params, where] of cases)
    it(`${name}: exactly the matching rows, newest first, on every page`, async () => {
      const expected = await ids(Prisma.sql`SELECT id::text FROM transactions WHERE ${where()} ORDER BY created_at DESC, id DESC`);
      expect(expected.length).toBeGreaterThan(0);
      expect(await walk(listConsoleTransactions, params())).toEqual(expected);
    });

  it("a filter keeps working with another sort (amount, descending)", async () => {
    const expected = await ids(
      Prisma.sql`SELECT id::text FROM transactions WHERE token_id = 'XTN' AND amount <= 0.5 ORDER BY amount DESC, id DESC`,
    );
    expect(await walk(listConsoleTransactions, { token: "XTN", amountMax: "0.5", sort: "amount.desc" })).toEqual(expected);
  });

  it("stuck: quiet open rows only; a recorded-only entry is no progress; a young or final row is not stuck", async () => {
    const found = new Set(await walk(listConsoleTransactions, { stuck: "1h" }));
    expect(found.has(stuckIds.quiet!)).toBe(true);
    expect(found.has(stuckIds["recorded-only"]!)).toBe(true);
    expect(found.has(stuckIds.moving!)).toBe(false);
    expect(found.has(stuckIds.final!)).toBe(false);
    expect(found.has(stuckIds.young!)).toBe(false);
    const longer = new Set(await walk(listConsoleTransactions, { stuck: "4h" }));
    expect(longer.has(stuckIds.quiet!)).toBe(false);
  });

  it("echoes every filter for the toolbar; a malformed value is no filter", async () => {
    const result = await listConsoleTransactions({ token: "XTN", stuck: "2x", amountMin: "1e5", from: "2026-13-45", user: sample.email });
    expect(result.filters).toMatchObject({ token: "XTN", user: sample.email, stuck: undefined, amountMin: undefined, from: undefined });
    expect(result.tokenOptions).toEqual(["SETH", "XTN"]);
  });
});

describe("TSS request filters", () => {
  it("user, date range and status: exactly the matching rows on every page", async () => {
    const expected =
      await ids(Prisma.sql`SELECT id::text FROM tss_requests WHERE vault_id IN (SELECT id FROM vaults WHERE user_id = ${sample.user_id}::uuid)
      ORDER BY created_at DESC, id DESC`);
    expect(expected.length).toBeGreaterThan(3);
    expect(await walk(listTssRequests, { user: sample.email })).toEqual(expected);
    const [first] = await sql<{ day: string }>(
      Prisma.sql`SELECT to_char(min(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM tss_requests`,
    );
    const dated = await ids(Prisma.sql`SELECT id::text FROM tss_requests WHERE created_at >= ${first!.day}::date::timestamptz
      AND created_at < (${first!.day}::date + 30)::timestamptz AND status = 'Success' ORDER BY created_at DESC, id DESC`);
    const to = new Date(Date.parse(`${first!.day}T00:00:00Z`) + 29 * 86_400_000).toISOString().slice(0, 10);
    expect(await walk(listTssRequests, { from: first!.day, to, status: "Success" })).toEqual(dated);
  });

  it("stuck: open and without a status change for the duration", async () => {
    const found = await walk(listTssRequests, { stuck: "1h", user: sample.user_id });
    expect(found).toContain(stuckTss.quiet);
    expect(found).not.toContain(stuckTss.moving);
    expect(found).not.toContain(stuckTss.final);
    const expected =
      await ids(Prisma.sql`SELECT id::text FROM tss_requests r WHERE r.vault_id IN (SELECT id FROM vaults WHERE user_id = ${sample.user_id}::uuid)
      AND r.status NOT IN ('Success', 'KeyHolderConfirmationFailed', 'KeyGeneratingFailed', 'Canceled') AND r.created_at < now() - interval '1 hour'
      AND NOT EXISTS (SELECT 1 FROM tss_request_status_changes c WHERE c.tss_request_id = r.id AND c.applied AND c.occurred_at >= now() - interval '1 hour')
      ORDER BY r.created_at DESC, r.id DESC`);
    expect(found).toEqual(expected);
  });
});

describe("filter plans", () => {
  async function plan(query: Prisma.Sql): Promise<string> {
    return t.current.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${query}`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
  }
  const tx = (params: Record<string, unknown>) => transactionsListQuery(listTransactionsInput.parse(params));
  const tss = (params: Record<string, unknown>) => tssRequestsListQuery(listTssRequestsInput.parse(params));
  const cases: [string, () => KeysetQuery, RegExp][] = [
    ["wallet", () => tx({ wallet: sample.wallet_id }), /transactions_wallet_id_created_at_id_idx/],
    ["user", () => tx({ user: sample.email }), /transactions_wallet_id_created_at_id_idx/],
    ["token", () => tx({ token: "XTN" }), /transactions_token_id_created_at_id_idx/],
    [
      "address",
      () => tx({ address: sample.address }),
      /transactions_(source|destination)_address_lower_idx[\s\S]*transactions_(source|destination)_address_lower_idx/,
    ],
    ["stuck", () => tx({ stuck: "1h" }), /transactions_open_created_at_idx/],
    ["amount range, sorted by amount", () => tx({ amountMin: "1", amountMax: "2", sort: "amount.asc" }), /transactions_amount_id_idx/],
    ["date range", () => tx({ from: "2026-10-01", to: "2026-10-07" }), /transactions_created_at_id_idx/],
    ["TSS requests by user", () => tss({ user: sample.email }), /tss_requests_vault_id_created_at_id_idx/],
    ["TSS requests stuck", () => tss({ stuck: "1h" }), /tss_requests_open_created_at_idx/],
    ["TSS requests by date", () => tss({ from: "2026-10-01" }), /tss_requests_created_at_id_idx/],
  ];
  for (const [name, build, index] of cases)
    it(`${name}: read through its index`, async () => {
      const text = await plan(keysetSql(build()));
      expect(text).toMatch(index);
      expect(text).not.toMatch(/Seq Scan on (transactions|tss_requests)/);
    });
});

describe("CSV export of a filtered view", () => {
  async function read(res: Response): Promise<string> {
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
  }

  it("has the view's rows in the view's order, streamed in batches, and the export is audited", async () => {
    const params = { user: sample.email, token: "XTN", sort: "amount.asc" };
    const listed = await walk(listConsoleTransactions, params);
    expect(listed.length).toBeGreaterThan(7);
    const res = await exportResponse("transactions", params, support, 7);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="transactions-\d{8}T\d{6}Z\.csv"$/);
    const rows = csvObjects(await read(res));
    expect(rows.map((r) => r.id)).toEqual(listed);
    expect(rows.every((r) => r.user_email === sample.email && r.token_id === "XTN")).toBe(true);
    expect(Object.keys(rows[0]!)).not.toContain("request_hash");
    const audit = await t.current.db.auditLog.findFirstOrThrow({ where: { actorId: support.id, action: "export.transactions" } });
    expect(audit).toMatchObject({
      outcome: "succeeded",
      actorRole: "support",
      targetType: "export",
      targetId: "transactions",
      details: { filters: { user: sample.email, token: "XTN" }, sort: "amount.asc" },
    });
  });

  it("the reader pulls batches: nothing past the first batch is read before the reader asks", async () => {
    const res = await exportResponse("transactions", {}, support, 5);
    const reader = res.body!.getReader();
    const first = new TextDecoder("utf-8", { ignoreBOM: true }).decode((await reader.read()).value);
    expect(first.startsWith("\uFEFFid,cobo_transaction_id,")).toBe(true);
    const batch = new TextDecoder("utf-8", { ignoreBOM: true }).decode((await reader.read()).value);
    expect(batch.split("\r\n").filter(Boolean)).toHaveLength(5);
    await reader.cancel();
  });

  it("formula-like text is neutralised and quoting survives a round trip", async () => {
    await t.current.db.transaction.update({
      where: { id: stuckIds.quiet! },
      data: { failedReason: '=HYPERLINK("http://evil.example","click"), then\nmore', sourceAddress: "@SUM(A1)" },
    });
    const rows = csvObjects(await read(await exportResponse("transactions", { wallet: sample.wallet_id, stuck: "1h" }, support, 3)));
    const row = rows.find((r) => r.id === stuckIds.quiet)!;
    expect(row.failed_reason).toBe(`'=HYPERLINK("http://evil.example","click"), then\nmore`);
    expect(row.source_address).toBe("'@SUM(A1)");
  });

  it("refuses a filter it cannot read (422, nothing streamed) and audits the refusal", async () => {
    const error = await exportResponse("transactions", { token: "XTN", stuck: "forever", from: "yesterday" }, support).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.code).toBe("invalid_input");
    expect(isAppError(error) && error.options.issues?.map((i) => i.path)).toEqual(["query.from", "query.stuck"]);
    expect(
      await t.current.db.auditLog.findFirst({ where: { actorId: support.id, action: "export.transactions", outcome: "failed" } }),
    ).toMatchObject({ details: { code: "invalid_input", unreadFilters: "from, stuck" } });
  });

  it("webhook events and risk decisions: the view's rows, without raw bodies", async () => {
    const events = csvObjects(await read(await exportResponse("webhook-events", { status: "applied" }, support, 50)));
    const expectedEvents = await ids(
      Prisma.sql`SELECT id::text FROM webhook_events WHERE status = 'applied' ORDER BY received_at DESC, id DESC`,
    );
    expect(events.map((e) => e.id)).toEqual(expectedEvents);
    expect(Object.keys(events[0]!)).not.toContain("raw_body");
    const decisions = csvObjects(await read(await exportResponse("risk-decisions", { decision: "ok" }, support, 50)));
    const expectedDecisions = await ids(
      Prisma.sql`SELECT id::text FROM risk_decisions WHERE decision = 'ok' ORDER BY created_at DESC, id DESC`,
    );
    expect(decisions.map((d) => d.id)).toEqual(expectedDecisions);
    expect(expectedDecisions.length).toBeGreaterThan(0);
    expect(Object.keys(decisions[0]!)).not.toContain("raw_body");
  });
});
