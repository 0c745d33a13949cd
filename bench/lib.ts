import { randomBytes } from "node:crypto";
import os from "node:os";
import { startEmbeddedDatabase } from "../lib/db/embedded-server";
import { migrate } from "../lib/db/migrate";

// Shared by the benchmark scripts: a fresh migrated database (PGlite in memory, or a fresh
// PostgreSQL database when DATABASE_URL is set), latency statistics, and a machine description.

export async function benchDatabase(): Promise<{ url: string; kind: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const pg = (await import("pg")).default;
    const name = `ucw_bench_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    await migrate(u.toString());
    return {
      url: u.toString(),
      kind: "PostgreSQL 15",
      async stop() {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const db = await startEmbeddedDatabase({ dataDir: "memory://" });
  await migrate(db.url);
  return { url: db.url, kind: "PGlite (in memory)", stop: () => db.stop() };
}

export function stats(samplesMs: number[]) {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
  return { n: s.length, p50: at(50).toFixed(2), p95: at(95).toFixed(2), p99: at(99).toFixed(2), max: s.at(-1)!.toFixed(2) };
}

/** Runs `fn` `total` times with `concurrency` in flight; returns per-call latencies and wall time. */
export async function load(total: number, concurrency: number, fn: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t = performance.now();
        await fn(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const wallMs = performance.now() - started;
  return { ...stats(latencies), perSecond: ((total / wallMs) * 1000).toFixed(0), wallMs: wallMs.toFixed(0) };
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}
