import PgBoss from "pg-boss";
import { getEnv, requireEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { processSlot } from "@/lib/process-state";

// The job queue: pg-boss on the same PostgreSQL (or PGlite). Jobs are rows fetched with
// SKIP LOCKED, so with several app instances each job still runs once, and a job whose worker
// died is retried; nothing is kept only in a process's memory.

export const QUEUES = {
  webhookApply: "webhook-apply",
  reconcile: "reconcile",
  outboundDeliver: "outbound-deliver",
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

/** Asks a worker to apply a stored webhook event soon (retried with backoff if it fails). */
export async function enqueueWebhookApply(webhookEventId: string): Promise<void> {
  const boss = await getQueue();
  await boss.send(QUEUES.webhookApply, { webhookEventId }, { retryLimit: 8, retryDelay: 2, retryBackoff: true, singletonKey: webhookEventId });
}

/** Asks a worker to deliver a push notice to the company's hook. */
export async function enqueueOutboundDelivery(deliveryId: string): Promise<void> {
  if (!getEnv().APP_PUSH_HOOK_URL) return;
  const boss = await getQueue();
  await boss.send(QUEUES.outboundDeliver, { deliveryId }, { retryLimit: 10, retryDelay: 5, retryBackoff: true, singletonKey: deliveryId });
}

/** Stops this process's queue client (shutdown and tests). */
export async function stopQueue(): Promise<void> {
  const pending = queueSlot.peek();
  queueSlot.reset();
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
}
