import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { openSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { migrate } from "../../lib/db/migrate";
import { buildIsStale } from "../../scripts/lib/build-state";
import { waitForHttp } from "../../scripts/lib/wait-for-http";

// What the HTTP benchmarks share: a fresh database (a new PostgreSQL database when DATABASE_URL is
// set, else PGlite in its own process), the production build served by `next start` in its own
// process, CPU time of those processes read from /proc, a keep-alive HTTP load generator, the raw
// insert rate of the same database, and a description of the machine.

const CLK_TCK = 100; // Linux's USER_HZ, the unit of utime/stime in /proc/<pid>/stat

export type BenchDatabase = { kind: "PostgreSQL" | "PGlite"; url: string; name: string; pids(): number[]; stop(): Promise<void> };

/** A fresh, migrated database: PostgreSQL when DATABASE_URL is set, else PGlite in a child process. */
export async function startDatabase(): Promise<BenchDatabase> {
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `ucw_bench_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(base);
    u.pathname = `/${name}`;
    await migrate(u.toString());
    return {
      kind: "PostgreSQL",
      url: u.toString(),
      name,
      // the backends serving this database (their process title names it)
      pids: () => processesWhere((cmd) => cmd.startsWith("postgres: ") && cmd.includes(` ${name} `)),
      async stop() {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "pglite-host.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the PGlite host exited (${code})`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  await migrate(url);
  return {
    kind: "PGlite",
    url,
    name: "postgres",
    pids: () => (child.pid ? [child.pid] : []),
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}

function processesWhere(match: (cmdline: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (match(readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " "))) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** A process and all its descendants. */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${out[i]}/task`)) {
        const children = readFileSync(`/proc/${out[i]}/task/${task}/children`, "utf8").trim();
        if (children) out.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function cpuTicksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return null; // gone meanwhile
  }
}

/** CPU seconds (user + system) the processes used so far. */
export function cpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (cpuTicksOf(pid) ?? 0), 0) / CLK_TCK;
}

/**
 * CPU seconds used by a changing set of processes (PostgreSQL backends come and go with the
 * pools' connections): polls every 200 ms and keeps each process's last reading, so one that
 * exited still counts what it used up to its last poll. `stop()` ends the polling.
 */
export function cpuTracker(pids: () => number[]): { seconds(): number; stop(): void } {
  const last = new Map<number, number>();
  const poll = () => {
    for (const pid of pids()) {
      const ticks = cpuTicksOf(pid);
      if (ticks !== null) last.set(pid, ticks);
    }
  };
  poll();
  const timer = setInterval(poll, 200);
  return {
    seconds() {
      poll();
      return [...last.values()].reduce((a, b) => a + b, 0) / CLK_TCK;
    },
    stop: () => clearInterval(timer),
  };
}

/** Resident memory (MiB) of the processes. */
export function rssMiB(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return Math.round(kb / 1024);
}

export type BenchServer = { origin: string; pids(): number[]; logFile: string; stop(): Promise<void> };

/** Serves the production build (`next start`) on `port` against `databaseUrl`. */
export async function startServer(databaseUrl: string, kind: BenchDatabase["kind"], env: Record<string, string>): Promise<BenchServer> {
  if (buildIsStale()) throw new Error("The production build is missing or older than the sources: run `npm run build` first.");
  const port = Number(process.env.BENCH_PORT ?? 3520);
  const dataDir = await mkdtemp(path.join(tmpdir(), "ucw-bench-"));
  const logFile = path.join(dataDir, "server.log");
  const out = openSync(logFile, "a");
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, written there when it stops (bench/http/profile-summary.ts reads it)
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...profile, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      UCW_DATA_DIR: dataDir,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      UCW_DATABASE_KIND: kind === "PGlite" ? "pglite" : "postgres",
      COBO_ENV: "sandbox",
      COBO_API_SECRET: randomBytes(32).toString("hex"),
      COBO_SANDBOX_PORT: String(port + 1), // nothing listens there: reconciliation's calls fail fast
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
      ...(process.env.BENCH_DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.BENCH_DATABASE_POOL_SIZE } : {}),
      ...env,
    },
    stdio: ["ignore", out, out],
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/health`, "The app", 120_000);
  } catch (error) {
    await stopChild(child);
    throw new Error(`${(error as Error).message}; its log: ${readFileSync(logFile, "utf8").slice(-2000)}`);
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    logFile,
    pids: () => (child.pid ? processTree(child.pid) : []),
    async stop() {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type Sent = { status: number; ms: number };

export type LoadResult = {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  perSecond: number;
  wallMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function percentiles(ms: number[]): Pick<LoadResult, "p50" | "p95" | "p99" | "max"> {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(s.at(-1) ?? 0) };
}

export type Call = { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string };

/**
 * Sends `total` requests with `connections` in flight over keep-alive connections; `call(i, c)`
 * builds request i on connection c. Bodies are read whole; latency is to the last byte.
 */
export async function load(origin: string, total: number, connections: number, call: (i: number, c: number) => Call): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(origin);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let next = 0;
  const send = (c: Call) =>
    new Promise<Sent>((resolve) => {
      const started = performance.now();
      const req = http.request({ host: url.hostname, port: url.port, method: c.method, path: c.path, agent, headers: c.headers }, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
        res.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
      });
      req.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
      req.end(c.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const r = await send(call(i, c));
        latencies.push(r.ms);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 0 || r.status >= 500) errors++;
      }
    }),
  );
  const wallMs = performance.now() - started;
  agent.destroy();
  return {
    requests: total,
    errors,
    statuses,
    perSecond: round((total / wallMs) * 1000, 0),
    wallMs: round(wallMs, 0),
    ...percentiles(latencies),
  };
}

