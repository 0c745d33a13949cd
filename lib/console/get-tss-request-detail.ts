import "server-only";
import { z } from "zod";
import { parseActorRef } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { anyIdWhere } from "@/lib/console/detail-id";
import { isoString, isoStringOrNull } from "@/lib/serialize";
import { timelineSelect, toTimelineEntry, type TimelineEntry } from "@/lib/console/timeline";

export type TssRequestGroupView = {
  id: string;
  coboGroupId: string | null;
  groupType: string;
  threshold: number;
  participants: number;
  status: string;
  lifecycle: string;
};

/** Who asked for the request, resolved to something an operator can follow. */
export type RequestedBy =
  | { kind: "user"; id: string; email: string | null }
  | { kind: "console"; id: string; email: string | null }
  | { kind: "other"; raw: string };

export type TssRequestDetail = {
  id: string;
  coboTssRequestId: string;
  type: string;
  status: string;
  description: string | null;
  requestedBy: RequestedBy | null;
  /** a cancellation asked of Cobo: when, by whom and why */
  cancellation: { at: string; by: RequestedBy | null; reason: string | null } | null;
  coboCreatedAt: string | null;
  finalizedAt: string | null;
  lastSyncedAt: string | null;
  createdAt: string;
  updatedAt: string;
  vault: { id: string; coboVaultId: string | null; name: string };
  user: { id: string; email: string };
  sourceGroup: TssRequestGroupView | null;
  targetGroup: TssRequestGroupView;
  timeline: TimelineEntry[];
};

const idSchema = z.guid();

const groupSelect = {
  id: true,
  coboGroupId: true,
  groupType: true,
  threshold: true,
  participants: true,
  status: true,
  lifecycle: true,
} as const;

/** Resolves a stored actor (who asked, paused, cancelled; see lib/actor.ts) to a name an operator can follow. */
export async function resolveRequestedBy(raw: string | null): Promise<RequestedBy | null> {
  if (raw === null) return null;
  const ref = parseActorRef(raw);
  // The text is written by our own code, but the id is still checked before it reaches a query.
  if (ref.kind === "app_user" && idSchema.safeParse(ref.userId).success) {
    const user = await db.user.findUnique({ where: { id: ref.userId }, select: { email: true } });
    return { kind: "user", id: ref.userId, email: user?.email ?? null };
  }
  if (ref.kind === "console" && idSchema.safeParse(ref.id).success) {
    const consoleUser = await db.consoleUser.findUnique({ where: { id: ref.id }, select: { email: true } });
    return { kind: "console", id: ref.id, email: consoleUser?.email ?? null };
  }
  return { kind: "other", raw };
}

/** One TSS request (by our id or Cobo's) with its groups and full status timeline; null when malformed or unknown. */
export async function getTssRequestDetail(rawId: unknown): Promise<TssRequestDetail | null> {
  const or = anyIdWhere(rawId, ["coboTssRequestId"] as const);
  if (!or) return null;

  const request = await db.tssRequest.findFirst({
    where: { OR: or },
    select: {
      id: true,
      coboTssRequestId: true,
      type: true,
      status: true,
      description: true,
      requestedBy: true,
      cancelledAt: true,
      cancelledBy: true,
      cancelReason: true,
      coboCreatedAt: true,
      finalizedAt: true,
      lastSyncedAt: true,
      createdAt: true,
      updatedAt: true,
      vault: { select: { id: true, coboVaultId: true, name: true, user: { select: { id: true, email: true } } } },
      sourceGroup: { select: groupSelect },
      targetGroup: { select: groupSelect },
      history: { orderBy: [{ occurredAt: "asc" }, { seq: "asc" }], select: timelineSelect },
    },
  });
  if (!request) return null;

  return {
    id: request.id,
    coboTssRequestId: request.coboTssRequestId,
    type: request.type,
    status: request.status,
    description: request.description,
    requestedBy: await resolveRequestedBy(request.requestedBy),
    cancellation: request.cancelledAt
      ? { at: isoString(request.cancelledAt), by: await resolveRequestedBy(request.cancelledBy), reason: request.cancelReason }
      : null,
    coboCreatedAt: isoStringOrNull(request.coboCreatedAt),
    finalizedAt: isoStringOrNull(request.finalizedAt),
    lastSyncedAt: isoStringOrNull(request.lastSyncedAt),
    createdAt: isoString(request.createdAt),
    updatedAt: isoString(request.updatedAt),
    vault: { id: request.vault.id, coboVaultId: request.vault.coboVaultId, name: request.vault.name },
    user: request.vault.user,
    sourceGroup: request.sourceGroup,
    targetGroup: request.targetGroup,
    timeline: request.history.map(toTimelineEntry),
  };
}
