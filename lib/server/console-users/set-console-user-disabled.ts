import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isRecordNotFound } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { auditReason } from "@/lib/server/audit/reason";
import { revokeConsoleUserSessions } from "@/lib/server/console-users/console-sessions";

// Disabling is how a console account is removed: the row stays (the audit log names it), the
// account can no longer sign in or act, and its open sessions end. An admin cannot disable themselves, so a mis-click never
// locks the acting admin out, and there is always at least one admin left who can undo a mistake.

/** The console form's input: which user, and the admin's reason (kept in the audit log). */
export const setConsoleUserDisabledInput = z.object({ id: z.guid("Unknown console user."), reason: auditReason });

export type ConsoleUserStatus = { id: string; email: string; disabled: boolean };

/** Disables or enables a console user; `actorId` may not disable their own account. */
export async function setConsoleUserDisabled(input: { id: string; disabled: boolean; actorId: string }): Promise<ConsoleUserStatus> {
  if (input.disabled && input.id === input.actorId) throw new AppError("forbidden", "You cannot disable your own account.");
  try {
    // Disabling also revokes the user's sessions, so re-enabling later does not revive old cookies.
    return await db.$transaction(async (tx) => {
      const user = await tx.consoleUser.update({
        where: { id: input.id },
        data: { disabled: input.disabled },
        select: { id: true, email: true, disabled: true },
      });
      if (input.disabled) await revokeConsoleUserSessions(user.id, "disabled", tx);
      return user;
    });
  } catch (error) {
    if (isRecordNotFound(error)) throw new AppError("not_found", "This console user does not exist.");
    throw error;
  }
}
