import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";

// What the webhook and callback endpoints refuse before anything is stored or decided: counted per
// channel and reason (inbound_rejection_counts, one row each, so it never grows), and the latest
// INBOUND_REJECTION_SAMPLES per channel kept as samples (inbound_rejection_samples, older ones
// deleted as new ones arrive). A sample keeps no body: only its size, SHA-256, and the event id and
// type the body claims (unverified, cut short), so nothing a sender posts is stored. The console's
// Webhooks page shows both (lib/console/get-inbound-rejections.ts).

export type InboundChannel = "webhook" | "callback";

/**
 * Why a delivery was refused: no or bad signature, a Biz-Timestamp that is no time in seconds or
 * milliseconds (or older than a configured bound), a body too large or incomplete, a body that
 * verifies but is no event we can store, or a key we could not load to verify with.
 */
export type InboundRejectionReason =
  "missing_signature" | "bad_signature" | "invalid_timestamp" | "stale_timestamp" | "too_large" | "stalled" | "malformed" | "unverifiable";

export const INBOUND_REJECTION_SAMPLES = 50;

const cut = (value: unknown, max: number): string | null =>
  typeof value === "string" && value.length > 0 ? value.slice(0, max).replace(/\u0000/g, "\uFFFD") : null;

/** The event id and type a body claims, if it is JSON that names them (nothing else is read from it). */
function claimed(body: string): { eventId: string | null; type: string | null } {
  try {
    const json = JSON.parse(body) as Record<string, unknown> | null;
    if (!json || typeof json !== "object") return { eventId: null, type: null };
    const eventId = json.event_id ?? json.transaction_id ?? json.request_id;
    return { eventId: cut(eventId, 128), type: cut(json.type, 128) };
  } catch {
    return { eventId: null, type: null };
  }
}

export type RejectionRecord = {
  channel: InboundChannel;
  reason: InboundRejectionReason;
  /** what arrived (the whole body, or its start when it was too large or stalled) */
  body: string;
  timestampHeader: string | null;
  clientIp: string | null;
  requestId: string | null;
};

/** Counts one refused delivery and keeps it as a sample; never throws (a failure is logged). */
export async function recordInboundRejection(r: RejectionRecord): Promise<void> {
  try {
    const bytes = Buffer.byteLength(r.body, "utf8");
    const { eventId, type } = claimed(r.body);
    await db.$transaction([
      db.$executeRaw`
        INSERT INTO inbound_rejection_counts (channel, reason, count, first_at, last_at)
        VALUES (${r.channel}, ${r.reason}, 1, now(), now())
        ON CONFLICT (channel, reason) DO UPDATE SET count = inbound_rejection_counts.count + 1, last_at = now()`,
      db.inboundRejectionSample.create({
        data: {
          channel: r.channel,
          reason: r.reason,
          timestampHeader: cut(r.timestampHeader, 32),
          bodyBytes: bytes,
          bodySha256: bytes > 0 ? createHash("sha256").update(r.body, "utf8").digest("hex") : null,
          claimedEventId: eventId,
          claimedType: type,
          clientIp: cut(r.clientIp, 64),
          requestId: cut(r.requestId, 128),
        },
      }),
      db.$executeRaw`
        DELETE FROM inbound_rejection_samples
        WHERE channel = ${r.channel}
          AND id NOT IN (
            SELECT id FROM inbound_rejection_samples WHERE channel = ${r.channel}
            ORDER BY received_at DESC, id DESC LIMIT ${INBOUND_REJECTION_SAMPLES})`,
    ]);
  } catch (error) {
    logger.warn(
      { err: error, event: "inbound.rejection_record_failed", channel: r.channel, reason: r.reason },
      "could not record a refused delivery",
    );
  }
}
