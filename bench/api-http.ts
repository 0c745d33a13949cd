import { randomBytes, randomUUID } from "node:crypto";
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

// The Client API's main reads over HTTP against the production build (`npm run build` first):
// BENCH_USERS app users (100), each with a vault, a TSS node in its Main Group, 2 wallets,
// 20 TSS requests and 20 transactions; BENCH_CONNECTIONS connections (100) each use one user's
// bearer token. Per route: requests/s with all connections busy (closed loop), latency percentiles
// and the CPU time of the server and the database per request; then latency at half that rate
// (BENCH_PACE, open loop: each request timed from when it was due); beside them two 404s of the same server (the Client API's problem+json
// 404, and Next.js's own) as the floor of a request. Also measured in the same run: the raw insert
// rate of the database (1.5 KB rows, unique ids, 50 connections), printed with the ratio.
// PGlite by default; a fresh PostgreSQL database when DATABASE_URL is set.
//   npm run build && npm run bench:api
//   BENCH_ROUTES=/api/v1/me,/api/v1/no-such-endpoint npm run bench:api

const USERS = Number(process.env.BENCH_USERS ?? 100);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
/** the paced run sends at this share of the rate the closed-loop run reached */
const PACE = Number(process.env.BENCH_PACE ?? 0.5);
// BENCH_ROUTES (comma-separated) picks some of them.
const ROUTES = process.env.BENCH_ROUTES?.split(",") ?? [
  "/api/v1/me",
  "/api/v1/wallets",
  "/api/v1/tss-requests",
  "/api/v1/transactions",
  "/api/v1/no-such-endpoint",
  "/api/no-such-path",
];

const database = await startDatabase();
const authSecret = randomBytes(32).toString("hex");
Object.assign(process.env, { DATABASE_URL: database.url, AUTH_SECRET: authSecret, LOG_LEVEL: "silent" });
const { createDb } = await import("../lib/db/client");
const { dbSlot } = await import("../lib/db/client");
const { openSession } = await import("../lib/server/app-users/sessions");
const db = createDb(database.url, 4);
dbSlot.set(db);

/** One app user with a ready vault and some history; returns a bearer token of theirs. */
async function seedUser(i: number): Promise<string> {
  const user = await db.user.create({ data: { email: `bench-${i}@example.com` } });
  const coboVaultId = randomUUID();
  const vault = await db.vault.create({
    data: { userId: user.id, coboVaultId, name: `vault ${i}`, coboProjectId: "bench", status: "MainGroupGenerated" },
  });
  const node = await db.tssNode.create({ data: { nodeId: `coboNodeBench${String(i).padStart(8, "0")}`, userId: user.id } });
  const group = await db.keyShareHolderGroup.create({
    data: {
      vaultId: vault.id,
      coboGroupId: randomUUID(),
      groupType: "MainGroup",
      threshold: 2,
      participants: 2,
      lifecycle: "active",
      members: { create: [{ nodeId: node.id, holderName: "phone", holderType: "Mobile" }] },
    },
  });
  await db.tssRequest.createMany({
    data: Array.from({ length: 20 }, (_, k) => ({
      coboTssRequestId: randomUUID(),
      vaultId: vault.id,
      type: "KeyGen",
      // final statuses only: open ones would have reconciliation polling Cobo throughout the run
      status: k % 4 ? "Success" : "Failed",
      targetGroupId: group.id,
    })),
  });
  const wallets: { id: string }[] = [];
  for (const name of ["Main", "Savings"]) {
    wallets.push(await db.wallet.create({ data: { vaultId: vault.id, coboWalletId: randomUUID(), name }, select: { id: true } }));
  }
  await db.transaction.createMany({
    data: Array.from({ length: 20 }, (_, k) => ({
      requestId: randomUUID(),
      coboTransactionId: randomUUID(),
      walletId: wallets[k % 2]!.id,
      userId: user.id,
      type: k % 3 ? "Withdrawal" : "Deposit",
      chainId: "SETH",
      tokenId: "SETH",
      amount: "0.0125",
      status: k % 5 ? "Completed" : "Failed",
      sourceAddress: "0x1111111111111111111111111111111111111111",
      destinationAddress: "0x2222222222222222222222222222222222222222",
    })),
  });
  return (await openSession(user.id, "bench")).access_token;
}

