import type pg from "pg";

// Synthetic data at scale for demos and benchmarks (`npm run seed`). Everything is generated inside
// the database with generate_series, in batches of one INSERT … SELECT per table, so a million
// transactions take minutes, not hours. Every value is a function of the seed and the row number
// (md5-derived), so the same --seed gives the same rows; timestamps also depend on the anchor
// (default: the start of the current UTC day).
//
// The rows are shaped like what the app itself writes (see apply-transaction-update.ts,
// create-transfer.ts, provision-group.ts): users with a vault, an active Main Group (a user node
// and Cobo's node as members) made by a successful KeyGen TSS request, some with a Recovery Group,
// a wallet with one address per sandbox chain, deposits and withdrawals with Cobo's statuses,
// timelines whose webhook entries point at the webhook event that brought them, a risk decision
// per withdrawal that reached signing, audit entries and drifts.
//
// Synthetic and marked so: emails are seed-user-…@example.com, and every id Cobo would have issued
// (vault, group, wallet, TSS request, transaction, webhook event, node) starts with "seed-", as do
// our request ids. The settings row `seed.synthetic` records the run.

export type SeedOptions = {
  users: number;
  transactions: number;
  seed: number;
  /** "now" of the generated history: the newest rows are just before it */
  anchor: Date;
  batchSize?: number;
};

export type SeedReport = {
  users: number;
  transactions: number;
  webhookEvents: number;
  timelineEntries: number;
  riskDecisions: number;
  auditEntries: number;
  drifts: number;
  seconds: number;
  transactionsPerSecond: number;
};

export const SEED_SETTING_KEY = "seed.synthetic";

/** The sandbox's chains (sandbox/src/domain/catalog.ts): chain = token, decimals, confirmations. */
const CHAINS = [
  { chain: "SETH", decimals: 9, threshold: 6, path: "m/44/60/0/0/0" },
  { chain: "XTN", decimals: 8, threshold: 3, path: "m/84/1/0/0/0" },
] as const;

const OPEN_WITHDRAWAL_STATUSES = [
  "Submitted",
  "PendingScreening",
  "PendingAuthorization",
  "PendingSignature",
  "Broadcasting",
  "Confirming",
];

function sqlList(values: readonly string[]): string {
  return `ARRAY[${values.map((v) => `'${v}'`).join(", ")}]`;
}

/** Per-session helper functions (pg_temp): deterministic numbers, ids and times from the seed. */
export function helperFunctions(o: SeedOptions): string[] {
  const seed = Math.trunc(o.seed);
  const anchor = o.anchor.toISOString();
  const n = Math.trunc(o.users);
  return [
    // A 48-bit number from (seed, tag, i).
    `CREATE OR REPLACE FUNCTION pg_temp.rnd(tag text, i bigint) RETURNS bigint LANGUAGE sql STABLE AS
     $$ SELECT ('x' || substr(md5('${seed}:' || tag || ':' || i), 1, 12))::bit(48)::bigint $$`,
    `CREATE OR REPLACE FUNCTION pg_temp.uid(tag text, i bigint) RETURNS uuid LANGUAGE sql STABLE AS
     $$ SELECT md5('${seed}:' || tag || ':' || i)::uuid $$`,
    `CREATE OR REPLACE FUNCTION pg_temp.hex(tag text, i bigint) RETURNS text LANGUAGE sql STABLE AS
     $$ SELECT md5('${seed}:' || tag || ':' || i) $$`,
    // User i signs up during the year before the anchor (at least a day before it), in order.
    `CREATE OR REPLACE FUNCTION pg_temp.user_at(i bigint) RETURNS timestamptz LANGUAGE sql STABLE AS
     $$ SELECT '${anchor}'::timestamptz - interval '1 day' - interval '364 days' * (1 - (i - 1)::float8 / ${n}) + interval '1 ms' * (pg_temp.rnd('user-at', i) % 60000) $$`,
  ];
}

