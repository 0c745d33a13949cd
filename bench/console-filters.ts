import pg from "pg";
import { Prisma } from "../lib/generated/prisma/client";
import { auditLogListQuery, listAuditLogInput } from "../lib/console/list-audit-log";
import { keysetSql, type KeysetQuery } from "../lib/console/list-query";
import { listTransactionsInput, transactionsListQuery } from "../lib/console/list-transactions";
import { listTssRequestsInput, tssRequestsListQuery } from "../lib/console/list-tss-requests";

// The plans of the console's support filters on a seeded PostgreSQL database (`npm run seed`):
// for each filter, the first page's keyset query under EXPLAIN (ANALYZE, BUFFERS), the indexes it
// reads, and its time. A filter whose plan reads a table sequentially is reported as such.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<seeded db> \
//     node --import ./bench/register.mjs --import tsx bench/console-filters.ts

const url = process.env.DATABASE_URL;
if (!url?.startsWith("postgres")) throw new Error("set DATABASE_URL to a seeded PostgreSQL database");
const client = new pg.Client({ connectionString: url });
await client.connect();

/** Prisma.Sql → text with $n parameters for pg. */
const text = (q: Prisma.Sql) => ({
  text: q.sql.replace(/\?/g, (_, i: number) => `$${q.sql.slice(0, i).split("?").length}`),
  values: q.values,
});

const one = async <T>(sql: string) => (await client.query<T & pg.QueryResultRow>(sql)).rows[0]!;
const sample = await one<{ email: string; user_id: string; wallet_id: string; cobo_wallet_id: string; address: string }>(`
  SELECT u.email, u.id::text AS user_id, w.id::text AS wallet_id, w.cobo_wallet_id, t.destination_address AS address
  FROM transactions t JOIN wallets w ON w.id = t.wallet_id JOIN vaults v ON v.id = w.vault_id JOIN users u ON u.id = v.user_id
  WHERE t.type = 'Deposit' ORDER BY t.id LIMIT 1`);
const actor = await one<{ actor_email: string | null }>(`SELECT actor_email FROM audit_log ORDER BY id LIMIT 1`);

const tx = (p: Record<string, unknown>) => transactionsListQuery(listTransactionsInput.parse(p));
const tss = (p: Record<string, unknown>) => tssRequestsListQuery(listTssRequestsInput.parse(p));
const audit = (p: Record<string, unknown>) => auditLogListQuery(listAuditLogInput.parse(p));
const cases: [string, KeysetQuery][] = [
  ["transactions: date range (a week)", tx({ from: "2026-06-01", to: "2026-06-07" })],
  ["transactions: user (email)", tx({ user: sample.email })],
  ["transactions: wallet (Cobo id)", tx({ wallet: sample.cobo_wallet_id })],
  ["transactions: address", tx({ address: sample.address })],
  ["transactions: token", tx({ token: "SETH" })],
  ["transactions: amount range", tx({ amountMin: "0.1", amountMax: "0.2" })],
  ["transactions: amount range, by amount", tx({ amountMin: "0.1", amountMax: "0.2", sort: "amount.asc" })],
  ["transactions: status", tx({ status: "Failed" })],
  ["transactions: stuck > 1h", tx({ stuck: "1h" })],
  ["transactions: user + token + status", tx({ user: sample.email, token: "XTN", status: "Completed" })],
  ["TSS requests: date range", tss({ from: "2026-06-01", to: "2026-06-30" })],
  ["TSS requests: user", tss({ user: sample.user_id })],
  ["TSS requests: status", tss({ status: "Success" })],
  ["TSS requests: stuck > 1h", tss({ stuck: "1h" })],
  ["audit log: actor", audit({ actor: actor?.actor_email ?? "nobody@example.com" })],
  ["audit log: target (email)", audit({ target: sample.email })],
  ["audit log: date range", audit({ from: "2026-06-01", to: "2026-06-30" })],
];

await client.query("ANALYZE");
console.log(`| filter | rows | time (ms) | indexes read | sequential scan |`);
console.log(`|---|---|---|---|---|`);
for (const [name, query] of cases) {
  const q = text(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${keysetSql(query)}`);
  const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }>(q);
  const root = rows[0]!["QUERY PLAN"][0];
  const indexes = new Set<string>();
  const seq = new Set<string>();
  const visit = (n: PlanNode) => {
    if (n["Index Name"]) indexes.add(n["Index Name"]);
    if (n["Node Type"] === "Seq Scan" && n["Relation Name"]) seq.add(n["Relation Name"]);
    for (const c of n.Plans ?? []) visit(c);
  };
  visit(root.Plan);
  console.log(
    `| ${name} | ${root.Plan["Actual Rows"]} | ${root["Execution Time"].toFixed(2)} | ${[...indexes].join(", ")} | ${[...seq].join(", ") || "none"} |`,
  );
}
await client.end();

type PlanNode = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; "Actual Rows": number; Plans?: PlanNode[] };
