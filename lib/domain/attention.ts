// The classes of item in the console's "Needs attention" queue (lib/server/attention/attention-queue.ts),
// with their labels. Plain data: the console's components import it too.

export const ATTENTION_KINDS = [
  "tss_pending",
  "device_wait",
  "withdrawal_failed",
  "webhook_failed",
  "callback_failed",
  "drift_open",
] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export const ATTENTION_KIND_LABELS: Record<AttentionKind, string> = {
  tss_pending: "TSS request pending",
  device_wait: "Waiting for the device",
  withdrawal_failed: "Withdrawal failed or rejected",
  webhook_failed: "Webhook event failed to apply",
  callback_failed: "Risk-control callback failed",
  drift_open: "Reconciliation drift",
};

export function isAttentionKind(value: unknown): value is AttentionKind {
  return typeof value === "string" && (ATTENTION_KINDS as readonly string[]).includes(value);
}
