import "server-only";
import { db } from "@/lib/db/client";
import { isoString, isoStringOrNull } from "@/lib/serialize";

// A console user's own sessions as Settings shows them: the live ones, then the five most recently
// ended or expired, with how each ended. Session ids are not shown (the cookie names one).

export type ConsoleSessionRow = {
  id: string;
  method: string;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
  endedBecause: string | null;
  state: "active" | "ended" | "expired";
};

const ENDED_SHOWN = 5;

export async function listConsoleSessions(consoleUserId: string): Promise<ConsoleSessionRow[]> {
  const now = new Date();
  const select = { id: true, method: true, createdAt: true, expiresAt: true, revokedAt: true, revokedReason: true } as const;
  const [live, ended] = await Promise.all([
    db.consoleSession.findMany({
      where: { consoleUserId, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select,
    }),
    db.consoleSession.findMany({
      where: { consoleUserId, OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }] },
      orderBy: { createdAt: "desc" },
      take: ENDED_SHOWN,
      select,
    }),
  ]);
  return [...live, ...ended].map((s) => ({
    id: s.id,
    method: s.method,
    createdAt: isoString(s.createdAt),
    expiresAt: isoString(s.expiresAt),
    endedAt: isoStringOrNull(s.revokedAt),
    endedBecause: s.revokedReason,
    state: s.revokedAt ? "ended" : s.expiresAt <= now ? "expired" : "active",
  }));
}
