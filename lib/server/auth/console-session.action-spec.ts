import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import { revokeConsoleUserSessions } from "@/lib/server/auth/console-sessions";
import { unlockSignIn } from "@/lib/server/rate-limit/sign-in-lockout";

// Console actions about sessions and sign-in: "sign out everywhere" (any console user for their own
// account, admins for anyone) and lifting a sign-in lockout (admins). Both are audited by runAction.

export const signOutEverywhereInput = z.object({ id: z.guid("Unknown console user.") });

export type SignedOutEverywhere = { id: string; email: string; sessionsEnded: number };

/** Ends every session of a console user, the caller's current one included when it is their own. */
export const signOutEverywhereSpec: ActionSpec<z.output<typeof signOutEverywhereInput>, SignedOutEverywhere> = {
  name: "console_user.sign_out_everywhere",
  role: "any",
  input: signOutEverywhereInput,
  target: (input) => ({ type: "console_user", id: input.id }),
  run: async (input, actor) => {
    if (input.id !== actor.id && actor.role !== "admin") throw new AppError("forbidden", "Only admins can sign other console users out.");
    const user = await db.consoleUser.findUnique({ where: { id: input.id }, select: { id: true, email: true } });
    if (!user) throw new AppError("not_found", "This console user does not exist.");
    const sessionsEnded = await revokeConsoleUserSessions(user.id, "sign_out_everywhere");
    return { id: user.id, email: user.email, sessionsEnded };
  },
};

export const unlockSignInInput = z.object({
  scope: z.enum(["console", "app"]),
  email: z.email().max(254).transform((e) => e.toLowerCase()),
});

export type SignInUnlocked = { scope: "console" | "app"; email: string; countersCleared: number };

/** Lifts the sign-in lockouts of one console or app account (every client address). */
export const unlockSignInSpec: ActionSpec<z.output<typeof unlockSignInInput>, SignInUnlocked> = {
  name: "sign_in.unlock",
  role: "admin",
  input: unlockSignInInput,
  target: (input) => ({ type: input.scope === "console" ? "console_user" : "app_user", id: input.email }),
  run: async (input) => ({ scope: input.scope, email: input.email, countersCleared: await unlockSignIn(input.scope, input.email) }),
};