/** The generator of transaction batch [lo, hi]: one row per transaction with everything derived. */
export function transactionGenerator(o: SeedOptions, lo: number, hi: number): string {
  const anchor = o.anchor.toISOString();
  return `
  SELECT g.*,
    CASE WHEN g.is_deposit THEN 'cobo:seed-tx-' || g.tx_uuid ELSE 'seed-req-' || pg_temp.uid('req', g.j) END AS request_id,
    'seed-tx-' || g.tx_uuid AS cobo_tx_id,
    g.created_at + interval '1 second' AS cobo_created_at,
    g.created_at + interval '1 second' * (60 + pg_temp.rnd('dur', g.j) % 3600) AS cobo_updated_at,
    g.status NOT IN ('Submitted', 'PendingScreening', 'PendingAuthorization', 'PendingSignature', 'Rejected') AS has_hash,
    g.is_deposit OR g.status <> 'Submitted' AS has_webhook,
    NOT g.is_deposit AND g.status NOT IN ('Submitted', 'PendingScreening', 'PendingAuthorization') AS asked_risk
  FROM (
    SELECT s.*,
      CASE
        WHEN s.is_deposit THEN CASE WHEN s.st % 100 < 2 THEN 'Confirming' ELSE 'Completed' END
        WHEN s.st % 1000 < 20 THEN (${sqlList(OPEN_WITHDRAWAL_STATUSES)})[1 + (s.st / 1000) % ${OPEN_WITHDRAWAL_STATUSES.length}]
        WHEN s.st % 1000 < 60 THEN 'Failed'
        WHEN s.st % 1000 < 75 THEN 'Rejected'
        ELSE 'Completed'
      END AS status,
      -- after the user's wallet exists (user_at + 4 minutes), before the anchor
      s.ua + interval '10 minutes' + ('${anchor}'::timestamptz - s.ua - interval '10 minutes') * ((pg_temp.rnd('tx-at', s.j) % 1000000)::float8 / 1000000) AS created_at
    FROM (
      SELECT s0.*, pg_temp.user_at(s0.ui) AS ua
      FROM (
        SELECT j,
          pg_temp.uid('tx', j) AS id,
          pg_temp.uid('tx-cobo', j)::text AS tx_uuid,
          1 + pg_temp.rnd('tx-user', j) % ${o.users} AS ui,
          pg_temp.rnd('tx-type', j) % 10 < 4 AS is_deposit,
          pg_temp.rnd('tx-status', j) AS st,
          pg_temp.rnd('tx-chain', j) % ${CHAINS.length} AS ci,
          pg_temp.rnd('tx-amount', j) AS ar
        FROM generate_series(${lo}, ${hi}) j
        OFFSET 0 -- evaluated once per row (not inlined into every use below)
      ) s0
      OFFSET 0
    ) s
    OFFSET 0
  ) g`;
}

const chainCase = (index: string, pick: (c: (typeof CHAINS)[number]) => string) =>
  `CASE ${index} ${CHAINS.map((c, i) => `WHEN ${i} THEN ${pick(c)}`).join(" ")} END`;

/** The address of user i's wallet on chain index ci (what the addresses table holds). */
const walletAddress = (ui: string, ci: string) =>
  chainCase(ci, (c) =>
    c.chain === "SETH"
      ? `'0x' || substr(pg_temp.hex('addr-SETH', ${ui}), 1, 40)`
      : `'tb1q' || substr(pg_temp.hex('addr-XTN', ${ui}) || pg_temp.hex('addr-XTN2', ${ui}), 1, 38)`,
  );
const externalAddress = (j: string, ci: string) =>
  chainCase(ci, (c) =>
    c.chain === "SETH"
      ? `'0x' || substr(pg_temp.hex('ext', ${j}), 1, 40)`
      : `'tb1q' || substr(pg_temp.hex('ext', ${j}) || pg_temp.hex('ext2', ${j}), 1, 38)`,
  );

async function run(client: pg.ClientBase, sql: string): Promise<number> {
  const t0 = performance.now();
  const result = await client.query(sql);
  if (process.env.SEED_DEBUG) console.error(`${(performance.now() - t0).toFixed(0)} ms: ${sql.trim().slice(0, 60)}`);
  return result.rowCount ?? 0;
}

