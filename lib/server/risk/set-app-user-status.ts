import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isRecordNotFound } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";

// Pausing an app user stops their withdrawals at the risk-control callback (every callback for
// their wallets answers "deny" until unpaused). It does not sign them out or touch their vault:
// deposits, balances and key management keep working, and unpausing restores withdrawals at once.

export const appUserStatusInput = z.object({ userId: z.guid() });

export type AppUserStatus = { id: string; email: string; status: "active" | "paused" };

/** Sets an app user's status (idempotent: pausing a paused user changes nothing). */
export async function setAppUserStatus(userId: string, status: "active" | "paused"): Promise<AppUserStatus> {
  try {
    const user = await db.user.update({ where: { id: userId }, data: { status }, select: { id: true, email: true } });
    return { ...user, status };
  } catch (error) {
    if (isRecordNotFound(error)) throw new AppError("not_found", "This app user does not exist.");
    throw error;
  }
}
