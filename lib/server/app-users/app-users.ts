import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  burnPasswordCheck,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from "@/lib/server/console-users/password";
import { openSession, type TokenPair } from "@/lib/server/app-users/sessions";
import { withSignInGuard } from "@/lib/server/rate-limit/rate-limit";

// App users (the people holding the phones): sign-up, sign-in, and creation by an admin.

export const credentialsSchema = z.object({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase())
    .describe("The user's email address"),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH).describe(`At least ${PASSWORD_MIN_LENGTH} characters`),
});

export type AppUserSummary = { id: string; email: string; status: string; created_at: string };

/** Creates an app user with a password; 409 when the email is taken. */
export async function createAppUser(input: z.input<typeof credentialsSchema>): Promise<AppUserSummary> {
  const data = credentialsSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    const u = await db.user.create({
      data: { email: data.email, passwordHash },
      select: { id: true, email: true, status: true, createdAt: true },
    });
    return { id: u.id, email: u.email, status: u.status, created_at: u.createdAt.toISOString() };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "An account with this email already exists.");
    throw error;
  }
}

/** Self sign-up from the app (when APP_SIGNUP_ENABLED); signs the new user in. */
export async function signUp(
  input: z.input<typeof credentialsSchema>,
  userAgent: string | null,
): Promise<{ user: AppUserSummary; tokens: TokenPair }> {
  if (!getEnv().APP_SIGNUP_ENABLED) throw new AppError("forbidden", "Sign-up is disabled; ask the operator for an account.");
  const user = await createAppUser(input);
  return { user, tokens: await openSession(user.id, userAgent) };
}

/**
 * Email and password sign-in from the client at `ip`; one generic error for every failure. Only
 * failures count toward the lockouts (withSignInGuard), so nobody can lock an owner out by
 * guessing from elsewhere; too many failures from one client answer 429.
 */
export async function signIn(
  input: { email: string; password: string },
  client: { ip: string; userAgent: string | null },
): Promise<TokenPair> {
  const email = input.email.trim().toLowerCase();
  const userId = await withSignInGuard("app", email, client.ip, async () => {
    const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
    if (!user?.passwordHash) {
      await burnPasswordCheck(input.password);
      return null;
    }
    return (await verifyPassword(user.passwordHash, input.password)) ? user.id : null;
  });
  if (!userId) throw new AppError("unauthenticated", "The email or password is incorrect.");
  return openSession(userId, client.userAgent);
}
