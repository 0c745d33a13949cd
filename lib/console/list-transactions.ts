import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { TRANSACTION_STATUSES, TRANSACTION_TYPES } from "@/lib/console/known-values";
import {
  countRows,
  cursorPage,
  dateParam,
  dateRangeConditions,
  decimalParam,
  distinctValues,
  durationMs,
  durationParam,
  idParam,
  inPageOrder,
  isGuid,
  keysetPage,
  listInput,
  mergeOptions,
  notInLiteral,
  searchCondition,
  textParam,
  timestampSql,
  userIdSql,
  type KeysetQuery,
  type ListResult,
  type SortKey,
  type SortState,
} from "@/lib/console/list-query";
import { decimalString, isoString } from "@/lib/serialize";
import { TX_FINAL_STATUSES } from "@/lib/server/transactions/transaction-status";

const SORTS = ["createdAt", "status", "type", "chainId", "amount"] as const;
type TransactionSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<TransactionSort> = { id: "createdAt", desc: true };

export const listTransactionsInput = listInput(SORTS, DEFAULT_SORT, {
  q: textParam,
  status: textParam,
  type: textParam,
  chain: textParam,
  vault: idParam,
  /** created on or after (a date is a whole UTC day) */
  from: dateParam,
  /** created on or before */
  to: dateParam,
  /** the app user: id or email */
  user: textParam,
  /** our wallet id or Cobo's */
  wallet: textParam,
  /** either side of the transfer, any case */
  address: textParam,
  token: textParam,
  amountMin: decimalParam,
  amountMax: decimalParam,
  /** not final, and no status change for this long (`30m`, `2h`, `3d`) */
  stuck: durationParam,
});

/** The filters a transactions view (page or export) reads from the URL. */
export const TRANSACTION_FILTER_KEYS = [
  "q",
  "status",
  "type",
  "chain",
  "vault",
  "from",
  "to",
  "user",
  "wallet",
  "address",
  "token",
  "amountMin",
  "amountMax",
  "stuck",
] as const;

export type TransactionRow = {
  id: string;
  requestId: string;
  coboTransactionId: string | null;
  type: string;
  chainId: string;
  tokenId: string;
  /** Decimal string, never a number. */
  amount: string;
  status: string;
  subStatus: string | null;
  transactionHash: string | null;
  sourceAddress: string | null;
  destinationAddress: string | null;
  walletId: string;
  vaultId: string;
  userId: string;
  userEmail: string;
  createdAt: string;
};

export type TransactionFilters = Partial<Record<(typeof TRANSACTION_FILTER_KEYS)[number], string>>;

export type ListTransactionsResult = ListResult<TransactionRow, TransactionSort, TransactionFilters> & {
  /** The vault a "view all" link scoped the list to, named for the page. */
  scopeVault: { id: string; coboVaultId: string | null } | null;
  statusOptions: string[];
  typeOptions: string[];
  chainOptions: string[];
  tokenOptions: string[];
};

/** The narrow read shared by every transaction table (list, dashboard, user and vault pages). */
export const transactionRowSelect = {
  id: true,
  requestId: true,
  coboTransactionId: true,
  type: true,
  chainId: true,
  tokenId: true,
  amount: true,
  status: true,
  subStatus: true,
  transactionHash: true,
  sourceAddress: true,
  destinationAddress: true,
  createdAt: true,
  wallet: { select: { id: true, vault: { select: { id: true, user: { select: { id: true, email: true } } } } } },
} satisfies Prisma.TransactionSelect;

export function toTransactionRow(t: Prisma.TransactionGetPayload<{ select: typeof transactionRowSelect }>): TransactionRow {
  return {
    id: t.id,
    requestId: t.requestId,
    coboTransactionId: t.coboTransactionId,
    type: t.type,
    chainId: t.chainId,
    tokenId: t.tokenId,
    amount: decimalString(t.amount),
    status: t.status,
    subStatus: t.subStatus,
    transactionHash: t.transactionHash,
    sourceAddress: t.sourceAddress,
    destinationAddress: t.destinationAddress,
    walletId: t.wallet.id,
    vaultId: t.wallet.vault.id,
    userId: t.wallet.vault.user.id,
    userEmail: t.wallet.vault.user.email,
    createdAt: isoString(t.createdAt),
  };
}

const CREATED: SortKey = { sql: "t.created_at", type: "timestamptz" };
/** The index-backed key of each sort (transactions_*_idx in the console_list_indexes migration); `t.id` follows. */
const SORT_KEYS: Record<TransactionSort, SortKey[]> = {
  createdAt: [CREATED],
  status: [{ sql: "t.status", type: "text" }, CREATED],
  type: [{ sql: "t.type", type: "text" }, CREATED],
  chainId: [{ sql: "t.chain_id", type: "text" }, CREATED],
  amount: [{ sql: "t.amount", type: "numeric" }],
};

/**
 * The support filters, each served by an index (prisma/migrations/*_console_filters): the wallet
 * and user filters through transactions_wallet_id_created_at_id_idx (a user's wallets are a
 * handful of rows), the token through transactions_token_id_created_at_id_idx, the address through
 * the two lower(address) expression indexes, the amount range through transactions_amount_id_idx,
 * the date range through the created_at keys, "stuck" through transactions_open_created_at_idx.
 */
