import { getPgPool } from "@/lib/db/pool";

// The statements on the hot paths, written in SQL and sent through the process's `pg` pool
// (lib/db/pool.ts) instead of Prisma: the webhook inbox (one round trip per delivery, claims with
// SKIP LOCKED) and the Client API reads that Prisma would split into several queries (/me,
// /tss-requests). Everything else goes through Prisma. They are plain PostgreSQL, so they run the
// same on PostgreSQL and on PGlite (served by pglite-socket). Each function names its columns and
// the type of the row it returns; rows are the database's, turned into views by the callers.
// docs/database.md#raw-sql lists them and why.

/** SQLSTATE class 22 ("data exception"): a value the database cannot hold (NUL in text, a bad date, …). */
export function isDataException(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("22");
}

// ---------------------------------------------------------------------------------------------
// The webhook inbox (webhook_events). An event row is also its own job: the inbox worker claims
// due rows (status received or failed, next_attempt_at passed) with FOR UPDATE SKIP LOCKED and
// moves next_attempt_at to the end of a lease, so another worker, in this instance or another,
// skips it until the lease ends; a worker that dies mid-apply leaves the event to be claimed again
// after the lease.

export type NewInboxEvent = {
  id: string;
  eventId: string;
  type: string;
  rawBody: string;
  signatureResult: string;
  source: "push" | "pull";
  coboCreatedAt: Date | null;
};

/**
 * Stores an event unless the inbox holds its event_id already, in one statement: the id of the new
 * row (committed when this returns), or null for a duplicate (nothing written).
 */
export async function insertInboxEvent(e: NewInboxEvent): Promise<string | null> {
  const result = await getPgPool().query<{ id: string }>(
    `INSERT INTO webhook_events (id, event_id, type, raw_body, signature_result, source, cobo_created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (event_id) DO NOTHING
     RETURNING id`,
    [e.id, e.eventId, e.type, e.rawBody, e.signatureResult, e.source, e.coboCreatedAt],
  );
  return result.rows[0]?.id ?? null;
}

export type ClaimedInboxEvent = { id: string; type: string; attempts: number };

/**
 * Claims up to `limit` due events, oldest due first, for `leaseSeconds`: they are not due again
 * until then. Events that used `maxAttempts` attempts are left alone (they stay `failed`).
 */
export async function claimInboxEvents(limit: number, leaseSeconds: number, maxAttempts: number): Promise<ClaimedInboxEvent[]> {
  const result = await getPgPool().query<ClaimedInboxEvent>(
    `UPDATE webhook_events e
        SET next_attempt_at = now() + make_interval(secs => $2)
       FROM (SELECT id FROM webhook_events
              WHERE status IN ('received', 'failed') AND next_attempt_at <= now() AND attempts < $3
              ORDER BY next_attempt_at
              LIMIT $1
              FOR UPDATE SKIP LOCKED) due
      WHERE e.id = due.id
     RETURNING e.id, e.type, e.attempts`,
    [limit, leaseSeconds, maxAttempts],
  );
  return result.rows;
}

/**
 * After a failed attempt: due again `baseSeconds × 2^(attempts − 1)` from now, at most
 * `maxSeconds` (attempts as the failed attempt left it). Only while the event is still `failed`.
 */
export async function scheduleInboxRetry(id: string, baseSeconds: number, maxSeconds: number): Promise<void> {
  await getPgPool().query(
    `UPDATE webhook_events
        SET next_attempt_at = now() + make_interval(secs => least($3::float8, $2::float8 * power(2, greatest(attempts - 1, 0))))
      WHERE id = $1 AND status = 'failed'`,
    [id, baseSeconds, maxSeconds],
  );
}

// ---------------------------------------------------------------------------------------------
// Client API reads.

export type MeSqlRow = {
  id: string;
  email: string;
  status: string;
  cobo_vault_id: string | null;
  tss_nodes: {
    tss_node_id: string;
    status: string;
    label: string | null;
    /** timestamptz as JSON text */
    created_at: string;
    retired_at: string | null;
    retired_by: string | null;
    retire_reason: string | null;
    secrets_backup_method: string | null;
    secrets_backed_up_at: string | null;
    secrets_backup_reported_at: string | null;
    groups: { key_share_holder_group_id: string; group_type: string; lifecycle: string }[];
  }[];
};

/** The user, their vault's Cobo id and their TSS nodes with the (created) groups each is in: one query. */
export async function selectMe(userId: string): Promise<MeSqlRow | null> {
  const result = await getPgPool().query<MeSqlRow>(
    `SELECT u.id, u.email, u.status, v.cobo_vault_id,
            COALESCE((
              SELECT json_agg(json_build_object(
                       'tss_node_id', n.node_id, 'status', n.status, 'label', n.label, 'created_at', n.created_at,
                       'retired_at', n.retired_at, 'retired_by', n.retired_by, 'retire_reason', n.retire_reason,
                       'secrets_backup_method', n.secrets_backup_method, 'secrets_backed_up_at', n.secrets_backed_up_at,
                       'secrets_backup_reported_at', n.secrets_backup_reported_at,
                       'groups', COALESCE((
                         SELECT json_agg(json_build_object(
                                  'key_share_holder_group_id', g.cobo_group_id, 'group_type', g.group_type, 'lifecycle', g.lifecycle)
                                  ORDER BY m.created_at, g.id)
                           FROM group_members m JOIN key_share_holder_groups g ON g.id = m.group_id
                          WHERE m.node_id = n.id AND g.cobo_group_id IS NOT NULL), '[]'::json))
                       ORDER BY n.created_at, n.id)
                FROM tss_nodes n
               WHERE n.user_id = u.id), '[]'::json) AS tss_nodes
       FROM users u LEFT JOIN vaults v ON v.user_id = u.id
      WHERE u.id = $1`,
    [userId],
  );
  return result.rows[0] ?? null;
}

