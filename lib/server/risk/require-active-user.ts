import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Pausing an app user (set-app-user-status.ts) freezes everything that changes their keys or moves
// their money, whoever asks (the Client App or a console admin on their behalf):
//   - Main Group key generation, Recovery Group creation, recovery onto a new device;
//   - transfers (and, at Cobo, every withdrawal's risk-control callback answers "deny");
//   - the disaster-recovery export (what the offline tool needs to rebuild the root key).
// It is a 403: the request is understood and the caller is known, but this account may not do it
// until an admin unpauses it. Reads, reports, cancelling a pending request or transfer (which only
// stops things), signing in, and vaults, wallets and addresses (no key material, no money) keep
// working, so the app can still show the user what is going on.

export const PAUSED_OPERATIONS = [
  "Main Group creation",
  "Recovery Group creation",
  "recovery",
  "transfers",
  "disaster-recovery export",
] as const;

export type PausedOperation = (typeof PAUSED_OPERATIONS)[number];

/** Throws 403 when the app user is paused (404 when there is no such user). */
export async function requireActiveUser(userId: string, operation: PausedOperation, who: "self" | "admin" = "self"): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { status: true } });
  if (!user) throw new AppError("not_found", "This app user does not exist.");
  if (user.status === "active") return;
  throw new AppError(
    "forbidden",
    who === "self"
      ? `Your account is paused: ${operation} is refused. Contact support.`
      : `This app user is paused: ${operation} is refused until an admin unpauses them.`,
  );
}
