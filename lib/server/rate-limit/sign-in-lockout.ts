import { createHash } from "node:crypto";
import { db as defaultDb, type Db } from "@/lib/db/client";

// The keys of the sign-in lockout counters, and lifting a lockout (the console's unlock action and
// `npm run console-user -- unlock` share this, so it takes the database client as an argument).

export type SignInScope = "app" | "console";

/** The account part of a sign-in counter's key: a digest of the normalised email (counters never hold emails). */
export function signInAccountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

/**
 * Lifts every sign-in lockout of one account (from every address), for an admin to let a
 * locked-out owner in again; answers how many counters were cleared. Per-address counters that are
 * not tied to the account (`<scope>_sign_in_ip`) are left alone: they last a minute.
 */
export async function unlockSignIn(scope: SignInScope, email: string, client: Db = defaultDb): Promise<number> {
  const account = signInAccountKey(email);
  const { count } = await client.rateLimitCounter.deleteMany({
    where: {
      OR: [{ key: `${scope}_sign_in_account:${account}` }, { key: { startsWith: `${scope}_sign_in_account_client:${account}|` } }],
    },
  });
  return count;
}
