import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { recordCoboProbe } from "@/lib/observability/cobo-reachability";
import { checkProjectScheme, type SchemeHealth } from "@/lib/server/vaults/cobo-context";
import { currentCallbackLink, readCallbackLink, type CallbackLinkStatus } from "@/lib/server/risk/callback-link";

// Health of the two things the backend cannot work without, reported separately: a load balancer
// should take an instance out only when its database is gone; Cobo being down is degraded service.

export type ComponentHealth = { status: "ok" | "down"; latencyMs: number; detail?: string };
export type Health = {
  status: "ok" | "degraded" | "down";
  database: ComponentHealth & { kind: "pglite" | "postgres" };
  cobo: ComponentHealth & { environment: string; baseUrl: string };
  /** Whether the MPC project's scheme at Cobo is UCW_SCHEME (a mismatch: no Main Group can be made). */
  scheme: SchemeHealth;
  /** Whether Cobo's risk-control callback for our API key is our endpoint (getApiKeyInfo, re-checked periodically). */
  callback: CallbackHealth;
};

export type CallbackHealth = {
  status: CallbackLinkStatus;
  expectedUrl: string | null;
  linkedUrl: string | null;
  checkedAt: string | null;
  detail: string;
};

/** The callback link as last checked, re-asked of Cobo when the check is older than its interval (bounded wait). */
async function callbackHealth(timeoutMs = 3_000): Promise<CallbackHealth> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const link = await Promise.race([
      currentCallbackLink(),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs))),
    ]);
    const known = link ?? (await readCallbackLink());
    if (!known) return { status: "unknown", expectedUrl: null, linkedUrl: null, checkedAt: null, detail: "not checked yet" };
    return {
      status: known.status,
      expectedUrl: known.expectedUrl,
      linkedUrl: known.linkedUrl,
      checkedAt: known.checkedAt,
      detail: known.detail,
    };
  } catch {
    return { status: "unknown", expectedUrl: null, linkedUrl: null, checkedAt: null, detail: "the callback link could not be checked" };
  } finally {
    clearTimeout(timer);
  }
}

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
  const [database, cobo, scheme, callback] = await Promise.all([
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
    checkProjectScheme(),
    callbackHealth(),
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
  // Remembered for the console's "Cobo unreachable" banner (not when the database itself is down).
  if (dbHealth.status === "ok")
    await recordCoboProbe(coboHealth.status, coboHealth.status === "down" ? (coboHealth.detail ?? null) : null).catch((error: unknown) =>
      logger.warn({ err: error }, "could not record the Cobo probe's result"),
    );
  const callbackWrong = callback.status === "not_linked" || callback.status === "linked_elsewhere";
  const status =
    dbHealth.status === "down" ? "down" : coboHealth.status === "down" || scheme.status === "mismatch" || callbackWrong ? "degraded" : "ok";
  return { status, database: dbHealth, cobo: coboHealth, scheme, callback };
}
