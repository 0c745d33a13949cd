import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { processSlot } from "@/lib/process-state";
import { hashRefreshToken, newRefreshToken, signAccessToken } from "@/lib/server/app-users/tokens";

// App sessions: one per signed-in app. Refresh tokens rotate on every use; presenting a token that
// was already used means it was stolen or replayed, so the whole session is revoked (short of an
// immediate retry of a refresh whose answer was lost, see refreshSession).

export type TokenPair = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  refresh_expires_in: number;
};

/** Opens a session for a user and returns its first token pair. */
export async function openSession(userId: string, userAgent: string | null): Promise<TokenPair> {
  const env = getEnv();
  const refresh = newRefreshToken();
  const expiresAt = new Date(Date.now() + env.APP_REFRESH_TOKEN_TTL_SECONDS * 1000);
  const session = await db.appSession.create({
    data: {
      userId,
      userAgent: userAgent?.slice(0, 300) ?? null,
      expiresAt,
      refreshTokens: { create: { tokenHash: refresh.hash, expiresAt } },
    },
    select: { id: true },
  });
  const access = await signAccessToken({ userId, sessionId: session.id });
  return {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: access.expiresIn,
    refresh_token: refresh.token,
    refresh_expires_in: env.APP_REFRESH_TOKEN_TTL_SECONDS,
  };
}

const invalid = () => new AppError("unauthenticated", "The refresh token is invalid or expired. Sign in again.");

type RefreshOutcome =
  { kind: "ok"; userId: string; sessionId: string; retry: boolean } | { kind: "invalid" } | { kind: "reused"; sessionId: string };

/**
 * Exchanges a refresh token for a new pair (rotation). A spent token presented again means it was
 * stolen or replayed, so the session is revoked; except for an app retrying a refresh whose answer
 * it never received: the same token again within APP_REFRESH_REUSE_GRACE_SECONDS of its first use,
 * while the token it was rotated into is still unused. That retry gets a fresh pair, and the pair
 * it never received is retired (presenting that one later counts as reuse).
 */
export async function refreshSession(refreshToken: string): Promise<TokenPair> {
  const env = getEnv();
  const hash = hashRefreshToken(refreshToken);
  const next = newRefreshToken();
  const now = new Date();
  const graceMs = env.APP_REFRESH_REUSE_GRACE_SECONDS * 1000;
  const expiresAt = new Date(now.getTime() + env.APP_REFRESH_TOKEN_TTL_SECONDS * 1000);
  const result = await db.$transaction(async (tx): Promise<RefreshOutcome> => {
    const issue = async (sessionId: string) => {
      const created = await tx.refreshToken.create({ data: { sessionId, tokenHash: next.hash, expiresAt }, select: { id: true } });
      await tx.appSession.update({ where: { id: sessionId }, data: { lastUsedAt: now, expiresAt } });
      return created.id;
    };
    // Twice at most: a refresh racing another one with the same token reads it again once the
    // other has claimed it, and is then a retry.
    for (let pass = 0; pass < 2; pass++) {
      const row = await tx.refreshToken.findUnique({
        where: { tokenHash: hash },
        select: {
          id: true,
          usedAt: true,
          expiresAt: true,
          replacedById: true,
          session: { select: { id: true, userId: true, revokedAt: true, expiresAt: true } },
        },
      });
      if (!row) return { kind: "invalid" };
      const { session } = row;
      const live = !session.revokedAt && session.expiresAt > now && row.expiresAt > now;
      if (!row.usedAt) {
        if (!live) return { kind: "invalid" };
        // Claim the token atomically: of two concurrent refreshes with the same token only one wins.
        const claimed = await tx.refreshToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
        if (claimed.count !== 1) continue;
        const successor = await issue(session.id);
        await tx.refreshToken.update({ where: { id: row.id }, data: { replacedById: successor } });
        return { kind: "ok", userId: session.userId, sessionId: session.id, retry: false };
      }
      const withinGrace = graceMs > 0 && now.getTime() - row.usedAt.getTime() <= graceMs;
      if (live && withinGrace && row.replacedById) {
        // Retire the successor the app never received, if it is still unused.
        const retired = await tx.refreshToken.updateMany({ where: { id: row.replacedById, usedAt: null }, data: { usedAt: now } });
        if (retired.count === 1) {
          const successor = await issue(session.id);
          await tx.refreshToken.update({ where: { id: row.id }, data: { replacedById: successor } });
          return { kind: "ok", userId: session.userId, sessionId: session.id, retry: true };
        }
        // Spent meanwhile: rotated onward by its holder (reuse), or retired by a concurrent retry
        // of this same refresh, which got the new pair (no reuse, but nothing to give this one).
        const successor = await tx.refreshToken.findUnique({ where: { id: row.replacedById }, select: { replacedById: true } });
        if (successor && !successor.replacedById) return { kind: "invalid" };
      }
      if (!session.revokedAt) await tx.appSession.update({ where: { id: session.id }, data: { revokedAt: now } });
      return { kind: "reused", sessionId: session.id };
    }
    return { kind: "invalid" };
  });
  // The session was revoked (reuse) or extended (rotation): readings of it are out of date.
  if (result.kind !== "invalid") forgetSessionCheck(result.sessionId);
  if (result.kind === "reused") {
    logger.warn({ event: "app_auth.refresh_reuse", sessionId: result.sessionId }, "a spent refresh token was presented; session revoked");
    throw invalid();
  }
  if (result.kind !== "ok") throw invalid();
  if (result.retry)
    logger.info({ event: "app_auth.refresh_retry", sessionId: result.sessionId }, "refresh retried within the grace window");
  const access = await signAccessToken({ userId: result.userId, sessionId: result.sessionId });
  return {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: access.expiresIn,
    refresh_token: next.token,
    refresh_expires_in: env.APP_REFRESH_TOKEN_TTL_SECONDS,
  };
}

