import "server-only";
import { claimInboxEvents, scheduleInboxRetry, type ClaimedInboxEvent } from "@/lib/db/hot-sql";
import { withRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";
import { applyWebhookEvent } from "@/lib/server/webhooks/apply-webhook-event";

// The webhook inbox as a job queue: each stored event is its own job. Claims take due events with
// FOR UPDATE SKIP LOCKED and a lease (lib/db/hot-sql.ts), so whoever claims (the inbox worker of
// any instance, lib/jobs/inbox-worker.ts, or reconciliation's pass) has the event alone until the
// lease ends, and an event whose claimer died mid-apply is claimed again after it.
//
// The one retry policy of a webhook event: up to INBOX_RETRY.maxAttempts attempts (applyWebhookEvent
// counts them); after a failed one the event is due again after 5 s × 2^(attempts − 1), at most an
// hour (5 s, 10 s, 20 s, …: about 43 minutes over the ten attempts); then it stays `failed`, shown
// in the console. Applying is idempotent, so an attempt repeated after a lost lease changes nothing.

export const INBOX_RETRY = {
  maxAttempts: 10,
  /** how long a claim keeps others off an event: far longer than an apply takes (its Cobo calls have a time budget) */
  leaseSeconds: 120,
  backoffBaseSeconds: 5,
  backoffMaxSeconds: 3600,
} as const;

/** Claims up to `limit` due events for this caller. */
export function claimDueInboxEvents(limit: number): Promise<ClaimedInboxEvent[]> {
  return claimInboxEvents(limit, INBOX_RETRY.leaseSeconds, INBOX_RETRY.maxAttempts);
}

/** Applies one claimed event; true when it was applied (or ignored), false when it failed and was scheduled again. */
export async function applyClaimedEvent(event: ClaimedInboxEvent): Promise<boolean> {
  return withRequestContext({ requestId: `inbox:${event.id}`, actor: { kind: "system", job: "webhook-apply" } }, async () => {
    try {
      await applyWebhookEvent(event.id);
      metrics.jobs.inc({ job: "webhook-apply", outcome: "succeeded" });
      return true;
    } catch {
      // applyWebhookEvent marked it failed (with the error) and logged it
      metrics.jobs.inc({ job: "webhook-apply", outcome: "failed" });
      await scheduleInboxRetry(event.id, INBOX_RETRY.backoffBaseSeconds, INBOX_RETRY.backoffMaxSeconds).catch((error: unknown) =>
        logger.warn({ err: error, webhookEventId: event.id }, "could not schedule a retry; the event is due again when its lease ends"),
      );
      return false;
    }
  });
}

/** Claims and applies due events one after another, at most `limit` (reconciliation's pass over the inbox). */
export async function applyDueInboxEvents(limit: number): Promise<{ applied: number; failed: number }> {
  const claimed = await claimDueInboxEvents(limit);
  let applied = 0;
  for (const event of claimed) if (await applyClaimedEvent(event)) applied++;
  return { applied, failed: claimed.length - applied };
}
