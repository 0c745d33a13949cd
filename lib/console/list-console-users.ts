import "server-only";
import { db } from "@/lib/db/client";
import { isoString, isoStringOrNull } from "@/lib/serialize";

// Console accounts are few (a team, not a customer base): one list, no paging. Password hashes
// and OIDC subjects are never selected.

export type ConsoleUserRow = {
  id: string;
  email: string;
  name: string | null;
  role: "admin" | "support";
  disabled: boolean;
  /** signs in through the configured OIDC provider (may have no password) */
  sso: boolean;
  lastSignInAt: string | null;
  /** sessions neither ended nor expired */
  liveSessions: number;
  createdAt: string;
};

/** Every console user: active ones first, then by email. */
export async function listConsoleUsers(): Promise<ConsoleUserRow[]> {
  const now = new Date();
  const rows = await db.consoleUser.findMany({
    orderBy: [{ disabled: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      oidcSubject: true,
      lastSignInAt: true,
      createdAt: true,
      _count: { select: { sessions: { where: { revokedAt: null, expiresAt: { gt: now } } } } },
    },
  });
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    sso: u.oidcSubject !== null,
    lastSignInAt: isoStringOrNull(u.lastSignInAt),
    liveSessions: u._count.sessions,
    createdAt: isoString(u.createdAt),
  }));
}
