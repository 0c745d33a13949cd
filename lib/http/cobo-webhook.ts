import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { insertInboxEvent, isDataException } from "@/lib/db/hot-sql";
import { requestIdFrom, withRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";
import { findUnsafeInput } from "@/lib/safe-input";
import { clientIp } from "@/lib/http/client-ip";
import { InboundRejected, verifyInbound, type InboundRejection } from "@/lib/http/cobo-inbound";
import { recordInboundRejection, type InboundRejectionReason } from "@/lib/server/cobo-inbound/rejections";

// Cobo's webhook endpoint. Order matters: verify the signature over the raw body, store the event
// in the inbox (unique on Cobo's event id, so a duplicate is acknowledged and not applied twice),
// answer 2xx well inside Cobo's 2 s, and leave the applying to the inbox worker. Storing is one
// statement (INSERT … ON CONFLICT DO NOTHING, lib/db/hot-sql.ts), committed before the answer; the
// row is also the worker's job, so nothing else is written. A stored event is never lost: if the
// process dies before it is applied, any instance's inbox worker claims it.

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
  invalid_timestamp: { status: 401, body: "invalid signature" },
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

/**
 * Handles one delivery; `notify` is told about each newly stored event once it is committed (in
 * production it wakes this instance's inbox worker, lib/jobs/inbox-worker.ts, and returns at once).
 * Its failure is logged, never the sender's problem: the event is safe in the inbox either way.
 */
export async function receiveWebhook(req: Request, notify: (webhookEventId: string) => Promise<void> | void): Promise<Response> {
  const requestId = requestIdFrom(req.headers.get("x-request-id"));
  // Every refusal is counted and sampled (without the body) for the console's Webhooks page.
  const reject = (reason: InboundRejectionReason, body: string) =>
    recordInboundRejection({
      channel: "webhook",
      reason,
      body,
      timestampHeader: req.headers.get("biz-timestamp"),
      clientIp: clientIp(req.headers),
      requestId,
    });
  return withRequestContext({ requestId, actor: { kind: "cobo", channel: "webhook" } }, async () => {
    let raw: string;
    try {
      raw = (await verifyInbound(req)).rawBody;
    } catch (error) {
      if (error instanceof InboundRejected) {
        metrics.webhooks.inc({ type: "unknown", result: error.reason });
        logger.warn({ event: "webhook.rejected", reason: error.reason }, "refused a webhook");
        await reject(error.reason, error.bodyPrefix);
        const refused = REFUSED[error.reason];
        // The rest of a refused body may still be on its way: close the connection rather than wait for it.
        const close = error.reason === "too_large" || error.reason === "stalled" ? { connection: "close" } : undefined;
        return text(refused.body, refused.status, requestId, close);
      }
      // The verification key could not be had (e.g. the sandbox is down): not the sender's fault,
      // and nothing was stored; 503 makes Cobo deliver it again later.
      metrics.webhooks.inc({ type: "unknown", result: "unverifiable" });
      logger.error({ err: error, event: "webhook.unverifiable" }, "could not verify a webhook");
      await reject("unverifiable", "");
      return text("cannot verify now", 503, requestId);
    }
    const envelope = parseEnvelope(raw);
    if (!envelope) {
      // Signed by Cobo but not an event we can read: refuse it so it shows as failed at Cobo.
      metrics.webhooks.inc({ type: "unknown", result: "malformed" });
      logger.warn({ event: "webhook.malformed" }, "a signed webhook body is not a webhook event");
      await reject("malformed", raw);
      return text("malformed event", 400, requestId);
    }
    let id: string | null;
    try {
      // One statement, committed before the answer: a new event is stored, a duplicate writes nothing.
      id = await insertInboxEvent({
        id: randomUUID(),
        eventId: envelope.event_id,
        type: envelope.type,
        rawBody: raw,
        signatureResult: "valid",
        source: "push",
        coboCreatedAt: envelope.created_timestamp !== undefined ? new Date(envelope.created_timestamp) : null,
      });
    } catch (error) {
      if (!isDataException(error)) throw error;
      // A value the parsing above let through and the database refused: still the event's fault.
      metrics.webhooks.inc({ type: "unknown", result: "malformed" });
      logger.warn({ err: error, event: "webhook.malformed" }, "the database refused a value of a signed webhook");
      await reject("malformed", raw);
      return text("malformed event", 400, requestId);
    }
    if (id === null) {
      metrics.webhooks.inc({ type: envelope.type, result: "duplicate" });
      return text("ok", 200, requestId);
    }
    metrics.webhooks.inc({ type: envelope.type, result: "stored" });
    try {
      await notify(id);
    } catch (error) {
      logger.warn({ err: error, webhookEventId: id }, "could not wake the inbox worker; a later claim applies the event");
    }
    return text("ok", 200, requestId);
  });
}