/** Fills the database (already migrated) with synthetic rows; refuses a database seeded before. */
export async function seedSyntheticData(
  client: pg.ClientBase,
  o: SeedOptions,
  log: (line: string) => void = () => undefined,
): Promise<SeedReport> {
  if (!Number.isInteger(o.users) || o.users < 1) throw new Error("--users must be a positive integer");
  if (!Number.isInteger(o.transactions) || o.transactions < 0) throw new Error("--transactions must be a non-negative integer");
  if (!Number.isInteger(o.seed)) throw new Error("--seed must be an integer");
  const done = await client.query("SELECT 1 FROM system_settings WHERE key = $1", [SEED_SETTING_KEY]);
  if (done.rowCount) throw new Error("this database already holds seeded data (system_settings seed.synthetic); seed a fresh database");
  const started = performance.now();
  for (const fn of helperFunctions(o)) await client.query(fn);
  const batch = o.batchSize ?? 50_000;
  const n = o.users;

  let txDone = 0;
  let events = 0;
  let timeline = 0;
  let decisions = 0;
  let txStarted = performance.now();
  // Bulk-load practice: the secondary (non-unique) indexes of the seeded tables are dropped for the
  // load and rebuilt from their exact definitions afterwards (a sorted build is many times faster
  // than a million index insertions, trigram GIN indexes above all). Rebuilt even if loading fails.
  const dropped = await client.query<{ indexdef: string; name: string }>(
    `SELECT i.indexdef, quote_ident(i.indexname) AS name FROM pg_indexes i
     JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
     WHERE i.schemaname = current_schema() AND NOT x.indisunique
       AND i.tablename IN ('users', 'vaults', 'tss_nodes', 'key_share_holder_groups', 'group_members', 'tss_requests',
         'tss_request_status_changes', 'wallets', 'addresses', 'transactions', 'webhook_events', 'transaction_status_changes', 'risk_decisions')`,
  );
  for (const index of dropped.rows) await client.query(`DROP INDEX ${index.name}`);
  try {
    // ── users and everything that is theirs, in batches of users ──
    for (let lo = 1; lo <= n; lo += batch) {
      const hi = Math.min(n, lo + batch - 1);
      const range = `generate_series(${lo}, ${hi}) i`;
      await client.query("BEGIN");
      await client.query(`
      INSERT INTO users (id, email, status, paused_at, paused_by, pause_reason, created_at, updated_at)
      SELECT pg_temp.uid('user', i), 'seed-user-' || lpad(i::text, 7, '0') || '@example.com',
        CASE WHEN pg_temp.rnd('paused', i) % 200 = 0 THEN 'paused' ELSE 'active' END,
        CASE WHEN pg_temp.rnd('paused', i) % 200 = 0 THEN '${o.anchor.toISOString()}'::timestamptz - interval '1 day' END,
        CASE WHEN pg_temp.rnd('paused', i) % 200 = 0 THEN 'console:seed' END,
        CASE WHEN pg_temp.rnd('paused', i) % 200 = 0 THEN 'synthetic: paused by the seed' END,
        pg_temp.user_at(i), pg_temp.user_at(i)
      FROM ${range}`);
      await client.query(`
      INSERT INTO tss_nodes (id, node_id, user_id, kind, label, created_at, updated_at)
      SELECT pg_temp.uid('node', i), 'seed-node-' || pg_temp.hex('node', i), pg_temp.uid('user', i), 'user', 'Synthetic phone',
        pg_temp.user_at(i), pg_temp.user_at(i)
      FROM ${range}
      UNION ALL
      SELECT pg_temp.uid('node2', i), 'seed-node-' || pg_temp.hex('node2', i), pg_temp.uid('user', i), 'user', 'Synthetic tablet',
        pg_temp.user_at(i), pg_temp.user_at(i)
      FROM ${range} WHERE i % 10 = 0`);
      await client.query(`
      INSERT INTO tss_nodes (id, node_id, user_id, kind, label, updated_at)
      VALUES (pg_temp.uid('cobo-node', 0), 'seed-cobo-node-' || pg_temp.hex('cobo-node', 0), NULL, 'cobo', 'Cobo (synthetic)', now())
      ON CONFLICT DO NOTHING`);
      await client.query(`
      INSERT INTO vaults (id, user_id, cobo_vault_id, name, cobo_project_id, status, root_pubkey, created_at, updated_at)
      SELECT pg_temp.uid('vault', i), pg_temp.uid('user', i), 'seed-vault-' || pg_temp.uid('vault-cobo', i), 'Synthetic vault ' || i,
        'seed-project', 'MainGroupGenerated', '02' || pg_temp.hex('vault-pub', i) || pg_temp.hex('vault-pub2', i),
        pg_temp.user_at(i) + interval '5 seconds', pg_temp.user_at(i) + interval '3 minutes'
      FROM ${range}`);
      // Main Group for everyone; a Recovery Group for users with a second device (one in a hundred still pending).
      await client.query(`
      INSERT INTO key_share_holder_groups (id, vault_id, cobo_group_id, group_type, threshold, participants, status, lifecycle,
        tss_key_share_group_id, root_pubkey, planned_tss_type, planned_source_group_id, requested_by, created_at, updated_at)
      SELECT pg_temp.uid('main', i), pg_temp.uid('vault', i), 'seed-group-' || pg_temp.uid('main-cobo', i), 'MainGroup', 2, 2, 'Valid', 'active',
        'seed-ksg-' || pg_temp.hex('main-ksg', i), '02' || pg_temp.hex('vault-pub', i) || pg_temp.hex('vault-pub2', i), 'KeyGen', NULL,
        'user:' || pg_temp.uid('user', i), pg_temp.user_at(i) + interval '10 seconds', pg_temp.user_at(i) + interval '3 minutes'
      FROM ${range}
      UNION ALL
      SELECT pg_temp.uid('rec', i), pg_temp.uid('vault', i), 'seed-group-' || pg_temp.uid('rec-cobo', i), 'RecoveryGroup', 2, 2,
        CASE WHEN i % 100 = 0 THEN 'New' ELSE 'Valid' END, CASE WHEN i % 100 = 0 THEN 'pending' ELSE 'active' END,
        CASE WHEN i % 100 = 0 THEN NULL ELSE 'seed-ksg-' || pg_temp.hex('rec-ksg', i) END, NULL, 'KeyGenFromKeyGroup', pg_temp.uid('main', i),
        'user:' || pg_temp.uid('user', i), pg_temp.user_at(i) + interval '1 day', pg_temp.user_at(i) + interval '1 day 5 minutes'
      FROM ${range} WHERE i % 10 = 0`);
      await client.query(`
      UPDATE vaults v SET active_main_group_id = pg_temp.uid('main', i) FROM ${range} WHERE v.id = pg_temp.uid('vault', i)`);
      await client.query(`
      INSERT INTO group_members (group_id, node_id, holder_name, holder_type, status, signer, created_at, updated_at)
      SELECT pg_temp.uid('main', i), pg_temp.uid('node', i), 'Synthetic phone', 'Mobile', 'Valid', true, pg_temp.user_at(i), pg_temp.user_at(i) FROM ${range}
      UNION ALL
      SELECT pg_temp.uid('main', i), pg_temp.uid('cobo-node', 0), 'Cobo', 'Cobo', 'Valid', true, pg_temp.user_at(i), pg_temp.user_at(i) FROM ${range}
      UNION ALL
      SELECT pg_temp.uid('rec', i), pg_temp.uid('node2', i), 'Synthetic tablet', 'Mobile', CASE WHEN i % 100 = 0 THEN 'NotActivated' ELSE 'Valid' END,
        true, pg_temp.user_at(i), pg_temp.user_at(i) FROM ${range} WHERE i % 10 = 0
      UNION ALL
      SELECT pg_temp.uid('rec', i), pg_temp.uid('cobo-node', 0), 'Cobo', 'Cobo', 'Valid', true, pg_temp.user_at(i), pg_temp.user_at(i)
      FROM ${range} WHERE i % 10 = 0`);
      await client.query(`
      INSERT INTO tss_requests (id, cobo_tss_request_id, vault_id, type, status, source_group_id, target_group_id, requested_by,
        cobo_created_at, finalized_at, last_synced_at, created_at, updated_at)
      SELECT pg_temp.uid('tss-main', i), 'seed-tss-' || pg_temp.uid('tss-main-cobo', i), pg_temp.uid('vault', i), 'KeyGen', 'Success', NULL,
        pg_temp.uid('main', i), 'user:' || pg_temp.uid('user', i), pg_temp.user_at(i) + interval '11 seconds',
        pg_temp.user_at(i) + interval '3 minutes', pg_temp.user_at(i) + interval '3 minutes',
        pg_temp.user_at(i) + interval '10 seconds', pg_temp.user_at(i) + interval '3 minutes'
      FROM ${range}
      UNION ALL
      SELECT pg_temp.uid('tss-rec', i), 'seed-tss-' || pg_temp.uid('tss-rec-cobo', i), pg_temp.uid('vault', i), 'KeyGenFromKeyGroup',
        CASE WHEN i % 100 = 0 THEN 'PendingKeyHolderConfirmation' ELSE 'Success' END, pg_temp.uid('main', i), pg_temp.uid('rec', i),
        'user:' || pg_temp.uid('user', i), pg_temp.user_at(i) + interval '1 day 1 second',
        CASE WHEN i % 100 = 0 THEN NULL ELSE pg_temp.user_at(i) + interval '1 day 5 minutes' END,
        pg_temp.user_at(i) + interval '1 day 5 minutes', pg_temp.user_at(i) + interval '1 day', pg_temp.user_at(i) + interval '1 day 5 minutes'
      FROM ${range} WHERE i % 10 = 0`);
      await client.query(`
      INSERT INTO tss_request_status_changes (id, tss_request_id, from_status, to_status, source, applied, occurred_at)
      SELECT pg_temp.uid('tss-main-t' || k, i), pg_temp.uid('tss-main', i), f, t, src, true, pg_temp.user_at(i) + interval '10 seconds' + interval '1 minute' * k
      FROM ${range}, (VALUES (0, NULL, 'PendingKeyHolderConfirmation', 'api'), (1, 'PendingKeyHolderConfirmation', 'MPCProcessing', 'poll'),
        (2, 'MPCProcessing', 'Success', 'poll')) AS p(k, f, t, src)
      UNION ALL
      SELECT pg_temp.uid('tss-rec-t' || k, i), pg_temp.uid('tss-rec', i), f, t, src, true, pg_temp.user_at(i) + interval '1 day' + interval '1 minute' * k
      FROM ${range}, (VALUES (0, NULL, 'PendingKeyHolderConfirmation', 'api'), (1, 'PendingKeyHolderConfirmation', 'MPCProcessing', 'poll'),
        (2, 'MPCProcessing', 'Success', 'poll')) AS p(k, f, t, src)
      WHERE i % 10 = 0 AND (k = 0 OR i % 100 <> 0)`);
      await client.query(`
      INSERT INTO wallets (id, vault_id, cobo_wallet_id, name, created_at, updated_at)
      SELECT pg_temp.uid('wallet', i), pg_temp.uid('vault', i), 'seed-wallet-' || pg_temp.uid('wallet-cobo', i), 'Main',
        pg_temp.user_at(i) + interval '4 minutes', pg_temp.user_at(i) + interval '4 minutes'
      FROM ${range}`);
      await client.query(`
      INSERT INTO addresses (id, wallet_id, chain_id, address, path, pubkey, encoding, created_at)
      SELECT pg_temp.uid('addr-' || c.ci, i), pg_temp.uid('wallet', i), c.chain, ${walletAddress("i", "c.ci")}, c.path,
        '02' || pg_temp.hex('addr-pub-' || c.ci, i) || pg_temp.hex('addr-pub2-' || c.ci, i), NULL, pg_temp.user_at(i) + interval '5 minutes'
      FROM ${range}, (VALUES ${CHAINS.map((c, k) => `(${k}, '${c.chain}', '${c.path}')`).join(", ")}) AS c(ci, chain, path)`);
      await client.query("COMMIT");
      log(`users ${hi}/${n}`);
    }

    // ── transactions with their timelines, webhook events and risk decisions ──
    txStarted = performance.now();
    await loadTransactions();
  } finally {
    log(`rebuilding ${dropped.rows.length} indexes`);
    await client.query("SET maintenance_work_mem = '256MB'");
    for (const index of dropped.rows) await client.query(index.indexdef.replace(/^CREATE INDEX /, "CREATE INDEX IF NOT EXISTS "));
    await client.query("RESET maintenance_work_mem");
  }
  const txSeconds = (performance.now() - txStarted) / 1000;

  async function loadTransactions() {
    for (let lo = 1; lo <= o.transactions; lo += batch) {
      const hi = Math.min(o.transactions, lo + batch - 1);
      const gen = transactionGenerator(o, lo, hi);
      await client.query("BEGIN");
      txDone += await run(
        client,
        `
      INSERT INTO transactions (id, request_id, cobo_transaction_id, wallet_id, type, chain_id, token_id, amount, fee_amount, fee_token_id,
        source_address, destination_address, transaction_hash, status, confirmed_num, confirming_threshold, user_id, idempotency_key,
        request_hash, initiator, cobo_created_at, cobo_updated_at, last_synced_at, created_at, updated_at)
      SELECT t.id, t.request_id, t.cobo_tx_id, pg_temp.uid('wallet', t.ui),
        CASE WHEN t.is_deposit THEN 'Deposit' ELSE 'Withdrawal' END,
        ${chainCase("t.ci", (c) => `'${c.chain}'`)}, ${chainCase("t.ci", (c) => `'${c.chain}'`)},
        ${chainCase("t.ci", (c) => `round((t.ar % (5 * 10::numeric ^ ${c.decimals})) / 10::numeric ^ ${c.decimals}, ${c.decimals})`)} + 1 / 10::numeric ^ 6,
        CASE WHEN t.is_deposit THEN NULL ELSE ${chainCase("t.ci", (c) => `round((t.ar % 1000000) / 10::numeric ^ ${c.decimals}, ${c.decimals})`)} END,
        CASE WHEN t.is_deposit THEN NULL ELSE ${chainCase("t.ci", (c) => `'${c.chain}'`)} END,
        CASE WHEN t.is_deposit THEN ${externalAddress("t.j", "t.ci")} ELSE ${walletAddress("t.ui", "t.ci")} END,
        CASE WHEN t.is_deposit THEN ${walletAddress("t.ui", "t.ci")} ELSE ${externalAddress("t.j", "t.ci")} END,
        CASE WHEN t.has_hash THEN ${chainCase("t.ci", (c) => (c.chain === "SETH" ? "'0x'" : "''"))} || pg_temp.hex('hash', t.j) || pg_temp.hex('hash2', t.j) END,
        t.status,
        CASE WHEN t.status = 'Completed' THEN ${chainCase("t.ci", (c) => String(c.threshold))} WHEN t.status = 'Confirming' THEN 1 END,
        CASE WHEN t.status IN ('Completed', 'Confirming') THEN ${chainCase("t.ci", (c) => String(c.threshold))} END,
        CASE WHEN t.is_deposit THEN NULL ELSE pg_temp.uid('user', t.ui) END,
        CASE WHEN t.is_deposit THEN NULL ELSE 'seed-idem-' || t.j END,
        CASE WHEN t.is_deposit THEN NULL ELSE pg_temp.hex('request-hash', t.j) || pg_temp.hex('request-hash2', t.j) END,
        CASE WHEN t.is_deposit THEN NULL ELSE 'user:' || pg_temp.uid('user', t.ui) END,
        t.cobo_created_at, t.cobo_updated_at,
        CASE WHEN t.status IN ('Completed', 'Failed', 'Rejected') THEN t.cobo_updated_at + interval '5 seconds'
             ELSE '${o.anchor.toISOString()}'::timestamptz - interval '1 minute' * (pg_temp.rnd('synced', t.j) % 30) END,
        t.created_at, t.cobo_updated_at
      FROM (${gen}) t`,
      );
      events += await run(
        client,
        `
      INSERT INTO webhook_events (id, event_id, type, raw_body, signature_result, source, status, cobo_created_at, received_at, applied_at, attempts)
      SELECT pg_temp.uid('evt', t.j), 'seed-evt-' || pg_temp.uid('evt-cobo', t.j),
        CASE t.status WHEN 'Completed' THEN 'wallets.transaction.succeeded' WHEN 'Failed' THEN 'wallets.transaction.failed'
          WHEN 'Rejected' THEN 'wallets.transaction.failed' ELSE 'wallets.transaction.updated' END,
        json_build_object('event_id', 'seed-evt-' || pg_temp.uid('evt-cobo', t.j), 'created_timestamp',
          (extract(epoch FROM t.cobo_updated_at) * 1000)::bigint, 'type',
          CASE t.status WHEN 'Completed' THEN 'wallets.transaction.succeeded' WHEN 'Failed' THEN 'wallets.transaction.failed'
            WHEN 'Rejected' THEN 'wallets.transaction.failed' ELSE 'wallets.transaction.updated' END,
          'data', json_build_object('data_type', 'Transaction', 'transaction_id', t.cobo_tx_id, 'request_id', t.request_id,
            'wallet_id', 'seed-wallet-' || pg_temp.uid('wallet-cobo', t.ui), 'type', CASE WHEN t.is_deposit THEN 'Deposit' ELSE 'Withdrawal' END,
            'status', t.status, 'synthetic', true))::text,
        'valid', 'push', 'applied', t.cobo_updated_at, t.cobo_updated_at + interval '120 ms', t.cobo_updated_at + interval '180 ms', 1
      FROM (${gen}) t WHERE t.has_webhook`,
      );
      timeline += await run(
        client,
        `
      INSERT INTO transaction_status_changes (id, transaction_id, from_status, to_status, source, applied, webhook_event_id, occurred_at)
      SELECT pg_temp.uid('tl-api', t.j), t.id, NULL, 'Submitted', 'api', true, NULL, t.created_at
      FROM (${gen}) t WHERE NOT t.is_deposit
      UNION ALL
      SELECT pg_temp.uid('tl-hook', t.j), t.id, CASE WHEN t.is_deposit THEN NULL ELSE 'Submitted' END, t.status, 'webhook', true,
        pg_temp.uid('evt', t.j), t.cobo_updated_at + interval '180 ms'
      FROM (${gen}) t WHERE t.has_webhook`,
      );
      decisions += await run(
        client,
        `
      INSERT INTO risk_decisions (id, cobo_transaction_id, request_id, wallet_id, decision, reason, raw_body, signature_result, created_at)
      SELECT pg_temp.uid('risk', t.j), t.cobo_tx_id, t.request_id, 'seed-wallet-' || pg_temp.uid('wallet-cobo', t.ui),
        CASE WHEN t.status = 'Rejected' THEN 'deny' ELSE 'ok' END,
        CASE WHEN t.status = 'Rejected' THEN 'limit_exceeded: synthetic rolling limit' ELSE 'approved: synthetic withdrawal within the rules' END,
        json_build_object('transaction_id', t.cobo_tx_id, 'request_id', t.request_id, 'synthetic', true)::text, 'valid',
        t.created_at + interval '30 seconds'
      FROM (${gen}) t WHERE t.asked_risk`,
      );
      await client.query("COMMIT");
      const s = (performance.now() - txStarted) / 1000;
      log(`transactions ${hi}/${o.transactions} (${Math.round(txDone / s)}/s)`);
    }
  }

  // ── what else a running console accumulates: refused webhooks, audit entries, drifts ──
  const extraEvents = Math.max(5, Math.floor(o.transactions / 500));
  const audits = Math.max(20, Math.floor(o.transactions / 100));
  const driftCount = Math.max(5, Math.floor(o.transactions / 2000));
  const anchor = `'${o.anchor.toISOString()}'::timestamptz`;
  await client.query("BEGIN");
  events += await run(
    client,
    `
    INSERT INTO webhook_events (id, event_id, type, raw_body, signature_result, source, status, received_at, attempts, last_error)
    SELECT pg_temp.uid('evt-bad', k), 'seed-evt-bad-' || pg_temp.uid('evt-bad-cobo', k), 'wallets.transaction.updated',
      '{"synthetic":true,"note":"forged delivery"}', 'invalid', 'push', 'ignored',
      ${anchor} - interval '1 second' * (pg_temp.rnd('evt-bad-at', k) % 31536000), 0, 'signature verification failed'
    FROM generate_series(1, ${extraEvents}) k`,
  );
  const auditCount = await run(
    client,
    `
    INSERT INTO audit_log (id, actor_id, actor_email, actor_role, action, target_type, target_id, outcome, details, request_id, created_at)
    SELECT pg_temp.uid('audit', k), NULL, (ARRAY['seed-admin@example.com', 'seed-support@example.com'])[1 + k % 2],
      (ARRAY['admin', 'support'])[1 + k % 2],
      (ARRAY['transaction.reread', 'tss_request.reread', 'user.pause', 'transaction.cancel'])[1 + pg_temp.rnd('audit-action', k) % 4],
      'user', pg_temp.uid('user', 1 + pg_temp.rnd('audit-user', k) % ${n})::text,
      CASE WHEN k % 2 = 1 THEN 'denied' WHEN pg_temp.rnd('audit-outcome', k) % 20 = 0 THEN 'failed' ELSE 'succeeded' END,
      '{"synthetic":true}'::jsonb, 'seed-req-' || pg_temp.hex('audit-req', k),
      ${anchor} - interval '1 second' * (pg_temp.rnd('audit-at', k) % 31536000)
    FROM generate_series(1, ${audits}) k`,
  );
  const drifts =
    o.transactions === 0
      ? 0
      : await run(
          client,
          `
    INSERT INTO reconciliation_drifts (id, subject_type, subject_id, our_value, cobo_value, detail, detected_at, resolved_at)
    SELECT pg_temp.uid('drift', k), 'transaction', 'seed-tx-' || pg_temp.uid('tx-cobo', 1 + pg_temp.rnd('drift-tx', k) % ${o.transactions}),
      'Confirming', 'Completed', 'status caught up by polling (synthetic)', ${anchor} - interval '1 second' * (pg_temp.rnd('drift-at', k) % 31536000),
      CASE WHEN k % 10 = 0 THEN NULL ELSE ${anchor} - interval '1 second' * (pg_temp.rnd('drift-at', k) % 31536000) + interval '10 seconds' END
    FROM generate_series(1, ${driftCount}) k`,
        );
  const report: SeedReport = {
    users: n,
    transactions: txDone,
    webhookEvents: events,
    timelineEntries: timeline,
    riskDecisions: decisions,
    auditEntries: auditCount,
    drifts,
    seconds: 0,
    transactionsPerSecond: txSeconds > 0 ? Math.round(txDone / txSeconds) : 0,
  };
  await client.query(`INSERT INTO system_settings (key, value, updated_at) VALUES ($1, $2, now())`, [
    SEED_SETTING_KEY,
    JSON.stringify({ synthetic: true, seed: o.seed, anchor: o.anchor.toISOString(), users: n, transactions: txDone }),
  ]);
  await client.query("COMMIT");
  log("analyzing");
  // Fresh statistics (and, on PostgreSQL, the visibility map) so the planner sees the new sizes at once.
  await client.query("VACUUM ANALYZE");
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}
