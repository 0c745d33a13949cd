import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { revokeSession } from "@/lib/server/app-users/sessions";
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/server/console-users/password";
import { unlockSignIn } from "@/lib/server/rate-limit/sign-in-lockout";

// What support asks an admin to do for an app user's account: end every session (a lost phone, a
// leaked token), set a new password (the owner forgot it; all sessions end, the lockout lifts) and
// lift a sign-in lockout. Each carries a reason, kept in the audit log (never the password).

const REASON_MAX = 500;
const userId = z.guid("Unknown app user.");
const reason = z
  .string("Give a reason.")
  .trim()
  .min(3, "Give a reason (at least 3 characters).")
  .max(REASON_MAX, `A reason has at most ${REASON_MAX} characters.`);

export const appAccountActionInput = z.object({ userId, reason });
export const resetAppPasswordInput = z.object({
  userId,
  reason,
  password: z
    .string("Give the new password.")
    .min(PASSWORD_MIN_LENGTH, `The password needs at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(PASSWORD_MAX_LENGTH, `The password has at most ${PASSWORD_MAX_LENGTH} characters.`),
});

export type AppSessionsEnded = { userId: string; email: string; sessionsEnded: number };
export type AppPasswordReset = AppSessionsEnded & { lockoutCountersCleared: number };
export type AppSignInUnlocked = { userId: string; email: string; countersCleared: number };

async function findUser(id: string) {
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, passwordHash: true, externalSubject: true } });
  if (!user) throw new AppError("not_found", "This app user does not exist.");
  return user;
}

/** Ends every live session of the user: their access and refresh tokens stop working. */
export async function endAppUserSessions(id: string): Promise<AppSessionsEnded> {
  const user = await findUser(id);
  const live = await db.appSession.findMany({ where: { userId: id, revokedAt: null }, select: { id: true } });
  for (const s of live) await revokeSession(s.id, id);
  return { userId: user.id, email: user.email, sessionsEnded: live.length };
}

/**
 * Sets a new password for an app user who signs in with one, ends their sessions and lifts their
 * sign-in lockout. Users of the company's own identity provider have no password here: refused.
 */
export async function resetAppUserPassword(id: string, password: string): Promise<AppPasswordReset> {
  const user = await findUser(id);
  if (!user.passwordHash && user.externalSubject)
    throw new AppError("invalid_input", "This user signs in through your identity provider; change the password there.", {
      issues: [{ path: "password", message: "This user has no password here." }],
    });
  await db.user.update({ where: { id }, data: { passwordHash: await hashPassword(password) } });
  const { sessionsEnded } = await endAppUserSessions(id);
  const lockoutCountersCleared = await unlockSignIn("app", user.email);
  return { userId: user.id, email: user.email, sessionsEnded, lockoutCountersCleared };
}

/** Lifts the user's sign-in lockouts (from every client address). */
export async function unlockAppUserSignIn(id: string): Promise<AppSignInUnlocked> {
  const user = await findUser(id);
  return { userId: user.id, email: user.email, countersCleared: await unlockSignIn("app", user.email) };
}
