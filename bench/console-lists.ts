import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/embedded-server";
import { migrate } from "../lib/db/migrate";
import { hashPassword } from "../lib/server/console-users/password";
import { seedSyntheticData } from "../scripts/lib/synthetic-seed";
import { stats } from "./lib";

// The console's list pages over HTTP against the production build (`next build` first), signed in
// as a console admin, on databases seeded with `npm run seed`'s generator at each size. For every
// list: the first page, a page 90% deep (by cursor), a filtered, a searched and a sorted page;
// p50/p95 of BENCH_SAMPLES sequential requests each. Also measures the database's raw insert rate
// (plain rows into an unlogged table without indexes) in the same run, and the seed's rate beside it.
//
//   npm run bench:lists                                   # PGlite, sizes from BENCH_SIZES
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:lists
//   BENCH_SIZES=10000,100000 BENCH_SAMPLES=20 BENCH_PORT=3600 npm run bench:lists
//   BENCH_DATABASE_URL=postgresql://…/ucw_demo npm run bench:lists    # an already seeded database, kept

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15);
const PORT = Number(process.env.BENCH_PORT ?? 3600);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = { email: "bench-admin@example.com", password: randomBytes(12).toString("hex") };

type Variant = "first" | "deep" | "filtered" | "searched" | "sorted";
type ListSpec = {
  path: string;
  table: string;
  /** the default sort's key column and token (for the deep cursor) */
  key: string;
  token: string;
  filtered: string;
  /** SQL giving one value to cut a search term from */
  sample: string;
  sorted: string;
};

const LISTS: ListSpec[] = [
  {
    path: "/transactions",
    table: "transactions",
    key: "created_at",
    token: "createdAt.desc",
    filtered: "status=Failed",
    sample: "SELECT cobo_transaction_id AS v FROM transactions WHERE cobo_transaction_id IS NOT NULL ORDER BY id LIMIT 1",
    sorted: "sort=amount.asc",
  },
  {
    path: "/tss-requests",
    table: "tss_requests",
    key: "created_at",
    token: "createdAt.desc",
    filtered: "status=PendingKeyHolderConfirmation",
    sample: "SELECT cobo_tss_request_id AS v FROM tss_requests ORDER BY id LIMIT 1",
    sorted: "sort=type.asc",
  },
  {
    path: "/users",
    table: "users",
    key: "created_at",
    token: "createdAt.desc",
    filtered: "status=paused",
    sample: "SELECT email AS v FROM users ORDER BY id LIMIT 1",
    sorted: "sort=email.asc",
  },
  {
    path: "/vaults",
    table: "vaults",
    key: "created_at",
    token: "createdAt.desc",
    filtered: "status=MainGroupGenerated",
    sample: "SELECT cobo_vault_id AS v FROM vaults ORDER BY id LIMIT 1",
    sorted: "sort=name.asc",
  },
  {
    path: "/webhooks",
    table: "webhook_events",
    key: "received_at",
    token: "receivedAt.desc",
    filtered: "type=wallets.transaction.failed",
    sample: "SELECT event_id AS v FROM webhook_events ORDER BY id LIMIT 1",
    sorted: "sort=attempts.desc",
  },
  {
    path: "/risk/decisions",
    table: "risk_decisions",
    key: "created_at",
    token: "createdAt.desc",
    filtered: "decision=deny",
    sample: "SELECT request_id AS v FROM risk_decisions ORDER BY id LIMIT 1",
    sorted: "sort=decision.asc",
  },
  {
    path: "/audit-log",
    table: "audit_log",
    key: "created_at",
    token: "createdAt.desc",
    filtered: "outcome=failed",
    sample: "SELECT target_id AS v FROM audit_log ORDER BY id LIMIT 1",
    sorted: "sort=actorEmail.asc",
  },
  {
    path: "/reconciliation",
    table: "reconciliation_drifts",
    key: "detected_at",
    token: "detectedAt.desc",
    filtered: "state=open",
    sample: "SELECT subject_id AS v FROM reconciliation_drifts ORDER BY id LIMIT 1",
    sorted: "sort=resolvedAt.desc",
  },
];

async function freshDatabase(size: number): Promise<{ url: string; kind: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const name = `ucw_bench_lists_${size}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const version = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "";
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      kind: `PostgreSQL ${version.split(" ")[0]}`,
      async stop() {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "ucw-bench-lists-"));
  const db: EmbeddedDatabase = await startEmbeddedDatabase({ dataDir: dir });
  return {
    url: db.url,
    kind: "PGlite 0.5 (file-backed)",
    async stop() {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Plain rows per second into an unlogged table without indexes: what this database and machine can do at best. */
async function rawInsertRate(client: pg.Client, rows: number): Promise<number> {
  await client.query("CREATE UNLOGGED TABLE bench_raw_insert (id bigint, label text, amount numeric, at timestamptz)");
  const started = performance.now();
  await client.query(`INSERT INTO bench_raw_insert SELECT i, md5(i::text), i / 7.0, now() FROM generate_series(1, ${rows}) i`);
  const seconds = (performance.now() - started) / 1000;
  await client.query("DROP TABLE bench_raw_insert");
  return Math.round(rows / seconds);
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header of the session. */
async function signIn(): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: BASE },
    body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (${res.status})`);
  return cookie();
}

