import "server-only";
import { db } from "@/lib/db/client";
import { isoString, isoStringOrNull } from "@/lib/server/console/serialize";

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
  createdAt: string;
};

/** Every console user: active ones first, then by email. */
export async function listConsoleUsers(): Promise<ConsoleUserRow[]> {
  const rows = await db.consoleUser.findMany({
    orderBy: [{ disabled: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, disabled: true, oidcSubject: true, lastSignInAt: true, createdAt: true },
  });
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    sso: u.oidcSubject !== null,
    lastSignInAt: isoStringOrNull(u.lastSignInAt),
    createdAt: isoString(u.createdAt),
  }));
}
