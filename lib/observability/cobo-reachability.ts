import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readSetting, writeSetting } from "@/lib/db/system-settings";

// What the last Cobo health probe (checkHealth, behind /api/health) found, shared by every
// instance through system_settings, so the console can say "Cobo unreachable since …" without a
// call to Cobo per page view. A probe writes only when the state changes (or, to keep "last
// checked" fresh, when the stored check is older than REFRESH_MS): load-balancer probes stay cheap.

export const COBO_REACHABILITY_KEY = "health.cobo";
const REFRESH_MS = 60_000;

export type CoboReachability = {
  status: "ok" | "down";
  /** when the current status was first seen (ISO) */
  since: string;
  /** when a probe last confirmed it (ISO) */
  checkedAt: string;
  detail: string | null;
};

function parse(value: unknown): CoboReachability | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if ((v.status !== "ok" && v.status !== "down") || typeof v.since !== "string" || typeof v.checkedAt !== "string") return null;
  return { status: v.status, since: v.since, checkedAt: v.checkedAt, detail: typeof v.detail === "string" ? v.detail : null };
}

/** The last probe's finding, or null when no probe has run yet. */
export async function readCoboReachability(): Promise<CoboReachability | null> {
  return parse(await readSetting<Prisma.InputJsonObject>(COBO_REACHABILITY_KEY));
}

/** Records a probe's result (see the top of this file); returns what is stored now. */
export async function recordCoboProbe(status: "ok" | "down", detail: string | null, at = new Date()): Promise<CoboReachability> {
  const previous = await readCoboReachability();
  const changed = !previous || previous.status !== status;
  const next: CoboReachability = {
    status,
    since: changed ? at.toISOString() : previous.since,
    checkedAt: at.toISOString(),
    detail,
  };
  if (changed || previous.detail !== detail || at.getTime() - Date.parse(previous.checkedAt) >= REFRESH_MS) {
    await writeSetting(COBO_REACHABILITY_KEY, next);
    return next;
  }
  return previous;
}
