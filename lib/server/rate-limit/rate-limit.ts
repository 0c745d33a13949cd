import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Rate limits for the abuse-prone routes (Client API sign-in, sign-up, refresh, transfers; console sign-in), counted in PostgreSQL (rate-limiter-flexible,
// through Prisma) so they hold across app instances. Each route checks a per-IP and, where it
// knows one, a per-account key. (Its RateLimiterPostgres store uses named prepared statements,
// which clash on PGlite, where every client shares one backend.) Expired counters are deleted by
// reconciliation.

type LimitName =
  | "sign_in_ip"
  | "sign_in_account"
  | "sign_up_ip"
  | "sign_up_account"
  | "refresh_ip"
  | "transfer_user"
  | "transfer_ip"
  | "console_sign_in_ip"
  | "console_sign_in_account";

const LIMITS: Record<LimitName, { points: number; duration: number }> = {
  sign_in_ip: { points: 30, duration: 60 },
  console_sign_in_ip: { points: 30, duration: 60 },
  console_sign_in_account: { points: 10, duration: 15 * 60 },
  sign_in_account: { points: 10, duration: 15 * 60 },
  sign_up_ip: { points: 10, duration: 60 * 60 },
  sign_up_account: { points: 5, duration: 60 * 60 },
  refresh_ip: { points: 60, duration: 60 },
  transfer_user: { points: 10, duration: 60 },
  transfer_ip: { points: 30, duration: 60 },
};

const limiters = new Map<LimitName, RateLimiterPrisma>();

function limiter(name: LimitName): RateLimiterPrisma {
  let l = limiters.get(name);
  if (!l) {
    l = new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimitCounter",
      clearExpiredByTimeout: false,
      keyPrefix: name,
      ...LIMITS[name],
    });
    limiters.set(name, l);
  }
  return l;
}

/** Consumes one point of each named limit; 429 with Retry-After when any is exhausted. */
export async function enforceRateLimits(checks: { name: LimitName; key: string }[]): Promise<void> {
  for (const check of checks) {
    try {
      await limiter(check.name).consume(check.key);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        throw new AppError("rate_limited", "Too many attempts. Try again later.", {
          retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
        });
      }
      throw error;
    }
  }
}

/**
 * The client's IP. Each trusted proxy appends the address it saw to X-Forwarded-For, so with N of
 * them the client is the N-th entry from the end. With none, Next.js fills the header with the
 * socket address only when the client sent none, so the value is best effort (per-account limits
 * still apply); deploy behind a proxy and set TRUSTED_PROXY_HOPS for reliable per-IP limits.
 */
export function clientIp(headers: Headers): string {
  const hops = getEnv().TRUSTED_PROXY_HOPS;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[Math.max(0, chain.length - Math.max(1, hops))] ?? "unknown";
}

/** Deletes expired counters (run by reconciliation). */
export async function deleteExpiredRateLimits(): Promise<number> {
  const { count } = await db.rateLimitCounter.deleteMany({ where: { expire: { lt: new Date() } } });
  return count;
}
