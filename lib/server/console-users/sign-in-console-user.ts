import "server-only";
import { db } from "@/lib/db/client";
import { verifyConsoleUserPassword, type ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { checkSignInTotp } from "@/lib/server/console-users/two-factor";
import { withSignInGuard } from "@/lib/server/rate-limit/rate-limit";

// One email-and-password sign-in to the console (next-auth's credentials provider calls it), under
// the sign-in lockout (withSignInGuard): the password, then, for a user with TOTP on, the code.
//
// What a failure tells the caller: `credentials` for a wrong email, password or code alike;
// `code_required` only when the password was right, TOTP is on and no code came, so the form can
// ask for it. That is no more than a right password told before TOTP existed (it signed in), and
// every attempt that does not sign in, `code_required` and wrong codes included, counts towards
// the lockout as a wrong password does: guessing passwords or codes is slowed alike.

export type ConsoleSignIn = { user: ConsoleIdentity } | { failure: "credentials" | "code_required" };

export type ConsoleSignInInput = { email: string; password: string; code?: string; ip: string };

/** Signs a console user in with password (and code); throws 429 (rate_limited) once the lockout holds. */
export async function signInConsoleUser(input: ConsoleSignInInput, now: Date = new Date()): Promise<ConsoleSignIn> {
  const seen: { codeRequired?: true } = {};
  const user = await withSignInGuard("console", input.email, input.ip, async () => {
    const identity = await verifyConsoleUserPassword(input.email, input.password);
    if (!identity) return null;
    const second = await checkSignInTotp(identity.id, input.code, now);
    if (second === "missing") seen.codeRequired = true;
    if (second === "missing" || second === "refused") return null;
    await db.consoleUser.update({ where: { id: identity.id }, data: { lastSignInAt: now } });
    return identity;
  });
  if (user) return { user };
  return { failure: seen.codeRequired ? "code_required" : "credentials" };
}
