import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { requestIdFrom, withRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";
import { InboundRejected, verifyInbound } from "@/lib/server/cobo-inbound/verify-inbound";

// Cobo's webhook endpoint. Order matters: verify the signature over the raw body, store the event
// in the inbox (unique on Cobo's event id, so a duplicate is acknowledged and not applied twice),
// answer 2xx well inside Cobo's 2 s, and leave the applying to a background job. A stored event
// is never lost: if the process dies before the job runs, the inbox sweeper picks it up.

const Envelope = z.looseObject({
  event_id: z.string().min(1).max(128),
  type: z.string().min(1).max(128),
  created_timestamp: z.number().int().nonnegative().optional(),
  data: z.looseObject({ data_type: z.string().max(64) }),
});

const text = (body: string, status: number, requestId: string) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "x-request-id": requestId } });

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
        return text(error.reason === "too_large" ? "payload too large" : "invalid signature", error.reason === "too_large" ? 413 : 401, requestId);
      }
      // The verification key could not be had (e.g. the sandbox is down): not the sender's fault,
      // and nothing was stored; 503 makes Cobo deliver it again later.
      metrics.webhooks.inc({ type: "unknown", result: "unverifiable" });
      logger.error({ err: error, event: "webhook.unverifiable" }, "could not verify a webhook");
      return text("cannot verify now", 503, requestId);
    }
    let envelope: z.infer<typeof Envelope>;
    try {
      envelope = Envelope.parse(JSON.parse(raw));
    } catch {
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
          coboCreatedAt: envelope.created_timestamp ? new Date(envelope.created_timestamp) : null,
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
      throw error;
    }
  });
}
