import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { hashRefreshToken, newRefreshToken, signAccessToken } from "@/lib/server/app-auth/tokens";

// App sessions: one per signed-in app. Refresh tokens rotate on every use; presenting a token that
// was already used means it was stolen or replayed, so the whole session is revoked.

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

/** Exchanges a refresh token for a new pair (rotation); reuse of a spent token revokes the session. */
export async function refreshSession(refreshToken: string): Promise<TokenPair> {
  const env = getEnv();
  const hash = hashRefreshToken(refreshToken);
  const next = newRefreshToken();
  const now = new Date();
  const result = await db.$transaction(async (tx) => {
    const row = await tx.refreshToken.findUnique({
      where: { tokenHash: hash },
      select: { id: true, usedAt: true, expiresAt: true, session: { select: { id: true, userId: true, revokedAt: true, expiresAt: true } } },
    });
    if (!row) return { kind: "invalid" as const };
    if (row.usedAt) {
      await tx.appSession.update({ where: { id: row.session.id }, data: { revokedAt: row.session.revokedAt ?? now } });
      return { kind: "reused" as const, sessionId: row.session.id };
    }
    if (row.session.revokedAt || row.expiresAt <= now || row.session.expiresAt <= now) return { kind: "invalid" as const };
    // Claim the token atomically: of two concurrent refreshes with the same token only one wins.
    const claimed = await tx.refreshToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return { kind: "invalid" as const };
    const expiresAt = new Date(now.getTime() + env.APP_REFRESH_TOKEN_TTL_SECONDS * 1000);
    await tx.refreshToken.create({ data: { sessionId: row.session.id, tokenHash: next.hash, expiresAt } });
    await tx.appSession.update({ where: { id: row.session.id }, data: { lastUsedAt: now, expiresAt } });
    return { kind: "ok" as const, userId: row.session.userId, sessionId: row.session.id };
  });
  if (result.kind === "reused") {
    logger.warn({ event: "app_auth.refresh_reuse", sessionId: result.sessionId }, "a spent refresh token was presented; session revoked");
    throw invalid();
  }
  if (result.kind !== "ok") throw invalid();
  const access = await signAccessToken({ userId: result.userId, sessionId: result.sessionId });
  return {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: access.expiresIn,
    refresh_token: next.token,
    refresh_expires_in: env.APP_REFRESH_TOKEN_TTL_SECONDS,
  };
}

/** Revokes a session: its access tokens stop working at once, its refresh tokens too. */
export async function revokeSession(sessionId: string, userId: string): Promise<void> {
  await db.appSession.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** True while a session may be used (exists for that user, not revoked, not expired). */
export async function isSessionActive(sessionId: string, userId: string): Promise<boolean> {
  const s = await db.appSession.findFirst({ where: { id: sessionId, userId }, select: { revokedAt: true, expiresAt: true } });
  return Boolean(s && !s.revokedAt && s.expiresAt > new Date());
}
