import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { textParam } from "@/lib/console/list-query";

// The console's one search box. Support staff are handed every kind of key: an app user's email,
// the ids our console links carry, the ids an app or Cobo Portal quotes (Cobo's vault, wallet,
// transaction and TSS request ids, webhook event ids), our request ids, a client's Idempotency-Key,
// a transaction hash, an address, a TSS node id. Whatever is pasted is compared, whole, with every
// column that can hold such a key, each through an index (b-tree, one probe per column), so a
// search costs the same at 100 users and at 100k users with 1M transactions. No partial matches
// here: the list pages' own search boxes match parts of ids (trigram indexes).

/** How many rows of one kind matched on one column are listed; more are reported as truncated. */
export const MATCHES_PER_KEY = 20;
/** Transactions to or from an external address are counted up to this many. */
export const ADDRESS_TRANSACTIONS_CAP = 1000;

export type SearchKind =
  "user" | "vault" | "group" | "wallet" | "address" | "transaction" | "tss_request" | "webhook_event" | "tss_node" | "address_transactions";

/** What the results page names each kind. */
export const SEARCH_KIND_LABEL: Record<SearchKind, string> = {
  user: "User",
  vault: "Vault",
  group: "Key share holder group",
  wallet: "Wallet",
  address: "Address",
  transaction: "Transaction",
  tss_request: "TSS request",
  webhook_event: "Webhook event",
  tss_node: "TSS node",
  address_transactions: "Transactions of an address",
};

export type SearchMatch = {
  kind: SearchKind;
  kindLabel: string;
  /** our row id (for `address_transactions`: the address as stored) */
  id: string;
  /** which key the text matched, e.g. "Cobo transaction id", "Idempotency-Key" */
  matchedOn: string;
  /** a short description of the row: email, vault or wallet name, "Withdrawal 1.5 SETH", … */
  title: string;
  status: string | null;
  /** the app user it belongs to, when it belongs to one */
  ownerEmail: string | null;
  /** the console page that shows it; null when no page does (Cobo's own TSS nodes) */
  href: string | null;
};

export type SearchResult = {
  /** the text searched for, trimmed; undefined when there was nothing usable to search for */
  query: string | undefined;
  matches: SearchMatch[];
  /** some key matched more than MATCHES_PER_KEY rows: only the first ones are listed */
  truncated: boolean;
};

const UUID = z.guid();

type Row = {
  kind: SearchKind;
  field: string;
  id: string;
  title: string | null;
  status: string | null;
  owner_email: string | null;
  /** the id the link needs: the row's own, its vault's (wallet, group, address) or its user's (node) */
  target: string | null;
};

/** A node's label, else what kind of holder it is. */
const NODE_TITLE = Prisma.sql`coalesce(n.label, CASE n.kind WHEN 'user' THEN 'User device' WHEN 'cobo' THEN 'Cobo' WHEN 'cosigner' THEN 'Server co-signer' ELSE n.kind END)`;

