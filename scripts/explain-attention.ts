import { Prisma } from "../lib/generated/prisma/client";
import { db } from "../lib/db/client";
import { attentionClassQueries, attentionCountSql, attentionRowsSql, readAttentionQueue } from "../lib/server/attention/attention-queue";
import { DEFAULT_ATTENTION_SETTINGS } from "../lib/server/attention/attention-settings";

// `npm run explain:attention` (DATABASE_URL set): EXPLAIN ANALYZE of every query of the "Needs
// attention" queue on the database at hand, and the time of one whole queue read. The numbers
// in docs/database.md come from it.

async function main() {
  const now = new Date();
  for (const q of attentionClassQueries(DEFAULT_ATTENTION_SETTINGS, now)) {
    for (const [what, sql] of [
      ["rows", attentionRowsSql(q)],
      ["count", attentionCountSql(q)],
    ] as const) {
      const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
      console.log(`\n── ${q.kind} (${what})`);
      for (const row of plan) console.log(row["QUERY PLAN"]);
    }
  }
  for (let run = 1; run <= 3; run++) {
    const start = performance.now();
    const queue = await readAttentionQueue(DEFAULT_ATTENTION_SETTINGS, now);
    console.log(`\nwhole queue read #${run}: ${Math.round(performance.now() - start)} ms, ${queue.total} items`, queue.counts);
  }
  await db.$disconnect();
}

void main();
