"use client";

import { ActionError, ActionSuccess, SubmitButton, TextField } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";

export type AttentionSettingsValues = {
  tssPendingMinutes: number;
  deviceWaitMinutes: number;
  failedWithdrawalHours: number;
  webhookFailedMinutes: number;
  callbackFailureHours: number;
  alertQueueSize: number;
  alertCooldownMinutes: number;
  alertWebhookUrl: string | null;
};

const NUMBER_FIELDS: { name: Exclude<keyof AttentionSettingsValues, "alertWebhookUrl">; label: string; hint: string }[] = [
  {
    name: "tssPendingMinutes",
    label: "TSS request pending after (minutes)",
    hint: "A TSS request not final this long after it was created.",
  },
  {
    name: "deviceWaitMinutes",
    label: "Waiting for the device after (minutes)",
    hint: "A transaction still waiting for the user's device to sign.",
  },
  {
    name: "failedWithdrawalHours",
    label: "Failed withdrawals of the last (hours)",
    hint: "Failed and rejected withdrawals shown until acknowledged.",
  },
  {
    name: "webhookFailedMinutes",
    label: "Webhook failing after (minutes)",
    hint: "An event still failing to apply this long after it arrived.",
  },
  {
    name: "callbackFailureHours",
    label: "Callback failures of the last (hours)",
    hint: "Risk-control callbacks answered deny without a real decision.",
  },
  {
    name: "alertQueueSize",
    label: "Alert when the queue reaches (items)",
    hint: "One alert per crossing, and one when a new class of item appears.",
  },
  { name: "alertCooldownMinutes", label: "Alert cool-down (minutes)", hint: "No second alert within this time." },
];

/** Admins edit the needs-attention thresholds and the alert destination. */
export function AttentionSettingsForm({ action, values }: { action: ServerAction<unknown>; values: AttentionSettingsValues }) {
  const { onSubmit, pending, data, error, fieldError } = useActionForm(action, (form) => ({
    ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f.name, String(form.get(f.name) ?? "")])),
    alertWebhookUrl: String(form.get("alertWebhookUrl") ?? ""),
  }));
  return (
    <form onSubmit={onSubmit} aria-label="Needs attention thresholds" className="space-y-3" noValidate>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {NUMBER_FIELDS.map((f) => (
          <TextField
            key={f.name}
            name={f.name}
            label={f.label}
            hint={f.hint}
            error={fieldError(f.name)}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            required
            defaultValue={values[f.name]}
          />
        ))}
      </div>
      <TextField
        name="alertWebhookUrl"
        type="url"
        label="Alert webhook URL"
        error={fieldError("alertWebhookUrl")}
        hint="Alerts are POSTed here as JSON, signed (X-UCW-Signature: HMAC-SHA256 with ATTENTION_ALERT_SECRET). Empty: alerts are recorded only."
        defaultValue={values.alertWebhookUrl ?? ""}
        placeholder="https://alerts.example.com/ucw"
        controlClassName="max-w-xl"
      />
      <ActionError error={error} />
      {data ? <ActionSuccess>Thresholds saved.</ActionSuccess> : null}
      <SubmitButton pending={pending} pendingLabel="Saving…" size="sm">
        Save thresholds
      </SubmitButton>
    </form>
  );
}