// Every branch selects the same columns. `q` is always a bound parameter; only the fixed SQL
// text of this file is spliced in. The comments name the index each lookup goes through.
function branches(q: string): Prisma.Sql[] {
  const limit = MATCHES_PER_KEY + 1;
  const txFrom = Prisma.sql`transactions t JOIN wallets w ON w.id = t.wallet_id JOIN vaults v ON v.id = w.vault_id JOIN users u ON u.id = v.user_id`;
  const out: Prisma.Sql[] = [];

  if (UUID.safeParse(q).success) {
    // Our own ids (primary keys). Only a UUID is ever compared with a uuid column.
    const id = Prisma.sql`CAST(lower(${q}) AS uuid)`;
    out.push(
      Prisma.sql`SELECT 'user'::text, 'our user id', u.id::text, u.email, u.status, u.email, u.id::text
        FROM users u WHERE u.id = ${id}`,
      Prisma.sql`SELECT 'vault'::text, 'our vault id', v.id::text, v.name, v.status, u.email, v.id::text
        FROM vaults v JOIN users u ON u.id = v.user_id WHERE v.id = ${id}`,
      Prisma.sql`SELECT 'group'::text, 'our group id', g.id::text, g.group_type, g.lifecycle, u.email, g.vault_id::text
        FROM key_share_holder_groups g JOIN vaults v ON v.id = g.vault_id JOIN users u ON u.id = v.user_id WHERE g.id = ${id}`,
      Prisma.sql`SELECT 'wallet'::text, 'our wallet id', w.id::text, w.name, NULL, u.email, w.vault_id::text
        FROM wallets w JOIN vaults v ON v.id = w.vault_id JOIN users u ON u.id = v.user_id WHERE w.id = ${id}`,
      Prisma.sql`SELECT 'transaction'::text, 'our transaction id', t.id::text,
        t.type || ' ' || trim_scale(t.amount)::text || ' ' || t.token_id, t.status, u.email, t.id::text FROM ${txFrom} WHERE t.id = ${id}`,
      Prisma.sql`SELECT 'tss_request'::text, 'our TSS request id', r.id::text, r.type, r.status, u.email, r.id::text
        FROM tss_requests r JOIN vaults v ON v.id = r.vault_id JOIN users u ON u.id = v.user_id WHERE r.id = ${id}`,
      Prisma.sql`SELECT 'webhook_event'::text, 'our webhook event id', e.id::text, e.type, e.status, NULL, e.id::text
        FROM webhook_events e WHERE e.id = ${id}`,
      Prisma.sql`SELECT 'tss_node'::text, 'our TSS node id', n.id::text, ${NODE_TITLE}, n.status, u.email, n.user_id::text
        FROM tss_nodes n LEFT JOIN users u ON u.id = n.user_id WHERE n.id = ${id}`,
    );
  }

  // Emails are stored lower-cased (sign-up and the external IdP normalise them): users_email_key.
  if (q.includes("@"))
    out.push(Prisma.sql`SELECT 'user'::text, 'email', u.id::text, u.email, u.status, u.email, u.id::text
      FROM users u WHERE u.email = lower(${q})`);

  // Cobo's ids and our request ids are matched as pasted and lower-cased (Cobo's are lower-case
  // UUIDs; a copy from elsewhere may be upper-case): their unique indexes.
  const anyCase = Prisma.sql`IN (${q}, lower(${q}))`;
  out.push(
    Prisma.sql`SELECT 'vault'::text, 'Cobo vault id', v.id::text, v.name, v.status, u.email, v.id::text
      FROM vaults v JOIN users u ON u.id = v.user_id WHERE v.cobo_vault_id ${anyCase}`,
    Prisma.sql`SELECT 'group'::text, 'Cobo group id', g.id::text, g.group_type, g.lifecycle, u.email, g.vault_id::text
      FROM key_share_holder_groups g JOIN vaults v ON v.id = g.vault_id JOIN users u ON u.id = v.user_id WHERE g.cobo_group_id ${anyCase}`,
    Prisma.sql`SELECT 'wallet'::text, 'Cobo wallet id', w.id::text, w.name, NULL, u.email, w.vault_id::text
      FROM wallets w JOIN vaults v ON v.id = w.vault_id JOIN users u ON u.id = v.user_id WHERE w.cobo_wallet_id ${anyCase}`,
    Prisma.sql`SELECT 'transaction'::text, 'Cobo transaction id', t.id::text,
        t.type || ' ' || trim_scale(t.amount)::text || ' ' || t.token_id, t.status, u.email, t.id::text FROM ${txFrom} WHERE t.cobo_transaction_id ${anyCase}`,
    Prisma.sql`SELECT 'transaction'::text, 'request id', t.id::text,
        t.type || ' ' || trim_scale(t.amount)::text || ' ' || t.token_id, t.status, u.email, t.id::text FROM ${txFrom} WHERE t.request_id ${anyCase}`,
    // A client's Idempotency-Key is its own text, compared exactly (transactions_idempotency_key_idx);
    // keys are per user, so several users' transfers may share one.
    Prisma.sql`SELECT 'transaction'::text, 'Idempotency-Key', t.id::text,
        t.type || ' ' || trim_scale(t.amount)::text || ' ' || t.token_id, t.status, u.email, t.id::text FROM ${txFrom} WHERE t.idempotency_key = ${q}`,
    // Hashes are hex; explorers show them in either case (transactions_transaction_hash_lower_idx).
    // One hash can be several rows: a transfer between two of our wallets is a withdrawal and a deposit.
    Prisma.sql`SELECT 'transaction'::text, 'transaction hash', t.id::text,
        t.type || ' ' || trim_scale(t.amount)::text || ' ' || t.token_id, t.status, u.email, t.id::text FROM ${txFrom} WHERE lower(t.transaction_hash) = lower(${q})`,
    Prisma.sql`SELECT 'tss_request'::text, 'Cobo TSS request id', r.id::text, r.type, r.status, u.email, r.id::text
      FROM tss_requests r JOIN vaults v ON v.id = r.vault_id JOIN users u ON u.id = v.user_id WHERE r.cobo_tss_request_id ${anyCase}`,
    Prisma.sql`SELECT 'webhook_event'::text, 'Cobo event id', e.id::text, e.type, e.status, NULL, e.id::text
      FROM webhook_events e WHERE e.event_id ${anyCase}`,
    Prisma.sql`SELECT 'tss_node'::text, 'TSS node id', n.id::text, ${NODE_TITLE}, n.status, u.email, n.user_id::text
      FROM tss_nodes n LEFT JOIN users u ON u.id = n.user_id WHERE n.node_id ${anyCase}`,
    // Addresses: EVM ones are shown checksummed or lower-case, so compared case-insensitively
    // (addresses_address_lower_idx); the chain is not asked for.
    Prisma.sql`SELECT 'address'::text, 'address', a.id::text, a.chain_id || ' address of wallet ' || w.name, NULL, u.email, w.vault_id::text
      FROM addresses a JOIN wallets w ON w.id = a.wallet_id JOIN vaults v ON v.id = w.vault_id JOIN users u ON u.id = v.user_id
      WHERE lower(a.address) = lower(${q})`,
  );
  return out.map((b) => Prisma.sql`(${b} LIMIT ${limit})`);
}

