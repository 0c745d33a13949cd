import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { signInAccountKey, type SignInScope } from "@/lib/server/rate-limit/sign-in-lockout";

// Rate limits for the abuse-prone routes (Client API sign-in, sign-up, refresh, transfers; console
// sign-in), counted in PostgreSQL (rate-limiter-flexible, through Prisma) so they hold across app
// instances. Each route checks a per-IP and, where it knows one, a per-account key; sign-in counts
// only failures and keys its account counter by client too (withSignInGuard). (The library's
// RateLimiterPostgres store uses named prepared statements, which clash on PGlite, where every
// client shares one backend.) Expired counters are deleted by reconciliation.

type LimitName = "sign_up_ip" | "sign_up_account" | "refresh_ip" | "transfer_user" | "transfer_ip" | SignInLimit;

/** The sign-in counters, per scope (app users on the Client API, console users on the console). */
type SignInLimit = `${SignInScope}_sign_in_${"ip" | "account_client" | "account" | "known_client"}`;

const SIGN_IN_LIMITS = {
  /** failed sign-ins from one client address, whatever the account */
  ip: { points: 30, duration: 60 },
  /** failed sign-ins on one account from one client address: the lockout a guesser earns for itself */
  account_client: { points: 10, duration: 15 * 60 },
  /** failed sign-ins on one account from every address it was never signed in from */
  account: { points: 100, duration: 60 * 60 },
  /** marks an address the account signed in from (kept 30 days) */
  known_client: { points: 1, duration: 30 * 24 * 60 * 60 },
} as const;

const LIMITS: Record<LimitName, { points: number; duration: number }> = {
  sign_up_ip: { points: 10, duration: 60 * 60 },
  sign_up_account: { points: 5, duration: 60 * 60 },
  refresh_ip: { points: 60, duration: 60 },
  transfer_user: { points: 10, duration: 60 },
  transfer_ip: { points: 30, duration: 60 },
  ...(Object.fromEntries(
    (["app", "console"] as const).flatMap((scope) =>
      Object.entries(SIGN_IN_LIMITS).map(([kind, limit]) => [`${scope}_sign_in_${kind}`, limit]),
    ),
  ) as Record<SignInLimit, { points: number; duration: number }>),
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
      // Sign-ups per client address are an operator's setting: behind carrier-grade NAT many users share one.
      ...(name === "sign_up_ip" ? { points: getEnv().APP_SIGNUP_PER_ADDRESS_PER_HOUR } : {}),
    });
    limiters.set(name, l);
  }
  return l;
}

function rateLimited(error: RateLimiterRes): AppError {
  return new AppError("rate_limited", "Too many attempts. Try again later.", {
    retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
  });
}

/** Consumes one point of each named limit; 429 with Retry-After when any is exhausted. */
export async function enforceRateLimits(checks: { name: LimitName; key: string }[]): Promise<void> {
  for (const check of checks) {
    try {
      await limiter(check.name).consume(check.key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw rateLimited(error);
      throw error;
    }
  }
}

/** Gives back the point a request consumed of `name` (it turned out not to count, e.g. it succeeded). */
export async function refundRateLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name).reward(key, 1);
}

/**
 * Runs one sign-in attempt under the lockout rules; `attempt` answers the signed-in identity, or
 * null when the credentials were wrong. Only failures count:
 *
 * - per client address (`ip`), whatever the account: stops one machine trying many accounts;
 * - per account and client address (`account_client`): a guesser locks out only itself, never the
 *   owner signing in from elsewhere;
 * - per account from addresses it was never signed in from (`account`, a high ceiling): bounds
 *   guessing spread over many addresses, while the owner's own known addresses stay exempt.
 *
 * A point is taken before the password check (so concurrent guesses are counted too) and given
 * back when the attempt succeeds; a success also clears the account's counter for that address
 * and records the address as known. Throws 429 (rate_limited) when a counter is exhausted.
 */
export async function withSignInGuard<T>(
  scope: SignInScope,
  email: string,
  ip: string,
  attempt: () => Promise<T | null>,
): Promise<T | null> {
  const account = signInAccountKey(email);
  const accountClient = `${account}|${ip}`;
  const known = (await limiter(`${scope}_sign_in_known_client`).get(accountClient)) !== null;
  const consumed: LimitName[] = [];
  const checks: { name: LimitName; key: string }[] = [
    { name: `${scope}_sign_in_ip`, key: ip },
    { name: `${scope}_sign_in_account_client`, key: accountClient },
    ...(known ? [] : [{ name: `${scope}_sign_in_account` as const, key: account }]),
  ];
  for (const check of checks) {
    try {
      await limiter(check.name).consume(check.key);
      consumed.push(check.name);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw rateLimited(error);
      throw error;
    }
  }
  const result = await attempt();
  if (result === null) return null;
  await Promise.all([
    limiter(`${scope}_sign_in_ip`).reward(ip, 1),
    limiter(`${scope}_sign_in_account_client`).delete(accountClient),
    consumed.includes(`${scope}_sign_in_account`) ? limiter(`${scope}_sign_in_account`).reward(account, 1) : undefined,
    limiter(`${scope}_sign_in_known_client`).set(accountClient, 1, SIGN_IN_LIMITS.known_client.duration),
  ]);
  return result;
}

export { unlockSignIn, type SignInScope } from "@/lib/server/rate-limit/sign-in-lockout";

/** Deletes expired counters (run by reconciliation). */
export async function deleteExpiredRateLimits(): Promise<number> {
  const { count } = await db.rateLimitCounter.deleteMany({ where: { expire: { lt: new Date() } } });
  return count;
}
