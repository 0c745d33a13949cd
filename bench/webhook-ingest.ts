import { randomUUID } from "node:crypto";
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { benchDatabase, load, machine } from "./lib";

// How fast the webhook endpoint verifies, stores and acknowledges deliveries (Cobo wants 2xx
// within 2 s), and how fast the worker applies them. In-process (no HTTP server in front), on a
// fresh database. Run: `npx tsx bench/webhook-ingest.ts` (PGlite) or with DATABASE_URL set.

const TOTAL = Number(process.env.BENCH_TOTAL ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const secret = ed25519.utils.randomSecretKey();
const database = await benchDatabase();
Object.assign(process.env, {
  DATABASE_URL: database.url,
  LOG_LEVEL: "silent",
  COBO_WEBHOOK_PUBLIC_KEY: bytesToHex(ed25519.getPublicKey(secret)),
  AUTH_SECRET: "x".repeat(32),
});
const { receiveWebhook } = await import("../lib/http/cobo-webhook");
const { applyWebhookEvent } = await import("../lib/server/webhooks/apply-webhook-event");
const { db } = await import("../lib/db/client");

function signed(): Request {
  const body = JSON.stringify({
    event_id: randomUUID(),
    url: "x",
    created_timestamp: Date.now(),
    type: "wallets.transaction.updated",
    data: {
      data_type: "Transaction",
      transaction_id: randomUUID(),
      wallet_id: randomUUID(),
      status: "Completed",
      source: {},
      destination: {},
      initiator_type: "API",
    },
  });
  const ts = String(Date.now());
  const sig = bytesToHex(ed25519.sign(sha256(sha256(utf8ToBytes(`${body}|${ts}`))), secret));
  return new Request("http://127.0.0.1/api/webhooks/cobo", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "biz-timestamp": ts, "biz-resp-signature": sig },
  });
}

const ids: string[] = [];
const ingest = await load(TOTAL, CONCURRENCY, async () => {
  const res = await receiveWebhook(signed(), async (id) => void ids.push(id));
  if (res.status !== 200) throw new Error(`status ${res.status}`);
});
const apply = await load(ids.length, CONCURRENCY, async (i) => {
  await applyWebhookEvent(ids[i]!);
});
console.log(
  JSON.stringify(
    {
      bench: "webhook-ingest",
      machine: machine(),
      database: database.kind,
      total: TOTAL,
      concurrency: CONCURRENCY,
      ingestMs: ingest,
      applyMs: apply,
    },
    null,
    2,
  ),
);
await db.$disconnect();
await database.stop();
