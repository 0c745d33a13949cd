import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readSetting, writeSetting } from "@/lib/db/system-settings";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

// The thresholds of the "Needs attention" queue and its outbound alert: stored in system_settings
// (one JSON value, shared by every instance), edited by admins in the console's Settings, read by
// the queue on every count. A stored value that no longer parses (an older shape) falls back to the
// defaults field by field, so the queue never stops working because of a setting.

export const ATTENTION_SETTINGS_KEY = "attention.settings";

const minutes = (max: number) =>
  z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(max, `must be at most ${max}`);

/** An http(s) URL for the alert webhook, or nothing (alerts are then recorded but not sent). */
const alertUrl = z
  .string()
  .nullable()
  .transform((v) => v?.trim() || null)
  .pipe(
    z
      .url({ protocol: /^https?$/, message: "must be an absolute http(s) URL" })
      .max(2000, "must be at most 2000 characters")
      .nullable(),
  );

export const attentionSettingsInput = z.object({
  /** a TSS request not final after this many minutes */
  tssPendingMinutes: minutes(7 * 24 * 60),
  /** a transaction in PendingSignature (the device must approve and sign) after this many minutes */
  deviceWaitMinutes: minutes(7 * 24 * 60),
  /** failed and rejected withdrawals of the last this many hours */
  failedWithdrawalHours: minutes(30 * 24),
  /** webhook events still failing this many minutes after they arrived */
  webhookFailedMinutes: minutes(7 * 24 * 60),
  /** risk-control callbacks that failed (not a policy deny) in the last this many hours */
  callbackFailureHours: minutes(30 * 24),
  /** the queue size at which one alert is sent when the count reaches it */
  alertQueueSize: minutes(100_000),
  /** no second alert within this many minutes of the last one */
  alertCooldownMinutes: minutes(7 * 24 * 60),
  alertWebhookUrl: alertUrl,
});

export type AttentionSettings = z.output<typeof attentionSettingsInput>;

export const DEFAULT_ATTENTION_SETTINGS: AttentionSettings = {
  tssPendingMinutes: 30,
  deviceWaitMinutes: 30,
  failedWithdrawalHours: 72,
  webhookFailedMinutes: 15,
  callbackFailureHours: 24,
  alertQueueSize: 10,
  alertCooldownMinutes: 60,
  alertWebhookUrl: null,
};

/** The stored settings, each field that is missing or no longer valid replaced by its default. */
export async function readAttentionSettings(): Promise<AttentionSettings> {
  const stored = (await readSetting<Prisma.InputJsonObject>(ATTENTION_SETTINGS_KEY)) as Record<string, unknown> | undefined;
  const out: Record<string, unknown> = { ...DEFAULT_ATTENTION_SETTINGS };
  if (stored && typeof stored === "object" && !Array.isArray(stored)) {
    const shape = attentionSettingsInput.shape;
    for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
      if (!(key in stored)) continue;
      const parsed = shape[key].safeParse(stored[key] ?? "");
      if (parsed.success) out[key] = parsed.data;
    }
  }
  return out as AttentionSettings;
}

/** Replaces the settings (validated; an admin's action); returns the previous and the new values. */
export async function updateAttentionSettings(
  input: z.input<typeof attentionSettingsInput>,
): Promise<{ previous: AttentionSettings; current: AttentionSettings }> {
  const parsed = attentionSettingsInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid_input", "The thresholds are not valid.");
  const env = getEnv();
  if (parsed.data.alertWebhookUrl && !(env.ATTENTION_ALERT_SECRET ?? env.APP_PUSH_HOOK_SECRET))
    throw new AppError(
      "invalid_input",
      "Alerts are signed: set ATTENTION_ALERT_SECRET on the server before setting an alert webhook URL.",
      {
        issues: [{ path: "alertWebhookUrl", message: "needs ATTENTION_ALERT_SECRET (or APP_PUSH_HOOK_SECRET) on the server" }],
      },
    );
  const previous = await readAttentionSettings();
  await writeSetting(ATTENTION_SETTINGS_KEY, { ...parsed.data });
  return { previous, current: parsed.data };
}
