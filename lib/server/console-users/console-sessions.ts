import { z } from "zod";
import { db as defaultDb, type Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { identityOf, type ConsoleIdentity } from "@/lib/server/console-users/console-users";

// Server-side console sessions. The session cookie is a signed JWT, which on its own stays valid
// until it expires; so each sign-in also gets a row here, the JWT carries the row's id, and every
// session read (every console page, server action and API route) checks that row and its user.
// Signing out, "sign out everywhere", disabling the user and changing the password revoke rows,
// and the cookies naming them stop working at once. (No server-only import: the console-user
// command revokes sessions too, with its own database client.)

export type ConsoleSessionMethod = "credentials" | "oidc";
export type ConsoleSessionRevocation = "sign_out" | "sign_out_everywhere" | "disabled" | "password_changed";

/** Opens a session for a console user who just signed in; answers its id (the JWT's `sid`). */
export async function openConsoleSession(consoleUserId: string, method: ConsoleSessionMethod): Promise<string> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + getEnv().AUTH_SESSION_MAX_AGE_SECONDS * 1000);
  // The user's own long-expired rows go as the new one comes, so the table stays small without a job.
  await defaultDb.consoleSession.deleteMany({ where: { consoleUserId, expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } });
  const row = await defaultDb.consoleSession.create({ data: { consoleUserId, method, expiresAt }, select: { id: true } });
  return row.id;
}

/**
 * The console user behind a session id, or null when the session is unknown, revoked or expired,
 * or its user is disabled. One indexed lookup by primary key, on every session read.
 */
export async function resolveConsoleSession(sessionId: string, consoleUserId?: string): Promise<ConsoleIdentity | null> {
  if (!z.uuid().safeParse(sessionId).success) return null;
  const row = await defaultDb.consoleSession.findUnique({
    where: { id: sessionId },
    select: {
      revokedAt: true,
      expiresAt: true,
      consoleUser: { select: { id: true, email: true, name: true, role: true, disabled: true, timeZone: true, totpEnabledAt: true } },
    },
  });
  if (!row || row.revokedAt || row.expiresAt <= new Date()) return null;
  const user = row.consoleUser;
  if (user.disabled || (consoleUserId !== undefined && user.id !== consoleUserId)) return null;
  return identityOf(user);
}

/** Revokes one session (signing out); false when it was not live. */
export async function revokeConsoleSession(sessionId: string, reason: ConsoleSessionRevocation = "sign_out"): Promise<boolean> {
  if (!z.uuid().safeParse(sessionId).success) return false;
  const { count } = await defaultDb.consoleSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count === 1;
}

/** Revokes every live session of a console user; answers how many there were. */
export async function revokeConsoleUserSessions(
  consoleUserId: string,
  reason: ConsoleSessionRevocation,
  client: Pick<Db, "consoleSession"> = defaultDb,
): Promise<number> {
  const { count } = await client.consoleSession.updateMany({
    where: { consoleUserId, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count;
}
