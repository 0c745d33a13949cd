import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isoString, prettyJson } from "@/lib/server/console/serialize";

// TSS request and transaction histories have the same shape; both detail pages render them with
// one timeline component, so they are mapped to one view type here.

export type TimelineEntry = {
  id: string;
  occurredAt: string;
  fromStatus: string | null;
  toStatus: string;
  subStatus: string | null;
  source: string;
  /** false: kept for the record only (an app report, a late or duplicate event), state did not move. */
  applied: boolean;
  note: string | null;
  webhookEvent: { id: string; eventId: string; type: string } | null;
  payload: string | null;
};

export const timelineSelect = {
  id: true,
  occurredAt: true,
  fromStatus: true,
  toStatus: true,
  source: true,
  applied: true,
  note: true,
  payload: true,
  webhookEvent: { select: { id: true, eventId: true, type: true } },
} satisfies Prisma.TssRequestStatusChangeSelect & Prisma.TransactionStatusChangeSelect;

type TimelineRecord = Prisma.TssRequestStatusChangeGetPayload<{ select: typeof timelineSelect }> & {
  subStatus?: string | null;
};

export function toTimelineEntry(change: TimelineRecord): TimelineEntry {
  return {
    id: change.id,
    occurredAt: isoString(change.occurredAt),
    fromStatus: change.fromStatus,
    toStatus: change.toStatus,
    subStatus: change.subStatus ?? null,
    source: change.source,
    applied: change.applied,
    note: change.note,
    webhookEvent: change.webhookEvent,
    payload: prettyJson(change.payload),
  };
}
