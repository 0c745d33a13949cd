import "server-only";
import { db } from "@/lib/db/client";
import { isoStringOrNull } from "@/lib/serialize";
import type { ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { PENDING_MINUTES, totpRequiredFor } from "@/lib/server/console-users/two-factor";

// What the two-factor part of Settings shows the signed-in console user about their own account.
// Never the secret, active or pending.

export type TwoFactorStatus = {
  /** TOTP is on: sign-in asks for a code */
  enabled: boolean;
  enabledAt: string | null;
  /** this user's role must have it on this deployment (CONSOLE_ADMIN_TOTP=required, admins) */
  required: boolean;
  /** how long a started set-up waits for its code */
  pendingMinutes: number;
};

export async function getTwoFactorStatus(user: Pick<ConsoleIdentity, "id" | "role">): Promise<TwoFactorStatus> {
  const row = await db.consoleUser.findUnique({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
  const enabledAt = row !== null && row.totpSecret !== null ? row.totpEnabledAt : null;
  return {
    enabled: enabledAt !== null,
    enabledAt: isoStringOrNull(enabledAt),
    required: totpRequiredFor(user.role),
    pendingMinutes: PENDING_MINUTES,
  };
}