const tokens: string[] = [];
for (let i = 0; i < USERS; i++) tokens.push(await seedUser(i));
const loadAtStart = loadAverage();
const raw = await rawInsertRate(database.url, 5000, 50);
// Access tokens live 15 minutes by default; a long run needs them longer.
const server = await startServer(database.url, database.kind, { AUTH_SECRET: authSecret, APP_ACCESS_TOKEN_TTL_SECONDS: "3600" }).catch(
  async (error: unknown) => {
    await db.$disconnect();
    await database.stop();
    throw error;
  },
);

try {
  const results: Record<string, unknown> = {};
  const idleRss = rssMiB(server.pids());
  for (const path of ROUTES) {
    const call = (_i: number, c: number) => ({
      method: "GET" as const,
      path,
      headers: { authorization: `Bearer ${tokens[c % tokens.length]!}` },
    });
    const warm = await load(server.origin, Math.min(1000, REQUESTS), CONNECTIONS, call);
    const expected = path.startsWith("/api/v1/no-such") || path === "/api/no-such-path" ? 404 : 200;
    if ((warm.statuses[expected] ?? 0) !== warm.requests) throw new Error(`${path}: ${JSON.stringify(warm.statuses)}`);
    await sleep(500);
    const cpu = { server: cpuTracker(server.pids), db: cpuTracker(database.pids) };
    const cpu0 = { server: cpu.server.seconds(), db: cpu.db.seconds() };
    const r = await load(server.origin, REQUESTS, CONNECTIONS, call);
    const cpu1 = { server: cpu.server.seconds(), db: cpu.db.seconds() };
    cpu.server.stop();
    cpu.db.stop();
    if ((r.statuses[expected] ?? 0) !== r.requests) throw new Error(`${path}: ${JSON.stringify(r.statuses)}`);
    await sleep(500);
    const rate = Math.max(1, Math.round(r.perSecond * PACE));
    const paced = await loadAtRate(server.origin, rate, Math.min(REQUESTS, rate * 15), CONNECTIONS, (i) => call(i, i % CONNECTIONS));
    if ((paced.statuses[expected] ?? 0) !== paced.requests) throw new Error(`${path} (paced): ${JSON.stringify(paced.statuses)}`);
    results[path] = {
      perSecond: r.perSecond,
      p50: r.p50,
      p95: r.p95,
      p99: r.p99,
      max: r.max,
      serverCpuMsPerRequest: round(((cpu1.server - cpu0.server) * 1000) / r.requests, 2),
      databaseCpuMsPerRequest: round(((cpu1.db - cpu0.db) * 1000) / r.requests, 2),
      paced: { perSecond: rate, p50: paced.p50, p95: paced.p95, p99: paced.p99, max: paced.max },
    };
    console.error(`${path}: ${JSON.stringify(results[path])}`);
  }
  console.log(
    JSON.stringify(
      {
        bench: "api-http",
        machine: machine(),
        loadAverageAtStart: loadAtStart,
        database: database.kind,
        users: USERS,
        connections: CONNECTIONS,
        requestsPerRoute: REQUESTS,
        routes: results,
        serverRssMiB: { idle: idleRss, afterLoad: rssMiB(server.pids()) },
        rawInsert: { ...raw, connections: 50, rowBytes: 1500 },
        meToRawInsertRatio: results["/api/v1/me"]
          ? round((results["/api/v1/me"] as { perSecond: number }).perSecond / raw.perSecond, 3)
          : null,
        loadAverageAtEnd: loadAverage(),
      },
      null,
      2,
    ),
  );
} finally {
  await db.$disconnect();
  await server.stop();
  await database.stop();
}
