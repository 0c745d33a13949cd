import "server-only";
import { z } from "zod";
import type { ConsoleActor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { getEnv, requireEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import type { ConsoleRole } from "@/lib/server/console-users/console-users";
import {
  checkTotpCode,
  decryptTotpSecret,
  encryptTotpSecret,
  newTotpSecret,
  totpUri,
  type TotpCheck,
} from "@/lib/server/console-users/totp";
import { clearConsoleUserTotp, TOTP_CLEARED, type TotpCleared } from "@/lib/server/console-users/totp-reset";

// The TOTP second factor of a console user (the codes themselves: totp.ts):
//
// - enrolment: `startTotpEnrolment` makes a new secret, kept encrypted as the pending one, and
//   answers it once (for the QR code and to type in); `confirmTotpEnrolment` makes it the active
//   one when a current code of it is given, within PENDING_MINUTES. Replacing an active
//   authenticator the same way needs a current code of the active one first.
// - turning it off needs a current code, and is refused to admins while CONSOLE_ADMIN_TOTP=required;
//   an admin resets another console user's (audited by the console action), the console-user
//   command anyone's.
// - every accepted code moves the user's last accepted step forward in one conditional update, so
//   a code (or an older one) is accepted once, however many requests race with it.
// - while CONSOLE_ADMIN_TOTP=required, an admin without TOTP may only enrol: `mustEnrolTotp` is what
//   pages, console actions and console routes ask.
//
// The secret never leaves this file except in `startTotpEnrolment`'s answer: not in logs, audit
// details, or any other answer.

/** How long a started enrolment waits for its confirming code. */
export const PENDING_MINUTES = 15;

/** What an admin who must set up TOTP is told by everything else they try. */
export const TWO_FACTOR_REQUIRED_MESSAGE =
  "Set up two-factor authentication first: admins of this deployment must use it. Open Settings → Two-factor authentication.";

const codeField = z.string().trim().max(32);

export const startTotpEnrolmentInput = z.object({ currentCode: codeField.optional() });
export const confirmTotpEnrolmentInput = z.object({ code: codeField });
export const disableTotpInput = z.object({ code: codeField });
export const resetConsoleUserTotpInput = z.object({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
});

export type TotpEnrolment = {
  /** the new secret in base32, to type into an authenticator app (shown this once) */
  secret: string;
  /** the otpauth:// URI the QR code carries */
  uri: string;
  /** until when a code must confirm it */
  expiresAt: string;
};

type TotpState = {
  id: string;
  email: string;
  role: ConsoleRole;
  totpSecret: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  totpPendingSecret: string | null;
  totpPendingAt: Date | null;
};

const STATE_SELECT = {
  id: true,
  email: true,
  role: true,
  totpSecret: true,
  totpEnabledAt: true,
  totpLastStep: true,
  totpPendingSecret: true,
  totpPendingAt: true,
} as const;

/** Whether console users of `role` must have TOTP on this deployment. */
export function totpRequiredFor(role: ConsoleRole, setting: "required" | "optional" = getEnv().CONSOLE_ADMIN_TOTP): boolean {
  return role === "admin" && setting === "required";
}

function isOn<T extends Pick<TotpState, "totpSecret" | "totpEnabledAt">>(user: T): user is T & { totpSecret: string; totpEnabledAt: Date } {
  return user.totpSecret !== null && user.totpEnabledAt !== null;
}

/** Whether TOTP is on for this console user. */
export async function hasTotp(consoleUserId: string): Promise<boolean> {
  const row = await db.consoleUser.findUnique({ where: { id: consoleUserId }, select: { totpSecret: true, totpEnabledAt: true } });
  return row !== null && isOn(row);
}

/**
 * Whether this console user may do nothing but set up TOTP: an admin without it while it is
 * required. Uses what the session read found (`totpOn`), and reads the database only when that is
 * absent and the setting and the role make it possible.
 */
export async function mustEnrolTotp(user: { id: string; role: ConsoleRole; totpOn?: boolean }): Promise<boolean> {
  if (!totpRequiredFor(user.role)) return false;
  return !(user.totpOn ?? (await hasTotp(user.id)));
}

async function loadState(consoleUserId: string): Promise<TotpState> {
  const user = await db.consoleUser.findUnique({ where: { id: consoleUserId }, select: STATE_SELECT });
  if (!user) throw new AppError("not_found", "This console user does not exist.");
  return user;
}

function authSecret(): string {
  return requireEnv("AUTH_SECRET");
}

function codeRefused(field: string, reason: Exclude<TotpCheck, { ok: true }>["reason"] | "unreadable"): AppError {
  const message =
    reason === "malformed"
      ? "Enter the 6-digit code your authenticator app shows."
      : reason === "replayed"
        ? "That code was already used. Wait for the next one and enter it."
        : "That code is not right. Enter the code your authenticator app shows now.";
  return new AppError("invalid_input", message, { issues: [{ path: field, message }] });
}

/**
 * Accepts a code of the user's active secret at `now`, moving the last accepted step forward; or
 * says why not. The conditional update makes a code good for one use, even among racing requests.
 */
async function acceptCode(
  user: TotpState,
  code: string | undefined,
  now: Date,
): Promise<"ok" | Exclude<TotpCheck, { ok: true }>["reason"] | "unreadable"> {
  if (!isOn(user)) return "wrong";
  const secret = decryptTotpSecret(user.totpSecret, user.id, authSecret());
  if (secret === null) {
    // AUTH_SECRET changed since the user enrolled (or the row was altered): no code can be right.
    logger.error({ event: "console.totp_secret_unreadable", consoleUserId: user.id }, "a console user's TOTP secret does not decrypt");
    return "unreadable";
  }
  const check = checkTotpCode(secret, code, now, user.totpLastStep);
  if (!check.ok) return check.reason;
  const { count } = await db.consoleUser.updateMany({
    where: { id: user.id, totpSecret: user.totpSecret, OR: [{ totpLastStep: null }, { totpLastStep: { lt: check.step } }] },
    data: { totpLastStep: check.step },
  });
  return count === 1 ? "ok" : "replayed";
}

/**
 * The second factor of a password sign-in: `not_enrolled` (TOTP is off: the password is enough),
 * `missing` (it is on and no code came), `accepted` or `refused` (wrong, malformed or replayed).
 */
export async function checkSignInTotp(
  consoleUserId: string,
  code: string | undefined,
  now: Date = new Date(),
): Promise<"not_enrolled" | "missing" | "accepted" | "refused"> {
  const user = await db.consoleUser.findUnique({ where: { id: consoleUserId }, select: STATE_SELECT });
  if (!user || !isOn(user)) return "not_enrolled";
  if (code === undefined || code.trim() === "") return "missing";
  const result = await acceptCode(user, code, now);
  if (result === "ok") return "accepted";
  logger.warn({ event: "console.sign_in_totp_refused", consoleUserId, reason: result }, "console sign-in: TOTP code refused");
  return "refused";
}

/**
 * Starts an enrolment for the signed-in user: a new secret, kept (encrypted) until confirmed, and
 * answered this once. With TOTP already on, a current code of the active secret must come too
 * (replacing the authenticator); the active one stays on until the new one is confirmed.
 */
export async function startTotpEnrolment(
  actor: ConsoleActor,
  currentCode: string | undefined,
  now: Date = new Date(),
): Promise<TotpEnrolment> {
  const user = await loadState(actor.id);
  if (isOn(user)) {
    const accepted = await acceptCode(user, currentCode, now);
    if (accepted !== "ok") throw codeRefused("currentCode", accepted);
  }
  const secret = newTotpSecret();
  await db.consoleUser.update({
    where: { id: user.id },
    data: { totpPendingSecret: encryptTotpSecret(secret, user.id, authSecret()), totpPendingAt: now },
  });
  logger.info({ event: "console.totp_enrolment_started", consoleUserId: user.id }, "console user started a TOTP enrolment");
  return { secret, uri: totpUri(secret, user.email), expiresAt: new Date(now.getTime() + PENDING_MINUTES * 60_000).toISOString() };
}

/** Confirms the waiting enrolment with a current code of its secret: from now on sign-in asks for a code. */
export async function confirmTotpEnrolment(actor: ConsoleActor, code: string, now: Date = new Date()): Promise<{ enabledAt: string }> {
  const user = await loadState(actor.id);
  const expired = !user.totpPendingAt || user.totpPendingAt.getTime() + PENDING_MINUTES * 60_000 < now.getTime();
  if (!user.totpPendingSecret || expired)
    throw new AppError("conflict", "No two-factor set-up is waiting for a code (or it expired). Start again.");
  const secret = decryptTotpSecret(user.totpPendingSecret, user.id, authSecret());
  if (secret === null) throw new AppError("conflict", "This two-factor set-up can no longer be read. Start again.");
  const check = checkTotpCode(secret, code, now, null);
  if (!check.ok) throw codeRefused("code", check.reason);
  const { count } = await db.consoleUser.updateMany({
    where: { id: user.id, totpPendingSecret: user.totpPendingSecret },
    data: {
      totpSecret: user.totpPendingSecret,
      totpEnabledAt: now,
      totpLastStep: check.step,
      totpPendingSecret: null,
      totpPendingAt: null,
    },
  });
  if (count !== 1) throw new AppError("conflict", "This two-factor set-up was replaced meanwhile. Start again.");
  logger.info({ event: "console.totp_enabled", consoleUserId: user.id }, "console user turned TOTP on");
  return { enabledAt: now.toISOString() };
}

/** Turns the signed-in user's TOTP off with a current code; refused to admins while it is required. */
export async function disableTotp(actor: ConsoleActor, code: string, now: Date = new Date()): Promise<{ disabled: true }> {
  if (totpRequiredFor(actor.role))
    throw new AppError(
      "forbidden",
      "Admins of this deployment must use two-factor authentication, so it cannot be turned off. To move to a new authenticator, set it up again; another admin can reset it.",
    );
  const user = await loadState(actor.id);
  if (!isOn(user)) throw new AppError("conflict", "Two-factor authentication is not on for your account.");
  const accepted = await acceptCode(user, code, now);
  if (accepted !== "ok") throw codeRefused("code", accepted);
  await db.consoleUser.update({ where: { id: user.id }, data: TOTP_CLEARED });
  logger.info({ event: "console.totp_disabled", consoleUserId: user.id }, "console user turned TOTP off");
  return { disabled: true };
}

/**
 * An admin turns another console user's TOTP off (a lost phone): they sign in with their password
 * alone until they set it up again (admins at once, while it is required). Not for your own
 * account: turning yours off needs a code, and is refused while it is required.
 */
export async function resetConsoleUserTotp(email: string, actor: ConsoleActor): Promise<TotpCleared> {
  if (actor.role !== "admin") throw new AppError("forbidden", "Only admins can reset another console user's two-factor authentication.");
  const target = await db.consoleUser.findUnique({ where: { email }, select: { id: true } });
  if (!target) throw new AppError("not_found", "There is no console user with this email.");
  if (target.id === actor.id)
    throw new AppError(
      "forbidden",
      "You cannot reset your own two-factor authentication here: turn it off or set it up again under Your account.",
    );
  const cleared = await clearConsoleUserTotp({ id: target.id });
  if (!cleared) throw new AppError("not_found", "There is no console user with this email.");
  logger.info({ event: "console.totp_reset", consoleUserId: cleared.id, wasOn: cleared.wasOn }, "an admin reset a console user's TOTP");
  return cleared;
}
