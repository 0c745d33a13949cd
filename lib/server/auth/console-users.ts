import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { burnPasswordCheck, hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from "@/lib/server/auth/password";

export type ConsoleRole = "admin" | "support";
export type ConsoleIdentity = { id: string; email: string; name: string | null; role: ConsoleRole };

export const consoleUserInput = z.object({
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(["admin", "support"]),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});

/** Checks an email and password; null for any failure (unknown email, wrong password, disabled). */
export async function authenticateConsoleUser(email: string, password: string): Promise<ConsoleIdentity | null> {
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
  await db.consoleUser.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Loads a console user that may still act (exists, not disabled); null otherwise. */
export async function findActiveConsoleUser(id: string): Promise<ConsoleIdentity | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const user = await db.consoleUser.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Creates a console user with a hashed password; 409 when the email is taken. */
export async function createConsoleUser(input: z.input<typeof consoleUserInput>): Promise<ConsoleIdentity> {
  const data = consoleUserInput.parse(input);
  const passwordHash = await hashPassword(data.password);
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
