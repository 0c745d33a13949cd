import { getEnv } from "@/lib/env";
import { withRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";
import {
  checkAttentionAlert,
  deliverAttentionAlert,
  markAttentionAlertFailed,
  pendingAttentionAlerts,
} from "@/lib/server/attention/attention-alert";
import { deliverOutbound, dispatchOutbound, markOutboundFailed } from "@/lib/server/push/deliver-outbound";
import { reconcile } from "@/lib/server/reconciliation/reconcile";
import { checkCallbackLink } from "@/lib/server/risk/callback-link";
import { startInboxWorker, stopInboxWorker } from "@/lib/jobs/inbox-worker";
import { enqueueAttentionAlert, enqueueOutboundDelivery, getQueue, QUEUES } from "@/lib/jobs/queue";

// Starts this instance's job workers. Every instance may run them: the queue hands each job to
// one worker, and the inbox worker's claims hand each webhook event to one worker. The periodic
// work (reconciliation, push dispatch) is enqueued by every instance with a singleton key per time
// slot, so it runs once per slot however many instances there are.

type Stop = () => Promise<void>;

const ATTENTION_CHECK_MS = 30_000;

/** Runs one job with its id as the request id of every log line it causes, counted by outcome. */
function timed<T>(job: string, jobId: string, fn: () => Promise<T>): Promise<T> {
  return withRequestContext({ requestId: `job:${jobId}`, actor: { kind: "system", job } }, async () => {
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

/** Starts the inbox worker, registers the queue's workers and the periodic tick; returns a function that stops the inbox worker and the tick. */
export async function startWorkers(): Promise<Stop> {
  const env = getEnv();
  const boss = await getQueue();

  startInboxWorker();
  await boss.work(QUEUES.reconcile, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    await timed("reconcile", job.id, async () => {
      const report = await reconcile();
      if (report.drifts || report.errors) logger.info({ event: "reconcile", ...report }, "reconciliation healed drift");
    });
  });
  await boss.work<{ deliveryId: string }>(
    QUEUES.outboundDeliver,
    { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
    async ([job]) => {
      if (!job) return;
      try {
        await timed("outbound-deliver", job.id, () => deliverOutbound(job.data.deliveryId));
      } catch (error) {
        if (job.retryCount >= job.retryLimit) await markOutboundFailed(job.data.deliveryId);
        throw error;
      }
    },
  );

  await boss.work<{ alertId: string }>(
    QUEUES.attentionAlert,
    { batchSize: 1, pollingIntervalSeconds: 2, includeMetadata: true },
    async ([job]) => {
      if (!job) return;
      try {
        await timed("attention-alert", job.id, () => deliverAttentionAlert(job.data.alertId));
      } catch (error) {
        if (job.retryCount >= job.retryLimit) await markAttentionAlertFailed(job.data.alertId);
        throw error;
      }
    },
  );

  const intervalMs = env.UCW_RECONCILE_INTERVAL_SECONDS * 1000;
  // The needs-attention check counts the queue (six indexed queries): every ATTENTION_CHECK_MS per
  // instance is plenty; its state row serialises the instances' checks.
  let lastAttentionCheck = 0;
  const checkAttention = async () => {
    if (Date.now() - lastAttentionCheck < ATTENTION_CHECK_MS) return;
    lastAttentionCheck = Date.now();
    await withRequestContext({ requestId: `job:attention-check`, actor: { kind: "system", job: "attention-check" } }, () =>
      checkAttentionAlert(),
    );
    for (const id of await pendingAttentionAlerts()) await enqueueAttentionAlert(id);
  };
  const tick = async () => {
    try {
      await boss.send(
        QUEUES.reconcile,
        {},
        { singletonKey: "reconcile", singletonSeconds: env.UCW_RECONCILE_INTERVAL_SECONDS, retryLimit: 0 },
      );
      for (const id of await dispatchOutbound()) await enqueueOutboundDelivery(id);
      await checkAttention();
    } catch (error) {
      logger.warn({ err: error }, "job tick failed; it runs again on the next tick");
    }
  };
  const timer = setInterval(() => void tick(), Math.min(intervalMs, 5_000));
  timer.unref();
  void tick();
  // At start: is Cobo's risk-control callback for our API key pointed at us? (Then every
  // COBO_CALLBACK_CHECK_INTERVAL_SECONDS from reconciliation.) A failure is stored as "unknown".
  void withRequestContext({ requestId: "job:callback-link", actor: { kind: "system", job: "callback-link" } }, () =>
    checkCallbackLink().catch((error: unknown) => logger.warn({ err: error }, "the callback link check failed at start")),
  );
  logger.info({ event: "jobs.started", reconcileEverySeconds: env.UCW_RECONCILE_INTERVAL_SECONDS }, "job workers started");
  return async () => {
    clearInterval(timer);
    await stopInboxWorker();
  };
}
