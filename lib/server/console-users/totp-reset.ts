import { db as defaultDb, type Db } from "@/lib/db/client";

// Turning a console user's TOTP second factor off without a code: an admin's reset in the console
// (two-factor.ts) and `npm run console-user -- reset-totp` for a locked-out only admin share this,
// so it takes the database client as an argument and has no server-only import.

/** Every TOTP column of a console user, cleared: no active secret, no enrolment waiting, no replay memory. */
export const TOTP_CLEARED = {
  totpSecret: null,
  totpEnabledAt: null,
  totpLastStep: null,
  totpPendingSecret: null,
  totpPendingAt: null,
} as const;

export type TotpCleared = { id: string; email: string; role: "admin" | "support"; wasOn: boolean };

/** Clears the TOTP of the console user `where` names; null when there is no such user. */
export async function clearConsoleUserTotp(
  where: { id: string } | { email: string },
  client: Pick<Db, "consoleUser"> = defaultDb,
): Promise<TotpCleared | null> {
  const user = await client.consoleUser.findUnique({
    where,
    select: { id: true, email: true, role: true, totpSecret: true, totpEnabledAt: true },
  });
  if (!user) return null;
  await client.consoleUser.update({ where: { id: user.id }, data: TOTP_CLEARED });
  return { id: user.id, email: user.email, role: user.role, wasOn: user.totpSecret !== null && user.totpEnabledAt !== null };
}
