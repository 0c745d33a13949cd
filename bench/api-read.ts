import { randomBytes } from "node:crypto";
import { benchDatabase, load, machine } from "./lib";

// Latency of authenticated Client API reads (token verification, session check, scoped query,
// serialisation) for one user with 200 TSS requests. In-process route handlers, fresh database.
// Run: `npx tsx bench/api-read.ts` (PGlite) or with DATABASE_URL set.

const TOTAL = Number(process.env.BENCH_TOTAL ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const database = await benchDatabase();
Object.assign(process.env, { DATABASE_URL: database.url, LOG_LEVEL: "silent", AUTH_SECRET: randomBytes(32).toString("hex") });
const { db } = await import("../lib/db/client");
const { openSession } = await import("../lib/server/app-users/sessions");
const { GET: me } = await import("../app/api/v1/me/route");
const { GET: listTss } = await import("../app/api/v1/tss-requests/route");

const user = await db.user.create({ data: { email: "bench@example.com" } });
const vault = await db.vault.create({
  data: { userId: user.id, coboVaultId: "v-bench", name: "bench", coboProjectId: "p", status: "MainGroupGenerated" },
});
const node = await db.tssNode.create({ data: { nodeId: "coboNodeBench000001", userId: user.id } });
for (let i = 0; i < 200; i++) {
  const g = await db.keyShareHolderGroup.create({
    data: {
      vaultId: vault.id,
      coboGroupId: `g-${i}`,
      groupType: "RecoveryGroup",
      threshold: 2,
      participants: 2,
      members: { create: [{ nodeId: node.id, holderName: "n", holderType: "API" }] },
    },
  });
  await db.tssRequest.create({
    data: {
      coboTssRequestId: `t-${i}`,
      vaultId: vault.id,
      type: "KeyGenFromKeyGroup",
      status: i % 3 ? "Success" : "MPCProcessing",
      targetGroupId: g.id,
    },
  });
}
const { access_token } = await openSession(user.id, "bench");
const ctx = { params: Promise.resolve({}) };
const req = (path: string) => new Request(`http://127.0.0.1${path}`, { headers: { authorization: `Bearer ${access_token}` } });

const meStats = await load(TOTAL, CONCURRENCY, async () => {
  const r = await me(req("/api/v1/me"), ctx);
  if (r.status !== 200) throw new Error(String(r.status));
});
const listStats = await load(TOTAL, CONCURRENCY, async () => {
  const r = await listTss(req("/api/v1/tss-requests?limit=50&status=Success"), ctx);
  if (r.status !== 200) throw new Error(String(r.status));
});
console.log(
  JSON.stringify(
    {
      bench: "api-read",
      machine: machine(),
      database: database.kind,
      total: TOTAL,
      concurrency: CONCURRENCY,
      getMeMs: meStats,
      listTssRequests50Ms: listStats,
    },
    null,
    2,
  ),
);
await db.$disconnect();
await database.stop();
