import { createHash, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import pg from "pg";
import {
  cpuTracker,
  load,
  loadAtRate,
  loadAverage,
  machine,
  rawInsertRate,
  round,
  rssMiB,
  sleep,
  startDatabase,
  startServer,
} from "./http/harness";

// Cobo webhook deliveries over HTTP against the production build (`npm run build` first):
// BENCH_CONNECTIONS senders (50) post BENCH_TOTAL signed events (5000) of ~1.5 KB, one in ten a
// repeat of an earlier one (Cobo retries), as fast as they are answered; then waits until the
// workers have applied every stored event. Then a paced phase: deliveries at half that rate
// (BENCH_PACE) for 15 s, each timed from when it was due (what Cobo sees at a rate the server
// sustains), and how far the applying lags behind. Prints the acknowledgement latency and rate, the time until all were applied, the CPU
// time of the server and the database per delivery, memory, and, measured in the same run, the
// raw insert rate of the same database (1.5 KB rows, unique ids, 50 connections) with the ratio.
// PGlite by default; a fresh PostgreSQL database when DATABASE_URL is set.
//   npm run build && npm run bench:ingest
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:ingest

const TOTAL = Number(process.env.BENCH_TOTAL ?? 5000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
/** the paced phase sends at this share of the rate the first phase reached, for BENCH_PACED_SECONDS */
const PACE = Number(process.env.BENCH_PACE ?? 0.5);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 15);

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const publicKeyHex = publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex");

/** A Cobo-style transaction event (~1.5 KB) about a wallet that is not ours: stored, then applied as ignored. */
function eventBody(): string {
  const now = Date.now();
  return JSON.stringify({
    event_id: randomUUID(),
    url: "https://ucw.example.com/api/webhooks/cobo",
    created_timestamp: now,
    type: "wallets.transaction.updated",
    data: {
      data_type: "Transaction",
      transaction_id: randomUUID(),
      cobo_id: `2025${now}`,
      request_id: randomUUID(),
      wallet_id: randomUUID(),
      type: "Withdrawal",
      status: "Confirming",
      sub_status: "PendingBlockConfirmations",
      chain_id: "ETH",
      token_id: "ETH_USDT",
      asset_id: "USDT",
      source: { source_type: "Org-Controlled", wallet_id: randomUUID(), address: `0x${"a1".repeat(20)}` },
      destination: {
        destination_type: "Address",
        account_output: { address: `0x${"b2".repeat(20)}`, amount: "125.5" },
        change_address: null,
      },
      result: null,
      fee: { fee_type: "EVM_EIP_1559", token_id: "ETH", fee_used: "0.000421", max_fee_per_gas: "31000000000", max_priority_fee: "1000000" },
      initiator: "api-key-7f3e",
      initiator_type: "API",
      confirmed_num: 3,
      confirming_threshold: 12,
      transaction_hash: `0x${createHash("sha256").update(String(now)).digest("hex")}`,
      block_info: { block_number: 21_000_000, block_timestamp: now, block_hash: `0x${"c3".repeat(32)}` },
      raw_tx_info: { used_nonce: 42, selected_utxos: [], raw_tx: `0x${"d4".repeat(180)}` },
      replacement: null,
      category: ["bench"],
      description: "benchmark delivery",
      is_loop: false,
      cobo_category: [],
      extra: [],
      fueling_info: null,
      created_timestamp: now,
      updated_timestamp: now,
    },
  });
}

function signed(body: string): Record<string, string> {
  const ts = String(Date.now());
  const digest = createHash("sha256")
    .update(createHash("sha256").update(`${body}|${ts}`).digest())
    .digest();
  return {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "biz-timestamp": ts,
    "biz-resp-signature": sign(null, digest, privateKey).toString("hex"),
  };
}

/** `n` deliveries: every tenth repeats an earlier one (same body and signature, as Cobo retries). */
function deliveries(n: number) {
  const out: { body: string; headers: Record<string, string> }[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 10 === 9) out.push(out[Math.floor(Math.random() * i)]!);
    else {
      const body = eventBody();
      out.push({ body, headers: signed(body) });
    }
  }
  return out;
}

const uniqueIn = (list: { body: string }[]) => new Set(list.map((d) => d.body)).size;

const database = await startDatabase();
const loadAtStart = loadAverage();
const raw = await rawInsertRate(database.url, TOTAL, 50);
const server = await startServer(database.url, database.kind, { COBO_WEBHOOK_PUBLIC_KEY: publicKeyHex }).catch(async (error: unknown) => {
  await database.stop();
  throw error;
});
const probe = new pg.Pool({ connectionString: database.url, max: 1 });
const outstanding = async () =>
  Number(
    (await probe.query<{ n: string }>("SELECT count(*) AS n FROM webhook_events WHERE status NOT IN ('applied', 'ignored')")).rows[0]!.n,
  );
