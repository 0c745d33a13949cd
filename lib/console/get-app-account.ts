import "server-only";
import { db } from "@/lib/db/client";
import { signInAccountKey } from "@/lib/server/rate-limit/sign-in-lockout";
import { isoString, isoStringOrNull } from "@/lib/serialize";

// An app user's account as support sees it: how they sign in, their sessions (live ones, then the
// ten most recently ended) and whether sign-in failures are on record against the account.

export type AppSessionRow = {
  id: string;
  method: string;
  userAgent: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  endedAt: string | null;
  state: "active" | "ended" | "expired";
};

export type AppAccount = {
  signInMethod: "password" | "identity_provider";
  sessions: AppSessionRow[];
  liveSessions: number;
  /** failure counters on record against the account (any client); unlocking clears them */
  signInFailureCounters: number;
};

const ENDED_SHOWN = 10;

export async function getAppAccount(userId: string, email: string): Promise<AppAccount> {
  const now = new Date();
  const account = signInAccountKey(email);
  const select = { id: true, method: true, userAgent: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;
  const [user, live, ended, counters] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, externalSubject: true } }),
    db.appSession.findMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" }, select }),
    db.appSession.findMany({
      where: { userId, OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }] },
      orderBy: { createdAt: "desc" },
      take: ENDED_SHOWN,
      select,
    }),
    db.rateLimitCounter.count({
      where: {
        points: { gt: 0 },
        OR: [{ expire: null }, { expire: { gt: now } }],
        AND: [{ OR: [{ key: `app_sign_in_account:${account}` }, { key: { startsWith: `app_sign_in_account_client:${account}|` } }] }],
      },
    }),
  ]);
  const row = (s: (typeof live)[number]): AppSessionRow => ({
    id: s.id,
    method: s.method,
    userAgent: s.userAgent ? s.userAgent.slice(0, 200) : null,
    createdAt: isoString(s.createdAt),
    lastUsedAt: isoStringOrNull(s.lastUsedAt),
    expiresAt: isoString(s.expiresAt),
    endedAt: isoStringOrNull(s.revokedAt),
    state: s.revokedAt ? "ended" : s.expiresAt <= now ? "expired" : "active",
  });
  return {
    signInMethod: !user?.passwordHash && user?.externalSubject ? "identity_provider" : "password",
    sessions: [...live.map(row), ...ended.map(row)],
    liveSessions: live.length,
    signInFailureCounters: counters,
  };
}
