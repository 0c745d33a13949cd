import "server-only";
import { db } from "@/lib/db/client";
import { rememberSetting } from "@/lib/db/system-settings";
import { getEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { countAttention, type AttentionKind } from "@/lib/server/attention/attention-queue";
import { readAttentionSettings } from "@/lib/server/attention/attention-settings";
import { postSigned } from "@/lib/server/push/deliver-outbound";

// The outbound alert when the "Needs attention" queue grows. A periodic check (the job tick, any
// instance) counts the queue and compares it with the state of the previous check, kept in
// system_settings under ALERT_STATE_KEY and read FOR UPDATE, so checks of several instances are
// serialised and each crossing is seen once:
//
//   threshold_crossed  the count reached alertQueueSize and was below it at the previous check
//   new_class          a class of item is in the queue that was not at the previous check
//
// Either decides one alert, unless an alert was decided within alertCooldownMinutes (then it is
// suppressed and logged: no storm while a count hovers around the size). An alert is a row of
// attention_alerts (recorded whether or not it can be sent), delivered by the job queue
// (`attention-alert`, retried with backoff, then `failed`) as JSON POSTed to the alert webhook URL,
// signed like the push hook: X-UCW-Signature = hex HMAC-SHA256 of "<X-UCW-Timestamp>.<body>" with
// ATTENTION_ALERT_SECRET (or APP_PUSH_HOOK_SECRET).

export const ALERT_STATE_KEY = "attention.alert_state";

type AlertState = { above: boolean; classes: string[]; lastAlertAt: string | null };
const INITIAL_STATE: AlertState = { above: false, classes: [], lastAlertAt: null };

export type AlertCheck = {
  total: number;
  counts: Record<AttentionKind, number>;
  trigger: "threshold_crossed" | "new_class" | null;
  /** a trigger within the cool-down: nothing was sent */
  suppressed: boolean;
  alertId: string | null;
};

/** The secret that signs alerts, or undefined when none is configured. */
export function alertSigningSecret(): string | undefined {
  const env = getEnv();
  return env.ATTENTION_ALERT_SECRET ?? env.APP_PUSH_HOOK_SECRET;
}

function parseState(value: unknown): AlertState {
  if (!value || typeof value !== "object" || Array.isArray(value)) return INITIAL_STATE;
  const v = value as Record<string, unknown>;
  return {
    above: v.above === true,
    classes: Array.isArray(v.classes) ? v.classes.filter((c): c is string => typeof c === "string") : [],
    lastAlertAt: typeof v.lastAlertAt === "string" ? v.lastAlertAt : null,
  };
}

/** Counts the queue, decides whether it calls for an alert, and records the alert when it does. */
export async function checkAttentionAlert(now = new Date()): Promise<AlertCheck> {
  const settings = await readAttentionSettings();
  const { counts, total } = await countAttention(settings, now);
  const classes = (Object.keys(counts) as AttentionKind[]).filter((k) => counts[k] > 0);
  await rememberSetting(ALERT_STATE_KEY, INITIAL_STATE);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ value: unknown }[]>(
      Prisma.sql`SELECT value FROM system_settings WHERE key = ${ALERT_STATE_KEY} FOR UPDATE`,
    );
    const prev = parseState(rows[0]?.value);
    const above = total >= settings.alertQueueSize;
    const newClasses = classes.filter((c) => !prev.classes.includes(c));
    const trigger = above && !prev.above ? "threshold_crossed" : newClasses.length > 0 ? "new_class" : null;
    const coolingDown = prev.lastAlertAt !== null && now.getTime() - Date.parse(prev.lastAlertAt) < settings.alertCooldownMinutes * 60_000;
    let alertId: string | null = null;
    if (trigger && !coolingDown) {
      const url = settings.alertWebhookUrl;
      const secret = alertSigningSecret();
      const alert = await tx.attentionAlert.create({
        data: {
          trigger,
          itemCount: total,
          counts,
          newClasses,
          url,
          status: url && secret ? "pending" : "not_sent",
          lastError: !url ? "no alert webhook URL is set" : !secret ? "no signing secret (ATTENTION_ALERT_SECRET) is set" : null,
          createdAt: now,
        },
        select: { id: true },
      });
      alertId = alert.id;
      logger.info({ event: "attention.alert", alertId, trigger, total }, "the needs-attention queue calls for an alert");
    } else if (trigger) {
      logger.info({ event: "attention.alert_suppressed", trigger, total }, "needs-attention alert suppressed by the cool-down");
    }
    const next: AlertState = { above, classes, lastAlertAt: alertId ? now.toISOString() : prev.lastAlertAt };
    await tx.systemSetting.update({ where: { key: ALERT_STATE_KEY }, data: { value: next } });
    return { total, counts, trigger, suppressed: trigger !== null && coolingDown, alertId };
  });
}

/** Alerts waiting to be sent (to enqueue; the queue's singleton key keeps one job per alert). */
export async function pendingAttentionAlerts(limit = 50): Promise<string[]> {
  const rows = await db.attentionAlert.findMany({
    where: { status: "pending" },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Sends one alert; throws on failure so the queue retries it. */
export async function deliverAttentionAlert(alertId: string): Promise<void> {
  const alert = await db.attentionAlert.findUnique({ where: { id: alertId } });
  if (!alert || alert.status !== "pending" || !alert.url) return;
  const secret = alertSigningSecret();
  if (!secret) {
    await db.attentionAlert.updateMany({
      where: { id: alert.id, status: "pending" },
      data: { status: "not_sent", lastError: "no signing secret (ATTENTION_ALERT_SECRET) is set" },
    });
    return;
  }
  const body = JSON.stringify({
    type: "needs_attention",
    alert_id: alert.id,
    trigger: alert.trigger,
    item_count: alert.itemCount,
    counts: alert.counts,
    new_classes: alert.newClasses,
    created_at: alert.createdAt.toISOString(),
    console_url: `${getEnv().APP_URL.replace(/\/$/, "")}/needs-attention`,
  });
  const { status, error } = await postSigned(alert.url, secret, body, {
    "user-agent": "ucw-console-alert/1",
    "x-ucw-alert-id": alert.id,
  });
  await db.attentionAlert.update({
    where: { id: alert.id },
    data: error
      ? { attempts: { increment: 1 }, lastError: error, lastStatus: status || null }
      : { attempts: { increment: 1 }, lastError: null, lastStatus: status, status: "delivered", deliveredAt: new Date() },
  });
  if (error) {
    logger.warn({ event: "attention.alert_delivery_failed", alertId, status }, "alert delivery failed; it is retried");
    throw new Error(`alert delivery failed: ${error}`);
  }
}

/** Marks an alert as given up (after the queue's last retry). */
export async function markAttentionAlertFailed(alertId: string): Promise<void> {
  await db.attentionAlert.updateMany({ where: { id: alertId, status: "pending" }, data: { status: "failed" } });
}

export type AttentionAlertRow = {
  id: string;
  trigger: string;
  itemCount: number;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

/** The most recent alerts (for the console). */
export async function listRecentAttentionAlerts(limit = 5): Promise<AttentionAlertRow[]> {
  const rows = await db.attentionAlert.findMany({ orderBy: { createdAt: "desc" }, take: limit });
  return rows.map((r) => ({
    id: r.id,
    trigger: r.trigger,
    itemCount: r.itemCount,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
  }));
}
