import PgBoss from "pg-boss";
import { getEnv, requireEnv } from "@/lib/env";
import { wakeInboxWorker } from "@/lib/jobs/inbox-wake";
import { logger } from "@/lib/log/logger";
import { processSlot } from "@/lib/process-state";

// The job queue: pg-boss on the same PostgreSQL (or PGlite). Jobs are rows fetched with
// SKIP LOCKED, so with several app instances each job still runs once, and a job whose worker
// died is retried; nothing is kept only in a process's memory. Webhook events are not jobs here:
// the inbox row is its own job (lib/jobs/inbox-worker.ts). Jobs an earlier version left in its
// `webhook-apply` queue are redundant (their events are still `received` in the inbox, which the
// inbox worker applies) and expire with pg-boss's retention.

export const QUEUES = {
  reconcile: "reconcile",
  outboundDeliver: "outbound-deliver",
  attentionAlert: "attention-alert",
} as const;

const queueSlot = processSlot<Promise<PgBoss> | undefined>("jobQueue", () => undefined, { envDerived: true });

/** The started queue client of this process (created once). */
export function getQueue(): Promise<PgBoss> {
  const existing = queueSlot.get();
  if (existing) return existing;
  const starting = (async () => {
    const boss = new PgBoss({
      connectionString: requireEnv("DATABASE_URL"),
      schema: "pgboss",
      max: 4,
      application_name: "ucw-console-jobs",
    });
    boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
    await boss.start();
    for (const name of Object.values(QUEUES)) await boss.createQueue(name);
    return boss;
  })();
  queueSlot.set(starting);
  starting.catch(() => queueSlot.reset());
  return starting;
}

/**
 * Asks for a stored webhook event to be applied soon: wakes this process's inbox worker (the event
 * row is the job, so nothing is written). What the webhook endpoint calls for each new event.
 */
export async function enqueueWebhookApply(_webhookEventId: string): Promise<void> {
  wakeInboxWorker();
}

/** Asks a worker to deliver a push notice to the company's hook. */
export async function enqueueOutboundDelivery(deliveryId: string): Promise<void> {
  if (!getEnv().APP_PUSH_HOOK_URL) return;
  const boss = await getQueue();
  await boss.send(QUEUES.outboundDeliver, { deliveryId }, { retryLimit: 10, retryDelay: 5, retryBackoff: true, singletonKey: deliveryId });
}

/** Asks a worker to send a "Needs attention" alert (retried with backoff, about an hour in all). */
export async function enqueueAttentionAlert(alertId: string): Promise<void> {
  const boss = await getQueue();
  await boss.send(QUEUES.attentionAlert, { alertId }, { retryLimit: 8, retryDelay: 10, retryBackoff: true, singletonKey: alertId });
}

/** Stops this process's queue client (shutdown and tests). */
export async function stopQueue(): Promise<void> {
  const pending = queueSlot.peek();
  queueSlot.reset();
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
}
