import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import { buildAuthOptions } from "@/lib/http/auth-options";
import type { ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { mustEnrolTotp } from "@/lib/server/console-users/two-factor";

// The one bridge between the framework's session and our console identity: pages and server
// actions call these; domain code receives the identity as an argument and never reads sessions.

let options: ReturnType<typeof buildAuthOptions> | undefined;

/** next-auth options, built once per process. */
export function authOptions() {
  options ??= buildAuthOptions();
  return options;
}

/**
 * The signed-in console user (re-read from the database), or null. Cached per request: the
 * layout and the page both ask, and one session read and one database read answer both.
 */
export const getConsoleUser = cache(async (): Promise<ConsoleIdentity | null> => {
  const session = await getServerSession(authOptions());
  return session?.user ?? null;
});

/** The page where a console user sets up two-factor authentication (the only one an admin who must, and has not, may open). */
export const TWO_FACTOR_PAGE = "/settings/two-factor";

/**
 * For console pages: the signed-in user, or a redirect to sign-in that returns here afterwards. An
 * admin who must set up TOTP (CONSOLE_ADMIN_TOTP=required) and has not is sent to the two-factor
 * page instead, unless the caller is that page (or the layout around every page) and says so.
 */
export async function requireConsoleUser(opts: { beforeTwoFactor?: boolean } = {}): Promise<ConsoleIdentity> {
  const user = await getConsoleUser();
  if (user) {
    if (!opts.beforeTwoFactor && (await mustEnrolTotp(user))) redirect(TWO_FACTOR_PAGE);
    return user;
  }
  const h = await headers();
  const path = h.get("x-ucw-pathname") ?? "/dashboard";
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}