/** Revokes a session: its access tokens stop working at once (on other instances within SESSION_CHECK_TTL_MS), its refresh tokens too. */
export async function revokeSession(sessionId: string, userId: string): Promise<void> {
  await db.appSession.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  forgetSessionCheck(sessionId);
}

/**
 * How long an instance trusts what it read about a session (signed in or not) before reading it
 * again. The instance that revokes a session forgets its own reading at once, so there the
 * session's access tokens stop at once; another instance of the app stops accepting them within
 * this bound. It saves the session query on all but one request per session per interval.
 */
export const SESSION_CHECK_TTL_MS = 2_000;
const SESSION_CHECKS_MAX = 50_000;

type SessionState = { userId: string; revoked: boolean; expiresAt: number } | null;
type SessionCheck = { readAt: number; state: Promise<SessionState> };

/** Recent readings of sessions, by session id (process state: every route's module copy shares it). */
const sessionChecksSlot = processSlot("appSessionChecks", () => new Map<string, SessionCheck>(), { envDerived: true });

function forgetSessionCheck(sessionId: string): void {
  sessionChecksSlot.peek()?.delete(sessionId);
}

/** True while a session may be used (exists for that user, not revoked, not expired); see SESSION_CHECK_TTL_MS. */
export async function isSessionActive(sessionId: string, userId: string): Promise<boolean> {
  const checks = sessionChecksSlot.get();
  const now = Date.now();
  let check = checks.get(sessionId);
  if (!check || now - check.readAt >= SESSION_CHECK_TTL_MS) {
    // One reading per session at a time: concurrent requests of one session share it.
    const state: Promise<SessionState> = db.appSession
      .findUnique({ where: { id: sessionId }, select: { userId: true, revokedAt: true, expiresAt: true } })
      .then((s) => s && { userId: s.userId, revoked: s.revokedAt !== null, expiresAt: s.expiresAt.getTime() });
    const fresh: SessionCheck = { readAt: now, state };
    checks.delete(sessionId);
    if (checks.size >= SESSION_CHECKS_MAX) checks.delete(checks.keys().next().value!);
    checks.set(sessionId, fresh);
    state.catch(() => {
      if (checks.get(sessionId) === fresh) checks.delete(sessionId); // a failed reading is not kept
    });
    check = fresh;
  }
  const s = await check.state;
  return Boolean(s && s.userId === userId && !s.revoked && s.expiresAt > Date.now());
}
