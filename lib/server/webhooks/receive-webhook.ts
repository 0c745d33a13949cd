import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isInputDataError, isUniqueViolation } from "@/lib/db/errors";
import { requestIdFrom, withRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";
import { findUnsafeInput } from "@/lib/http/safe-input";
import { InboundRejected, verifyInbound, type InboundRejection } from "@/lib/server/cobo-inbound/verify-inbound";

// Cobo's webhook endpoint. Order matters: verify the signature over the raw body, store the event
// in the inbox (unique on Cobo's event id, so a duplicate is acknowledged and not applied twice),
// answer 2xx well inside Cobo's 2 s, and leave the applying to a background job. A stored event
// is never lost: if the process dies before the job runs, the inbox sweeper picks it up.

/** Latest instant a timestamp may name: the end of year 9999, the last the database's dates hold. */
const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const Envelope = z.looseObject({
  event_id: z.string().min(1).max(128),
  type: z.string().min(1).max(128),
  created_timestamp: z.number().int().min(0).max(MAX_TIMESTAMP_MS, "must be a time in milliseconds before the year 10000").optional(),
  data: z.looseObject({ data_type: z.string().max(64) }),
});

const text = (body: string, status: number, requestId: string, extra: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "x-request-id": requestId, ...extra } });

const REFUSED: Record<InboundRejection, { status: number; body: string }> = {
  missing_signature: { status: 401, body: "invalid signature" },
  bad_signature: { status: 401, body: "invalid signature" },
  stale_timestamp: { status: 401, body: "invalid signature" },
  too_large: { status: 413, body: "payload too large" },
  stalled: { status: 408, body: "body incomplete" },
};

/** The envelope of a verified body, or null when it is not an event we can store (nothing is stored then). */
function parseEnvelope(raw: string): z.infer<typeof Envelope> | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  // Text the database cannot hold (NUL, unpaired surrogates) anywhere in the event, or a hostile
  // structure, would fail the insert or the job that applies it.
  if (findUnsafeInput(json)) return null;
  const parsed = Envelope.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Handles one delivery; `enqueue` is told about newly stored events (the job queue in production). */
export async function receiveWebhook(req: Request, enqueue: (webhookEventId: string) => Promise<void>): Promise<Response> {
  const requestId = requestIdFrom(req.headers.get("x-request-id"));
  return withRequestContext({ requestId, actor: "cobo:webhook" }, async () => {
    let raw: string;
    try {
      raw = (await verifyInbound(req)).rawBody;
    } catch (error) {
      if (error instanceof InboundRejected) {
        metrics.webhooks.inc({ type: "unknown", result: error.reason });
        logger.warn({ event: "webhook.rejected", reason: error.reason }, "refused a webhook");
        const refused = REFUSED[error.reason];
        // The rest of a refused body may still be on its way: close the connection rather than wait for it.
        const close = error.reason === "too_large" || error.reason === "stalled" ? { connection: "close" } : undefined;
        return text(refused.body, refused.status, requestId, close);
      }
      // The verification key could not be had (e.g. the sandbox is down): not the sender's fault,
      // and nothing was stored; 503 makes Cobo deliver it again later.
      metrics.webhooks.inc({ type: "unknown", result: "unverifiable" });
      logger.error({ err: error, event: "webhook.unverifiable" }, "could not verify a webhook");
      return text("cannot verify now", 503, requestId);
    }
    const envelope = parseEnvelope(raw);
    if (!envelope) {
      // Signed by Cobo but not an event we can read: refuse it so it shows as failed at Cobo.
      metrics.webhooks.inc({ type: "unknown", result: "malformed" });
      logger.warn({ event: "webhook.malformed" }, "a signed webhook body is not a webhook event");
      return text("malformed event", 400, requestId);
    }
    try {
      const row = await db.webhookEvent.create({
        data: {
          eventId: envelope.event_id,
          type: envelope.type,
          rawBody: raw,
          signatureResult: "valid",
          source: "push",
          coboCreatedAt: envelope.created_timestamp !== undefined ? new Date(envelope.created_timestamp) : null,
        },
        select: { id: true },
      });
      metrics.webhooks.inc({ type: envelope.type, result: "stored" });
      await enqueue(row.id).catch((error) => logger.warn({ err: error, webhookEventId: row.id }, "could not enqueue; the inbox sweeper will apply it"));
      return text("ok", 200, requestId);
    } catch (error) {
      if (isUniqueViolation(error)) {
        metrics.webhooks.inc({ type: envelope.type, result: "duplicate" });
        return text("ok", 200, requestId);
      }
      if (isInputDataError(error)) {
        // A value the parsing above let through and the database refused: still the event's fault.
        metrics.webhooks.inc({ type: "unknown", result: "malformed" });
        logger.warn({ err: error, event: "webhook.malformed" }, "the database refused a value of a signed webhook");
        return text("malformed event", 400, requestId);
      }
      throw error;
    }
  });
}
