import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isoString, prettyJson } from "@/lib/serialize";

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
  /** Cobo's error, when this entry records a refusal: the code with Cobo's own message (or what Cobo documents for it) */
  coboError: TimelineCoboError | null;
};

export type TimelineCoboError = {
  code: number | null;
  httpStatus: number | null;
  message: string | null;
  documented: string | null;
  errorId: string | null;
  operation: string | null;
};

/** Reads `{cobo_error: CoboErrorRecord}` from a timeline payload (lib/cobo/errors.ts coboErrorRecord). */
export function coboErrorOf(payload: unknown): TimelineCoboError | null {
  if (typeof payload !== "object" || payload === null || !("cobo_error" in payload)) return null;
  const e = (payload as { cobo_error: unknown }).cobo_error;
  if (typeof e !== "object" || e === null) return null;
  const r = e as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  return {
    code: num(r.error_code),
    httpStatus: num(r.http_status),
    message: str(r.error_message),
    documented: str(r.documented),
    errorId: str(r.error_id),
    operation: str(r.operation),
  };
}

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
    coboError: coboErrorOf(change.payload),
  };
}

/** A risk decision about the transaction, shown inline on its timeline. */
export type TimelineRiskDecision = {
  id: string;
  occurredAt: string;
  /** pre_submission | callback */
  stage: string;
  decision: string;
  reasonCode: string;
  reasonDetail: string;
  rule: { type: string; id: string | null } | null;
};
