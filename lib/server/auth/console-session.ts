import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import { buildAuthOptions } from "@/lib/server/auth/auth-options";
import type { ConsoleIdentity } from "@/lib/server/auth/console-users";

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

/** For console pages: the signed-in user, or a redirect to sign-in that returns here afterwards. */
export async function requireConsoleUser(): Promise<ConsoleIdentity> {
  const user = await getConsoleUser();
  if (user) return user;
  const h = await headers();
  const path = h.get("x-ucw-pathname") ?? "/dashboard";
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}

/** For admin-only pages: the signed-in admin; support staff get the 403 page. */
export async function requireConsoleAdmin(): Promise<ConsoleIdentity> {
  const user = await requireConsoleUser();
  if (user.role !== "admin") forbidden();
  return user;
}