/**
 * Sends `total` requests at `perSecond` (open loop: each is sent at its time, whatever the answers
 * before it did), over at most `connections` keep-alive connections; the latency of each is from its
 * scheduled time, so waiting for a free connection counts. What a client population sending at that
 * rate sees.
 */
export async function loadAtRate(
  origin: string,
  perSecond: number,
  total: number,
  connections: number,
  call: (i: number) => Call,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(origin);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const c = call(i);
    pending.push(
      new Promise<void>((resolve) => {
        const finish = (status: number) => {
          latencies.push(performance.now() - due);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status === 0 || status >= 500) errors++;
          resolve();
        };
        const req = http.request(
          { host: url.hostname, port: url.port, method: c.method, path: c.path, agent, headers: c.headers },
          (res) => {
            res.on("data", () => undefined);
            res.on("end", () => finish(res.statusCode ?? 0));
            res.on("error", () => finish(0));
          },
        );
        req.on("error", () => finish(0));
        req.end(c.body);
      }),
    );
  }
  await Promise.all(pending);
  const wallMs = performance.now() - started;
  agent.destroy();
  return {
    requests: total,
    errors,
    statuses,
    perSecond: round((total / wallMs) * 1000, 0),
    wallMs: round(wallMs, 0),
    ...percentiles(latencies),
  };
}

/**
 * Raw insert rate of the database: `rows` rows of ~1.5 KB with unique ids, one INSERT per row from
 * `connections` connections (plain `pg`, no application code), into a scratch table dropped after.
 */
export async function rawInsertRate(databaseUrl: string, rows: number, connections: number): Promise<{ rows: number; perSecond: number }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  const table = `bench_raw_insert_${randomBytes(3).toString("hex")}`;
  await pool.query(`CREATE TABLE ${table} (id uuid PRIMARY KEY, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);
  const body = "x".repeat(1500);
  let next = 0;
  // open the connections first, so connection set-up is not counted
  await Promise.all(Array.from({ length: connections }, () => pool.query("SELECT 1")));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next++ < rows) await pool.query(`INSERT INTO ${table} (id, body) VALUES (gen_random_uuid(), $1)`, [body]);
    }),
  );
  const ms = performance.now() - started;
  await pool.query(`DROP TABLE ${table}`);
  await pool.end();
  return { rows, perSecond: round((rows / ms) * 1000, 0) };
}

/** The machine as /proc describes it, and the load average now. */
export function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? "unknown";
  const cores = cpuinfo.split("\n").filter((l) => l.startsWith("processor")).length;
  const memKb = Number(/MemTotal:\s+(\d+) kB/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1] ?? 0);
  return {
    cpu: model,
    cores,
    ramGiB: round(memKb / 2 ** 20, 1),
    node: process.version,
    date: new Date().toISOString(),
    loadAverage: loadAverage(),
  };
}

export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { round };
