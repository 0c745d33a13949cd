import "server-only";
import { createHmac } from "node:crypto";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";

// The optional outbound push hook: every change notice is POSTed to APP_PUSH_HOOK_URL (the
// company's push-notification service), signed with HMAC-SHA256 so the receiver can trust it.
// Deliveries are rows, created in id order by `dispatchOutbound` and sent by queue jobs with
// retries, so nothing is lost when this process or the receiver is down.

/**
 * Creates delivery rows for recent notices that have none yet and returns the pending ones (to
 * enqueue). It looks for notices without a delivery rather than after the newest delivered id:
 * sequence ids are handed out before commit, so a notice can become visible after a higher one.
 */
export async function dispatchOutbound(limit = 200): Promise<string[]> {
  const env = getEnv();
  if (!env.APP_PUSH_HOOK_URL) return [];
  const events = await db.$queryRaw<{ id: bigint }[]>`
    SELECT e.id FROM app_user_events e
    LEFT JOIN outbound_deliveries d ON d.event_id = e.id
    WHERE d.id IS NULL AND e.created_at > now() - interval '1 day'
    ORDER BY e.id
    LIMIT ${limit}`;
  if (events.length > 0) {
    await db.outboundDelivery.createMany({
      data: events.map((e) => ({ eventId: e.id, url: env.APP_PUSH_HOOK_URL! })),
      skipDuplicates: true,
    });
  }
  const rows = await db.outboundDelivery.findMany({
    where: { status: "pending" },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The signature header value for a body sent at `timestamp` (ms). */
export function signOutbound(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/**
 * POSTs `body` signed with `secret` (x-ucw-timestamp, x-ucw-signature) within 5 s, following no
 * redirect; answers the HTTP status (0 when none) and an error unless it was 2xx.
 */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; error: string | null }> {
  const timestamp = String(Date.now());
  try {
    const res = await fetch(url, {
      method: "POST",
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(5_000),
      headers: {
        "content-type": "application/json",
        ...headers,
        "x-ucw-timestamp": timestamp,
        "x-ucw-signature": signOutbound(secret, timestamp, body),
      },
    });
    await res.body?.cancel();
    return { status: res.status, error: res.status < 200 || res.status >= 300 ? `HTTP ${res.status}` : null };
  } catch (e) {
    return { status: 0, error: e instanceof Error ? e.message.slice(0, 300) : "request failed" };
  }
}

/** Sends one delivery; throws on failure so the queue retries it. */
export async function deliverOutbound(deliveryId: string): Promise<void> {
  const env = getEnv();
  const delivery = await db.outboundDelivery.findUnique({
    where: { id: deliveryId },
    select: { id: true, eventId: true, url: true, status: true },
  });
  if (!delivery || delivery.status === "delivered") return;
  const event = await db.appUserEvent.findUnique({
    where: { id: delivery.eventId },
    select: { id: true, userId: true, subjectType: true, subjectId: true, status: true, subStatus: true, createdAt: true },
  });
  if (!event) return;
  const body = JSON.stringify({
    event_id: event.id.toString(),
    user_id: event.userId,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    status: event.status,
    sub_status: event.subStatus,
    occurred_at: event.createdAt.toISOString(),
  });
  const { status, error } = await postSigned(delivery.url, env.APP_PUSH_HOOK_SECRET ?? "", body, {
    "user-agent": "ucw-console-push/1",
    "x-ucw-event-id": event.id.toString(),
  });
  await db.outboundDelivery.update({
    where: { id: delivery.id },
    data: error
      ? { attempts: { increment: 1 }, lastError: error, lastStatus: status || null, status: "pending" }
      : { attempts: { increment: 1 }, lastError: null, lastStatus: status, status: "delivered", deliveredAt: new Date() },
  });
  if (error) {
    logger.warn({ event: "push.delivery_failed", deliveryId, status }, "push delivery failed; it is retried");
    throw new Error(`push delivery failed: ${error}`);
  }
}

/** Marks a delivery as given up (after the queue's last retry). */
export async function markOutboundFailed(deliveryId: string): Promise<void> {
  await db.outboundDelivery.updateMany({ where: { id: deliveryId, status: "pending" }, data: { status: "failed" } });
}