/** The lookups as one statement (exported for the EXPLAIN test). */
export function searchSql(q: string): Prisma.Sql {
  return Prisma.sql`SELECT * FROM (${Prisma.join(branches(q), " UNION ALL ")}) AS m(kind, field, id, title, status, owner_email, target)`;
}

/**
 * Transactions to or from an address that is not one of ours (an external destination, a
 * deposit's sender), counted up to ADDRESS_TRANSACTIONS_CAP through the lower(address) indexes.
 */
export function addressTransactionsSql(q: string): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS n FROM (
      SELECT t.id FROM transactions t WHERE lower(t.source_address) = lower(${q})
      UNION
      SELECT t.id FROM transactions t WHERE lower(t.destination_address) = lower(${q})
      LIMIT ${ADDRESS_TRANSACTIONS_CAP}
    ) hits`;
}

function hrefOf(kind: SearchKind, target: string | null, q: string): string | null {
  switch (kind) {
    case "user":
      return `/users/${target}`;
    case "vault":
    case "group":
    case "wallet":
    case "address":
      return `/vaults/${target}`;
    case "transaction":
      return `/transactions/${target}`;
    case "tss_request":
      return `/tss-requests/${target}`;
    case "webhook_event":
      return `/webhooks/${target}`;
    case "tss_node":
      // A device's node is shown on its user's page; Cobo's holder and the co-signer have no page.
      return target ? `/users/${target}` : null;
    case "address_transactions":
      return `/transactions?q=${encodeURIComponent(q)}`;
  }
}

/**
 * Everything the text names, across every kind of key. Text that is no key at all (or that the
 * database could not compare) finds nothing; it is never an error.
 */
export async function searchConsole(raw: unknown): Promise<SearchResult> {
  const q = textParam.parse(raw);
  if (q === undefined) return { query: undefined, matches: [], truncated: false };

  const [rows, [external]] = await Promise.all([
    db.$queryRaw<Row[]>(searchSql(q)),
    db.$queryRaw<{ n: number }[]>(addressTransactionsSql(q)),
  ]);

  let truncated = false;
  const perKey = new Map<string, number>();
  const seen = new Set<string>();
  const matches: SearchMatch[] = [];
  for (const r of rows) {
    const key = `${r.kind}/${r.field}`;
    const n = (perKey.get(key) ?? 0) + 1;
    perKey.set(key, n);
    if (n > MATCHES_PER_KEY) {
      truncated = true;
      continue;
    }
    // One row matched on two keys (a request id that is also its Idempotency-Key): listed once.
    if (seen.has(`${r.kind}/${r.id}`)) continue;
    seen.add(`${r.kind}/${r.id}`);
    matches.push({
      kind: r.kind,
      kindLabel: SEARCH_KIND_LABEL[r.kind],
      id: r.id,
      matchedOn: r.field,
      title: r.title ?? "",
      status: r.status,
      ownerEmail: r.owner_email,
      href: hrefOf(r.kind, r.target, q),
    });
  }

  // An address of ours leads to its wallet's vault (whose page lists its transactions); any other
  // address that our transactions name is offered as the Transactions list searched by it.
  const externalCount = external?.n ?? 0;
  if (externalCount > 0 && !matches.some((m) => m.kind === "address"))
    matches.push({
      kind: "address_transactions",
      kindLabel: SEARCH_KIND_LABEL.address_transactions,
      id: q,
      matchedOn: "source or destination address",
      title: `${externalCount >= ADDRESS_TRANSACTIONS_CAP ? `${ADDRESS_TRANSACTIONS_CAP}+` : externalCount} ${externalCount === 1 ? "transaction" : "transactions"} to or from this address`,
      status: null,
      ownerEmail: null,
      href: hrefOf("address_transactions", null, q),
    });

  return { query: q, matches, truncated };
}