function transactionFilterConditions(input: z.infer<typeof listTransactionsInput>): Prisma.Sql[] {
  const where = dateRangeConditions("t.created_at", input.from, input.to);
  if (input.user)
    where.push(
      Prisma.sql`t.wallet_id IN (SELECT w.id FROM wallets w JOIN vaults v ON v.id = w.vault_id WHERE v.user_id = ${userIdSql(input.user)})`,
    );
  if (input.wallet)
    where.push(
      isGuid(input.wallet)
        ? Prisma.sql`t.wallet_id IN (SELECT w.id FROM wallets w WHERE w.id = ${input.wallet}::uuid OR w.cobo_wallet_id = ${input.wallet})`
        : Prisma.sql`t.wallet_id IN (SELECT w.id FROM wallets w WHERE w.cobo_wallet_id = ${input.wallet})`,
    );
  if (input.address) {
    const address = input.address.toLowerCase();
    where.push(Prisma.sql`lower(t.source_address) = ${address} OR lower(t.destination_address) = ${address}`);
  }
  if (input.token) where.push(Prisma.sql`t.token_id = ${input.token}`);
  if (input.amountMin) where.push(Prisma.sql`t.amount >= CAST(${input.amountMin} AS numeric)`);
  if (input.amountMax) where.push(Prisma.sql`t.amount <= CAST(${input.amountMax} AS numeric)`);
  if (input.stuck) {
    // Not final, older than the cutoff, and no status change recorded since (polls that found
    // nothing new write no applied timeline entry, so they do not count as movement).
    const cutoff = timestampSql(new Date(Date.now() - durationMs(input.stuck)));
    where.push(notInLiteral("t.status", TX_FINAL_STATUSES));
    where.push(Prisma.sql`t.created_at < ${cutoff}`);
    // A scalar subquery, not NOT EXISTS: the planner may turn an anti-join into a scan of the whole
    // timeline; this stays one backward probe of transaction_status_changes_transaction_id_occurred_at_idx per open row.
    where.push(
      Prisma.sql`coalesce((SELECT max(c.occurred_at) FROM transaction_status_changes c WHERE c.transaction_id = t.id AND c.applied), '-infinity') < ${cutoff}`,
    );
  }
  return where;
}

/**
 * The search box: any part of the Cobo transaction id, our request id or the hash (trigram
 * indexes), or, whole, a client's Idempotency-Key, the source or destination address (either
 * case) or the owner's email. Each branch is an index scan, combined by a bitmap OR, so the
 * search never reads the table; the email is resolved to the user's wallets first.
 */
function transactionSearchCondition(q: string): Prisma.Sql {
  const branches = [
    searchCondition(["t.cobo_transaction_id", "t.request_id", "t.transaction_hash"], q),
    Prisma.sql`t.idempotency_key = ${q}`,
    Prisma.sql`lower(t.source_address) = lower(${q})`,
    Prisma.sql`lower(t.destination_address) = lower(${q})`,
  ];
  if (q.includes("@"))
    branches.push(Prisma.sql`t.wallet_id = ANY (ARRAY(
      SELECT w.id FROM users u JOIN vaults v ON v.user_id = u.id JOIN wallets w ON w.vault_id = v.id WHERE u.email = lower(${q})))`);
  return Prisma.join(branches, " OR ");
}

/** The keyset query of one page (exported for the EXPLAIN tests). */
export function transactionsListQuery(input: z.infer<typeof listTransactionsInput>): KeysetQuery {
  const where: Prisma.Sql[] = [];
  if (input.q) where.push(transactionSearchCondition(input.q));
  if (input.status) where.push(Prisma.sql`t.status = ${input.status}`);
  if (input.type) where.push(Prisma.sql`t.type = ${input.type}`);
  if (input.chain) where.push(Prisma.sql`t.chain_id = ${input.chain}`);
  if (input.vault) where.push(Prisma.sql`t.wallet_id IN (SELECT w.id FROM wallets w WHERE w.vault_id = ${input.vault}::uuid)`);
  where.push(...transactionFilterConditions(input));
  return {
    from: "transactions t",
    id: "t.id",
    where,
    keys: SORT_KEYS[input.sort.id],
    sort: input.sort,
    after: input.after,
    before: input.before,
    pageSize: input.pageSize,
  };
}

/** Transactions for the Transactions table; the search box matches ids, hash, Idempotency-Key, address or email. */
export async function listConsoleTransactions(rawInput: unknown): Promise<ListTransactionsResult> {
  const input = listTransactionsInput.parse(rawInput ?? {});
  const query = transactionsListQuery(input);
  const [page, total, storedStatuses, storedTypes, storedChains, storedTokens, scopeVault] = await Promise.all([
    keysetPage(query),
    countRows({ from: query.from, where: query.where, table: "transactions" }),
    distinctValues("transactions", "status"),
    distinctValues("transactions", "type"),
    distinctValues("transactions", "chain_id"),
    distinctValues("transactions", "token_id"),
    input.vault ? db.vault.findUnique({ where: { id: input.vault }, select: { id: true, coboVaultId: true } }) : null,
  ]);
  const rows = await db.transaction.findMany({ where: { id: { in: page.ids } }, select: transactionRowSelect });
  return {
    ...cursorPage(input.pageSize, total, page),
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    scopeVault,
    filters: Object.fromEntries(TRANSACTION_FILTER_KEYS.map((k) => [k, input[k]])),
    statusOptions: mergeOptions(TRANSACTION_STATUSES, storedStatuses),
    typeOptions: mergeOptions(TRANSACTION_TYPES, storedTypes),
    // Chains have no fixed list: offer only the ones we hold transactions on.
    chainOptions: mergeOptions([], storedChains),
    tokenOptions: mergeOptions([], storedTokens),
    rows: inPageOrder(page.ids, rows).map(toTransactionRow),
  };
}
