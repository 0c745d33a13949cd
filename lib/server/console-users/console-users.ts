import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import {
  burnPasswordCheck,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from "@/lib/server/console-users/password";

export type ConsoleRole = "admin" | "support";
export type ConsoleIdentity = {
  id: string;
  email: string;
  name: string | null;
  role: ConsoleRole;
  /** the IANA time zone the console shows this user's timestamps in (null or absent: the browser's, else UTC) */
  timeZone?: string | null;
  /**
   * Whether TOTP is on for this user, as the read that made this identity found it (absent: that
   * read did not look, and the two-factor gate reads it itself).
   */
  totpOn?: boolean;
};

export const consoleUserInput = z.object({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(["admin", "support"]),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});

/** Checks an email and password and records the sign-in; null for any failure (unknown email, wrong password, disabled). */
export async function authenticateConsoleUser(email: string, password: string): Promise<ConsoleIdentity | null> {
  const user = await verifyConsoleUserPassword(email, password);
  if (!user) return null;
  await db.consoleUser.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return user;
}

/** Checks an email and password only (a sign-in may still need its second factor); null for any failure. */
export async function verifyConsoleUserPassword(email: string, password: string): Promise<ConsoleIdentity | null> {
  const user = await db.consoleUser.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabled: true },
  });
  if (!user || !user.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The identity of a console user row (TOTP is on once it has been enabled: enabling stores the secret with the date). */
export function identityOf(user: {
  id: string;
  email: string;
  name: string | null;
  role: ConsoleRole;
  timeZone: string | null;
  totpEnabledAt: Date | null;
}): ConsoleIdentity {
  return { id: user.id, email: user.email, name: user.name, role: user.role, timeZone: user.timeZone, totpOn: user.totpEnabledAt !== null };
}

/** Loads a console user that may still act (exists, not disabled); null otherwise. */
export async function findActiveConsoleUser(id: string): Promise<ConsoleIdentity | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const user = await db.consoleUser.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true, timeZone: true, totpEnabledAt: true },
  });
  if (!user || user.disabled) return null;
  return identityOf(user);
}

/**
 * A console user to create whose password is already hashed: what a second-person approval request
 * for a new admin stores (never the password itself; app/(console)/settings/actions.ts).
 */
export const hashedConsoleUserInput = z.object({
  email: consoleUserInput.shape.email,
  name: z.string().trim().min(1).max(100).nullish(),
  role: z.enum(["admin", "support"]),
  passwordHash: z
    .string()
    .regex(/^\$argon2id\$/, "not an argon2id hash")
    .max(1000),
});

/** The stored form of a new console user: the password replaced by its hash. */
export async function hashConsoleUserInput(
  input: z.output<typeof consoleUserInput>,
): Promise<{ email: string; name: string | null; role: ConsoleRole; passwordHash: string }> {
  return { email: input.email, name: input.name ?? null, role: input.role, passwordHash: await hashPassword(input.password) };
}

/** Creates a console user with a hashed password; 409 when the email is taken. */
export async function createConsoleUser(input: z.input<typeof consoleUserInput>): Promise<ConsoleIdentity> {
  return createConsoleUserWithHash(await hashConsoleUserInput(consoleUserInput.parse(input)));
}

/** Creates a console user from an argon2id hash made earlier (an approved request); 409 when the email is taken. */
export async function createConsoleUserWithHash(input: z.input<typeof hashedConsoleUserInput>): Promise<ConsoleIdentity> {
  const { passwordHash, ...data } = hashedConsoleUserInput.parse(input);
  try {
    return await db.consoleUser.create({
      data: { email: data.email, name: data.name ?? null, role: data.role, passwordHash },
      select: { id: true, email: true, name: true, role: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "A console user with this email already exists.");
    throw error;
  }
}
