import { getEnv } from "@/lib/env";
import { withRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";
import { deliverOutbound, dispatchOutbound, markOutboundFailed } from "@/lib/server/push/deliver-outbound";
import { reconcile } from "@/lib/server/reconciliation/reconcile";
import { applyWebhookEvent } from "@/lib/server/webhooks/apply-webhook-event";
import { enqueueOutboundDelivery, getQueue, QUEUES } from "@/lib/jobs/queue";

// Starts this instance's job workers. Every instance may run them: the queue hands each job to
// one worker. The periodic work (reconciliation, push dispatch) is enqueued by every instance
// with a singleton key per time slot, so it runs once per slot however many instances there are.

type Stop = () => Promise<void>;

/** Runs one job with its id as the request id of every log line it causes, counted by outcome. */
function timed<T>(job: string, jobId: string, fn: () => Promise<T>): Promise<T> {
  return withRequestContext({ requestId: `job:${jobId}`, actor: `job:${job}` }, async () => {
    try {
      const result = await fn();
      metrics.jobs.inc({ job, outcome: "succeeded" });
      return result;
    } catch (error) {
      metrics.jobs.inc({ job, outcome: "failed" });
      throw error;
    }
  });
}

/** Registers the workers and the periodic tick; returns a function that stops the tick. */
export async function startWorkers(): Promise<Stop> {
  const env = getEnv();
  const boss = await getQueue();

  await boss.work<{ webhookEventId: string }>(QUEUES.webhookApply, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (job) await timed("webhook-apply", job.id, () => applyWebhookEvent(job.data.webhookEventId));
  });
  await boss.work(QUEUES.reconcile, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    await timed("reconcile", job.id, async () => {
      const report = await reconcile();
      if (report.drifts || report.errors) logger.info({ event: "reconcile", ...report }, "reconciliation healed drift");
    });
  });
  await boss.work<{ deliveryId: string }>(QUEUES.outboundDeliver, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
    if (!job) return;
    try {
      await timed("outbound-deliver", job.id, () => deliverOutbound(job.data.deliveryId));
    } catch (error) {
      if (job.retryCount >= job.retryLimit) await markOutboundFailed(job.data.deliveryId);
      throw error;
    }
  });

  const intervalMs = env.UCW_RECONCILE_INTERVAL_SECONDS * 1000;
  const tick = async () => {
    try {
      await boss.send(QUEUES.reconcile, {}, { singletonKey: "reconcile", singletonSeconds: env.UCW_RECONCILE_INTERVAL_SECONDS, retryLimit: 0 });
      for (const id of await dispatchOutbound()) await enqueueOutboundDelivery(id);
    } catch (error) {
      logger.warn({ err: error }, "job tick failed; it runs again on the next tick");
    }
  };
  const timer = setInterval(() => void tick(), Math.min(intervalMs, 5_000));
  timer.unref();
  void tick();
  logger.info({ event: "jobs.started", reconcileEverySeconds: env.UCW_RECONCILE_INTERVAL_SECONDS }, "job workers started");
  return async () => clearInterval(timer);
}