export type TssRequestSqlRow = {
  id: string;
  cobo_tss_request_id: string;
  type: string;
  status: string;
  description: string | null;
  created_at: Date;
  updated_at: Date;
  finalized_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  source_group_id: string | null;
  target_group_id: string | null;
  target_group_type: string;
  /** TSS node ids of the source group's members, then the target group's (each by membership age) */
  source_node_ids: string[];
  target_node_ids: string[];
};

export type TssRequestFilter = { tssNodeId?: string; status?: string; limit: number; cursor?: string };

/**
 * A page of the user's TSS requests, newest first (created_at, id), after the request `cursor`
 * (none after an unknown one), optionally only those in `status` or with `tssNodeId` in the source
 * or target group: one query, `limit + 1` rows (the extra one says whether a next page exists).
 */
export async function selectTssRequests(userId: string, f: TssRequestFilter): Promise<TssRequestSqlRow[]> {
  const members = (group: string) =>
    `ARRAY(SELECT n.node_id FROM group_members m JOIN tss_nodes n ON n.id = m.node_id
            WHERE m.group_id = ${group} ORDER BY m.created_at, n.node_id)`;
  const result = await getPgPool().query<TssRequestSqlRow>(
    `SELECT r.id, r.cobo_tss_request_id, r.type, r.status, r.description, r.created_at, r.updated_at,
            r.finalized_at, r.cancelled_at, r.cancel_reason,
            sg.cobo_group_id AS source_group_id, tg.cobo_group_id AS target_group_id, tg.group_type AS target_group_type,
            CASE WHEN r.source_group_id IS NULL THEN '{}'::text[] ELSE ${members("r.source_group_id")} END AS source_node_ids,
            ${members("r.target_group_id")} AS target_node_ids
       FROM tss_requests r
       JOIN vaults v ON v.id = r.vault_id
       JOIN key_share_holder_groups tg ON tg.id = r.target_group_id
       LEFT JOIN key_share_holder_groups sg ON sg.id = r.source_group_id
      WHERE v.user_id = $1
        AND ($2::text IS NULL OR r.status = $2)
        AND ($3::text IS NULL OR EXISTS (
              SELECT 1 FROM group_members m JOIN tss_nodes n ON n.id = m.node_id
               WHERE n.node_id = $3 AND (m.group_id = r.target_group_id OR m.group_id = r.source_group_id)))
        AND ($4::uuid IS NULL OR (r.created_at, r.id) < (SELECT c.created_at, c.id FROM tss_requests c WHERE c.id = $4))
      ORDER BY r.created_at DESC, r.id DESC
      LIMIT $5`,
    [userId, f.status ?? null, f.tssNodeId ?? null, f.cursor ?? null, f.limit + 1],
  );
  return result.rows;
}

export type TransactionSqlRow = {
  id: string;
  request_id: string;
  cobo_transaction_id: string | null;
  cobo_wallet_id: string;
  type: string;
  status: string;
  sub_status: string | null;
  failed_reason: string | null;
  chain_id: string;
  token_id: string;
  /** numeric as the database's exact decimal text */
  amount: string;
  fee_amount: string | null;
  fee_token_id: string | null;
  fee_params: unknown;
  source_address: string | null;
  destination_address: string | null;
  destination_memo: string | null;
  transaction_hash: string | null;
  confirmed_num: number | null;
  confirming_threshold: number | null;
  description: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_at: Date;
  updated_at: Date;
};

export type TransactionFilter = {
  /** our wallet row id (the caller checked it is the user's) */
  walletId?: string;
  status?: string;
  type?: string;
  /** the last row of the previous page */
  after?: { createdAt: Date; id: string };
  limit: number;
};

/**
 * A page of the user's transactions (through their vault's wallets), newest first (created_at,
 * id), after `after`, optionally of one wallet, status and type: one query, `limit + 1` rows (the
 * extra one says whether a next page exists). Walks transactions_wallet_id_created_at_id_idx per
 * wallet of the user.
 */
export async function selectTransactions(userId: string, f: TransactionFilter): Promise<TransactionSqlRow[]> {
  const result = await getPgPool().query<TransactionSqlRow>(
    `SELECT t.id, t.request_id, t.cobo_transaction_id, w.cobo_wallet_id, t.type, t.status, t.sub_status, t.failed_reason,
            t.chain_id, t.token_id, t.amount::text AS amount, t.fee_amount::text AS fee_amount, t.fee_token_id, t.fee_params,
            t.source_address, t.destination_address, t.destination_memo, t.transaction_hash, t.confirmed_num,
            t.confirming_threshold, t.description, t.cancelled_at, t.cancel_reason, t.created_at, t.updated_at
       FROM transactions t
       JOIN wallets w ON w.id = t.wallet_id
       JOIN vaults v ON v.id = w.vault_id
      WHERE v.user_id = $1
        AND ($2::uuid IS NULL OR t.wallet_id = $2)
        AND ($3::text IS NULL OR t.status = $3)
        AND ($4::text IS NULL OR t.type = $4)
        AND ($5::timestamptz IS NULL OR (t.created_at, t.id) < ($5::timestamptz, $6::uuid))
      ORDER BY t.created_at DESC, t.id DESC
      LIMIT $7`,
    [userId, f.walletId ?? null, f.status ?? null, f.type ?? null, f.after?.createdAt ?? null, f.after?.id ?? null, f.limit + 1],
  );
  return result.rows;
}