async function timeGet(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200 || !body.includes("</html>")) throw new Error(`${url} answered ${res.status}`);
  return ms;
}

const results: Record<string, unknown>[] = [];
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const REUSE = process.env.BENCH_DATABASE_URL;
for (let size of REUSE ? [0] : SIZES) {
  const database = REUSE ? { url: REUSE, kind: "PostgreSQL (seeded before)", stop: async () => undefined } : await freshDatabase(size);
  if (!REUSE) await migrate(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const raw = await rawInsertRate(client, 200_000);
  const users = Math.max(1000, Math.floor(size / 10));
  console.error(`[${database.kind} ${size}] raw insert ${raw} rows/s; seeding ${users} users, ${size} transactions…`);
  const seed = REUSE
    ? { transactionsPerSecond: 0, seconds: 0 }
    : await seedSyntheticData(
        client,
        { users, transactions: size, seed: 1, anchor: new Date(new Date().toISOString().slice(0, 10)) },
        (l) => console.error(`  seed: ${l}`),
      );
  if (REUSE) size = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM transactions")).rows[0]?.n ?? 0);
  await client.query("DELETE FROM console_users WHERE email = $1", [ADMIN.email]);
  await client.query(
    `INSERT INTO console_users (id, email, name, role, password_hash, updated_at) VALUES (gen_random_uuid(), $1, 'Bench', 'admin', $2, now())`,
    [ADMIN.email, await hashPassword(ADMIN.password)],
  );
  // Search terms and deep cursors, found once (untimed).
  const urls: { list: string; variant: Variant; url: string }[] = [];
  for (const l of LISTS) {
    const sample = (await client.query<{ v: string | null }>(l.sample)).rows[0]?.v ?? "seed";
    const term = sample.length > 20 ? sample.slice(10, 22) : sample;
    const count = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${l.table}`)).rows[0]?.n ?? 0);
    const deep = (
      await client.query<{ k: string; id: string }>(
        `SELECT ${l.key}::text AS k, id::text AS id FROM ${l.table} ORDER BY ${l.key} DESC, id DESC OFFSET ${Math.floor(count * 0.9)} LIMIT 1`,
      )
    ).rows[0];
    const cursor = deep ? Buffer.from(JSON.stringify({ s: l.token, k: [deep.k, deep.id] })).toString("base64url") : "";
    urls.push(
      { list: l.path, variant: "first", url: l.path },
      { list: l.path, variant: "deep", url: `${l.path}?after=${cursor}` },
      { list: l.path, variant: "filtered", url: `${l.path}?${l.filtered}` },
      { list: l.path, variant: "searched", url: `${l.path}?q=${encodeURIComponent(term)}` },
      { list: l.path, variant: "sorted", url: `${l.path}?${l.sorted}` },
    );
  }
  await client.end();

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "ucw-bench-lists-data-"));
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      UCW_DATABASE_KIND: process.env.DATABASE_URL ? "postgres" : "pglite",
      UCW_DATA_DIR: dataDir,
      UCW_JOBS_ENABLED: "false",
      AUTH_SECRET: randomBytes(32).toString("hex"),
      COBO_API_SECRET: randomBytes(32).toString("hex"),
      APP_URL: BASE,
      NEXTAUTH_URL: BASE,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitFor(`${BASE}/sign-in`, server);
    const cookie = await signIn();
    const loadAtStart = load();
    for (const u of urls) {
      for (let i = 0; i < 2; i++) await timeGet(`${BASE}${u.url}`, cookie); // warm-up (compilation caches, connections)
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i++) samples.push(await timeGet(`${BASE}${u.url}`, cookie));
      const s = stats(samples);
      results.push({ database: database.kind, transactions: size, list: u.list, variant: u.variant, p50: s.p50, p95: s.p95 });
      console.error(`  ${u.list} ${u.variant}: p50 ${s.p50} ms, p95 ${s.p95} ms`);
    }
    results.push({
      database: database.kind,
      transactions: size,
      rawInsertRowsPerSecond: raw,
      seedTransactionsPerSecond: seed.transactionsPerSecond,
      seedToRawRatio: (seed.transactionsPerSecond / raw).toFixed(4),
      seedSeconds: seed.seconds,
      loadAverageAtStart: loadAtStart,
    });
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await rm(dataDir, { recursive: true, force: true });
    await database.stop();
  }
}

console.log(
  JSON.stringify({ bench: "console-lists", machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`, samples: SAMPLES, results }, null, 2),
);
