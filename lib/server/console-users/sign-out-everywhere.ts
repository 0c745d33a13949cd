import "server-only";
import { z } from "zod";
import type { ConsoleActor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { auditReason } from "@/lib/server/audit/reason";
import { revokeConsoleUserSessions } from "@/lib/server/console-users/console-sessions";

// "Sign out everywhere": any console user for their own account, admins for anyone. Every session
// of the user ends at once (the caller's current one too when it is their own).
//
// Naming a user (`id`) takes a reason, kept in the audit log: that is how an admin ends someone
// else's sessions. Leaving `id` out means "my own account": it only asks for a confirmation in the
// form, and a reason is optional. So a call that names a user without a reason is refused by the
// schema, whoever makes it.

export const signOutEverywhereInput = z
  .object({ id: z.guid("Unknown console user.").optional(), reason: auditReason.optional() })
  .refine((input) => input.id === undefined || input.reason !== undefined, {
    path: ["reason"],
    message: "Give a reason (at least 3 characters).",
  });

export type SignedOutEverywhere = { id: string; email: string; sessionsEnded: number };

/** Ends every session of console user `id`; support staff may do it for themselves only. */
export async function signOutEverywhere(id: string, actor: ConsoleActor): Promise<SignedOutEverywhere> {
  if (id !== actor.id && actor.role !== "admin") throw new AppError("forbidden", "Only admins can sign other console users out.");
  const user = await db.consoleUser.findUnique({ where: { id }, select: { id: true, email: true } });
  if (!user) throw new AppError("not_found", "This console user does not exist.");
  const sessionsEnded = await revokeConsoleUserSessions(user.id, "sign_out_everywhere");
  return { id: user.id, email: user.email, sessionsEnded };
}
