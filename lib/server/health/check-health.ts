import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

// Health of the two things the backend cannot work without, reported separately: a load balancer
// should take an instance out only when its database is gone; Cobo being down is degraded service.

export type ComponentHealth = { status: "ok" | "down"; latencyMs: number; detail?: string };
export type Health = {
  status: "ok" | "degraded" | "down";
  database: ComponentHealth & { kind: "pglite" | "postgres" };
  cobo: ComponentHealth & { environment: string; baseUrl: string };
};

async function timed<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number }> {
  const start = performance.now();
  try {
    const value = await fn();
    return { ok: true, value, ms: Math.round(performance.now() - start) };
  } catch (error) {
    return { ok: false, error, ms: Math.round(performance.now() - start) };
  }
}

/** Checks the database (a query) and Cobo's endpoint (an HTTP answer below 500 within 3 s). */
export async function checkHealth(): Promise<Health> {
  const env = getEnv();
  const [database, cobo] = await Promise.all([
    timed(() => db.$queryRaw`SELECT 1`),
    timed(async () => {
      const res = await fetch(`${env.COBO_BASE_URL}/wallets/mpc/cobo_key_share_holders`, {
        signal: AbortSignal.timeout(3000),
        redirect: "manual",
      });
      await res.body?.cancel();
      if (res.status >= 500) throw new Error(`answered HTTP ${res.status}`);
      return res.status;
    }),
  ]);
  const dbHealth: Health["database"] = database.ok
    ? { status: "ok", latencyMs: database.ms, kind: env.DATABASE_KIND }
    : { status: "down", latencyMs: database.ms, kind: env.DATABASE_KIND, detail: "database query failed" };
  const coboHealth: Health["cobo"] = cobo.ok
    ? {
        status: "ok",
        latencyMs: cobo.ms,
        environment: env.COBO_ENV,
        baseUrl: env.COBO_BASE_URL,
        // Unsigned on purpose: load balancers probe often, and a signed call per probe would spend
        // Cobo's rate limit. A wrong API key shows up on the first real call (logged, 503 to apps).
        detail: `reachable (HTTP ${cobo.value}); the API key is not checked by this probe`,
      }
    : {
        status: "down",
        latencyMs: cobo.ms,
        environment: env.COBO_ENV,
        baseUrl: env.COBO_BASE_URL,
        detail: cobo.error instanceof Error && cobo.error.message.startsWith("answered") ? cobo.error.message : "not reachable",
      };
  const status = dbHealth.status === "down" ? "down" : coboHealth.status === "down" ? "degraded" : "ok";
  return { status, database: dbHealth, cobo: coboHealth };
}
