import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { webhookSubjects, type WebhookSubject } from "@/lib/console/webhook-subjects";
import { isoString, isoStringOrNull, prettyRawBody } from "@/lib/serialize";

export type WebhookEventChange = {
  id: string;
  targetKind: "tss-request" | "transaction";
  targetId: string;
  /** Cobo's id of the TSS request / transaction, which is what the payload names. */
  targetCoboId: string | null;
  fromStatus: string | null;
  toStatus: string;
  applied: boolean;
  occurredAt: string;
};

export type WebhookEventDetail = {
  id: string;
  eventId: string;
  type: string;
  status: string;
  signatureResult: string;
  source: string;
  coboCreatedAt: string | null;
  receivedAt: string;
  appliedAt: string | null;
  attempts: number;
  lastError: string | null;
  body: { text: string; isJson: boolean };
  changes: WebhookEventChange[];
  /** the object of ours the event is about, when it names one */
  subject: WebhookSubject | null;
};

const idSchema = z.guid();

/** One inbox event with its body (Cobo's signed payload; it carries no secrets) and what it changed. */
export async function getWebhookEvent(rawId: unknown): Promise<WebhookEventDetail | null> {
  const parsed = idSchema.safeParse(rawId);
  if (!parsed.success) return null;

  const event = await db.webhookEvent.findUnique({
    where: { id: parsed.data },
    select: {
      id: true,
      eventId: true,
      type: true,
      status: true,
      signatureResult: true,
      source: true,
      coboCreatedAt: true,
      receivedAt: true,
      appliedAt: true,
      attempts: true,
      lastError: true,
      rawBody: true,
      tssRequestChanges: {
        orderBy: [{ occurredAt: "asc" }, { seq: "asc" }],
        select: {
          id: true,
          fromStatus: true,
          toStatus: true,
          applied: true,
          occurredAt: true,
          tssRequest: { select: { id: true, coboTssRequestId: true } },
        },
      },
      transactionChanges: {
        orderBy: [{ occurredAt: "asc" }, { seq: "asc" }],
        select: {
          id: true,
          fromStatus: true,
          toStatus: true,
          applied: true,
          occurredAt: true,
          transaction: { select: { id: true, coboTransactionId: true } },
        },
      },
    },
  });
  if (!event) return null;

  const changes: WebhookEventChange[] = [
    ...event.tssRequestChanges.map((c) => ({
      id: c.id,
      targetKind: "tss-request" as const,
      targetId: c.tssRequest.id,
      targetCoboId: c.tssRequest.coboTssRequestId,
      fromStatus: c.fromStatus,
      toStatus: c.toStatus,
      applied: c.applied,
      occurredAt: isoString(c.occurredAt),
    })),
    ...event.transactionChanges.map((c) => ({
      id: c.id,
      targetKind: "transaction" as const,
      targetId: c.transaction.id,
      targetCoboId: c.transaction.coboTransactionId,
      fromStatus: c.fromStatus,
      toStatus: c.toStatus,
      applied: c.applied,
      occurredAt: isoString(c.occurredAt),
    })),
  ].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));

  return {
    id: event.id,
    eventId: event.eventId,
    type: event.type,
    status: event.status,
    signatureResult: event.signatureResult,
    source: event.source,
    coboCreatedAt: isoStringOrNull(event.coboCreatedAt),
    receivedAt: isoString(event.receivedAt),
    appliedAt: isoStringOrNull(event.appliedAt),
    attempts: event.attempts,
    lastError: event.lastError,
    body: prettyRawBody(event.rawBody),
    changes,
    subject: (await webhookSubjects([event.id])).get(event.id) ?? null,
  };
}
