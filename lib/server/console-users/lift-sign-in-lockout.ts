import "server-only";
import { z } from "zod";
import { auditReason } from "@/lib/server/audit/reason";
import { unlockSignIn } from "@/lib/server/rate-limit/sign-in-lockout";

// An admin lifts the sign-in lockouts of one console or app account (from every client address),
// so a locked-out owner can sign in again at once, with a reason kept in the audit log.

export const liftSignInLockoutInput = z.object({
  scope: z.enum(["console", "app"]),
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  reason: auditReason,
});

export type SignInUnlocked = { scope: "console" | "app"; email: string; countersCleared: number };

/** Clears the account's lockout counters; answers how many there were. */
export async function liftSignInLockout(input: z.output<typeof liftSignInLockoutInput>): Promise<SignInUnlocked> {
  return { scope: input.scope, email: input.email, countersCleared: await unlockSignIn(input.scope, input.email) };
}
