import "server-only";
import { z } from "zod";
import { renderActor, type Actor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { isRecordNotFound } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";

// Pausing an app user freezes every operation that changes their keys or moves their money, from
// the Client API and from console actions alike (require-active-user.ts lists them), and the
// risk-control callback denies their withdrawals at Cobo until they are unpaused. It does not sign
// them out: reads, deposits, balances and cancelling pending requests keep working. Every pause
// carries a reason, stored on the user (shown on their console page) and in the audit log.

export const PAUSE_REASON_MAX = 500;

const userId = z.guid("Unknown app user.");
const reason = z
  .string("Give a reason.")
  .trim()
  .min(3, "Give a reason (at least 3 characters).")
  .max(PAUSE_REASON_MAX, `A reason has at most ${PAUSE_REASON_MAX} characters.`);

export const pauseAppUserInput = z.object({ userId, reason });
/** Unpausing needs a reason too (it may need a second admin's approval: lib/http/console-action.ts). */
export const unpauseAppUserInput = z.object({ userId, reason });

export type AppUserStatus = {
  id: string;
  email: string;
  status: "active" | "paused";
  pausedAt: string | null;
  pausedBy: string | null;
  pauseReason: string | null;
};

/**
 * Pauses an app user with a reason (`by`: the console admin). Pausing a paused user keeps the first
 * pause's time and author and replaces the reason, so the page shows the latest word.
 */
export async function pauseAppUser(userId: string, reason: string, by: Actor): Promise<AppUserStatus> {
  return update(userId, async () => {
    const current = await db.user.findUnique({ where: { id: userId }, select: { status: true, pausedAt: true, pausedBy: true } });
    const already = current?.status === "paused" && current.pausedAt;
    return {
      status: "paused",
      pauseReason: reason,
      pausedAt: already ? current.pausedAt : new Date(),
      pausedBy: already ? current.pausedBy : renderActor(by),
    };
  });
}

/** Unpauses an app user (idempotent); the pause's record stays in the audit log. */
export async function unpauseAppUser(userId: string): Promise<AppUserStatus> {
  return update(userId, async () => ({ status: "active", pauseReason: null, pausedAt: null, pausedBy: null }));
}

async function update(
  userId: string,
  data: () => Promise<{ status: "active" | "paused"; pauseReason: string | null; pausedAt: Date | null; pausedBy: string | null }>,
): Promise<AppUserStatus> {
  try {
    const user = await db.user.update({
      where: { id: userId },
      data: await data(),
      select: { id: true, email: true, status: true, pausedAt: true, pausedBy: true, pauseReason: true },
    });
    return { ...user, status: user.status === "paused" ? "paused" : "active", pausedAt: user.pausedAt?.toISOString() ?? null };
  } catch (error) {
    if (isRecordNotFound(error)) throw new AppError("not_found", "This app user does not exist.");
    throw error;
  }
}