const stored = async () => Number((await probe.query<{ n: string }>("SELECT count(*) AS n FROM webhook_events")).rows[0]!.n);
const send = (list: { body: string; headers: Record<string, string> }[]) =>
  load(server.origin, list.length, CONNECTIONS, (i) => ({
    method: "POST",
    path: "/api/webhooks/cobo",
    headers: list[i]!.headers,
    body: list[i]!.body,
  }));

try {
  // warm-up: load the route, open the pools, let the JIT settle; then wait until it is applied
  const warm = await send(deliveries(WARMUP));
  if (warm.errors) throw new Error(`warm-up failed: ${JSON.stringify(warm.statuses)}`);
  for (let t = 0; (await outstanding()) > 0 && t < 600; t++) await sleep(100);
  await sleep(1000);
  const idleRss = rssMiB(server.pids());
  const list = deliveries(TOTAL);
  const unique = uniqueIn(list);
  const storedBefore = await stored();
  const cpu = { server: cpuTracker(server.pids), db: cpuTracker(database.pids) };
  const cpuNow = () => ({ server: cpu.server.seconds(), db: cpu.db.seconds() });
  const cpu0 = cpuNow();
  const started = performance.now();
  const ingest = await send(list);
  const ingestEnd = performance.now();
  const cpu1 = cpuNow();
  const appliedDuringIngest = unique - (await outstanding());
  let left = await outstanding();
  while (left > 0 && performance.now() - ingestEnd < 15 * 60_000) {
    await sleep(50);
    left = await outstanding();
  }
  const allApplied = performance.now();
  const cpu2 = cpuNow();
  const newRows = (await stored()) - storedBefore;

  // paced: a rate the server sustains; latency from each delivery's due time, and the apply lag
  const rate = Math.max(1, Math.round(ingest.perSecond * PACE));
  const pacedList = deliveries(rate * PACED_SECONDS);
  const pacedUnique = uniqueIn(pacedList);
  const pacedStart = performance.now();
  let maxOutstanding = 0;
  const watching = (async () => {
    while (performance.now() - pacedStart < PACED_SECONDS * 1000) {
      maxOutstanding = Math.max(maxOutstanding, await outstanding());
      await sleep(250);
    }
  })();
  const paced = await loadAtRate(server.origin, rate, pacedList.length, CONNECTIONS, (i) => ({
    method: "POST",
    path: "/api/webhooks/cobo",
    headers: pacedList[i]!.headers,
    body: pacedList[i]!.body,
  }));
  await watching;
  const pacedEnd = performance.now();
  const outstandingWhenPacedEnded = await outstanding();
  let pacedLeft = outstandingWhenPacedEnded;
  while (pacedLeft > 0 && performance.now() - pacedEnd < 15 * 60_000) {
    await sleep(50);
    pacedLeft = await outstanding();
  }
  const pacedDrained = performance.now();
  cpu.server.stop();
  cpu.db.stop();
  const result = {
    bench: "webhook-ingest-http",
    machine: machine(),
    loadAverageAtStart: loadAtStart,
    database: database.kind,
    deliveries: TOTAL,
    uniqueEvents: unique,
    storedRows: newRows,
    connections: CONNECTIONS,
    ingest: { ...ingest, eventsPerSecond: ingest.perSecond },
    apply: {
      appliedWhenIngestEnded: appliedDuringIngest,
      outstandingAtEnd: left,
      secondsUntilAllApplied: round((allApplied - started) / 1000, 2),
      secondsAfterIngestEnded: round((allApplied - ingestEnd) / 1000, 2),
      eventsPerSecond: round((unique / (allApplied - started)) * 1000, 0),
    },
    cpuMsPerDelivery: {
      serverDuringIngest: round(((cpu1.server - cpu0.server) * 1000) / TOTAL, 2),
      databaseDuringIngest: round(((cpu1.db - cpu0.db) * 1000) / TOTAL, 2),
      serverIngestAndApply: round(((cpu2.server - cpu0.server) * 1000) / TOTAL, 2),
      databaseIngestAndApply: round(((cpu2.db - cpu0.db) * 1000) / TOTAL, 2),
    },
    paced: {
      eventsPerSecond: rate,
      seconds: PACED_SECONDS,
      deliveries: pacedList.length,
      uniqueEvents: pacedUnique,
      statuses: paced.statuses,
      errors: paced.errors,
      p50: paced.p50,
      p95: paced.p95,
      p99: paced.p99,
      max: paced.max,
      maxOutstandingWhileSending: maxOutstanding,
      outstandingWhenSendingEnded: outstandingWhenPacedEnded,
      secondsToApplyTheRest: round((pacedDrained - pacedEnd) / 1000, 2),
    },
    serverRssMiB: { idle: idleRss, afterLoad: rssMiB(server.pids()) },
    rawInsert: { ...raw, connections: 50, rowBytes: 1500 },
    ingestToRawInsertRatio: round(ingest.perSecond / raw.perSecond, 3),
    loadAverageAtEnd: loadAverage(),
  };
  console.log(JSON.stringify(result, null, 2));
  if (newRows !== unique || left !== 0 || pacedLeft !== 0) process.exitCode = 1;
} finally {
  await probe.end();
  await server.stop();
  await database.stop();
}
