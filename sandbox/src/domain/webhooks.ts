import { randomUUID } from "node:crypto";
import type { JsonObject, SandboxState, WebhookEventRecord } from "../state/types.js";
import type { StateStore } from "../state/store.js";
import type { SandboxProfile } from "../control/profile.js";
import { attemptSignature, backoffMs, postSigned } from "./delivery.js";
import { webhookEventPayload } from "./serializers.js";

// Webhook events and their delivery (docs/cobo.md#event-types,
// docs/cobo.md#delivery): one event per subscribed active endpoint; HTTP 200 or
// 201 (any body) within the timeout is success, as Cobo documents, so another
// 2xx (202, 204) is not; anything else is retried with exponential backoff, at
// most `maxAttempts` attempts, then `Failed`. Every attempt is logged. Pending
// deliveries live in the state, so they resume after a restart.

/** The event types of npm 1.8.0, with Cobo's descriptions. */
export const WEBHOOK_EVENT_DEFINITIONS = [
  { event_type: "wallets.transaction.created", description: "A transaction has been created." },
  { event_type: "wallets.transaction.updated", description: "The status or information of a transaction has been updated." },
  { event_type: "wallets.transaction.failed", description: "A transaction has failed or been rejected." },
  { event_type: "wallets.transaction.succeeded", description: "A transaction has been completed." },
  { event_type: "wallets.mpc.tss_request.created", description: "A TSS request has been created." },
  { event_type: "wallets.mpc.tss_request.updated", description: "The status of a TSS request has been updated." },
  { event_type: "wallets.mpc.tss_request.failed", description: "A TSS request has failed." },
  { event_type: "wallets.mpc.tss_request.succeeded", description: "A TSS request has succeeded." },
  { event_type: "wallets.addresses.created", description: "Addresses have been created." },
  { event_type: "wallets.created", description: "A wallet has been created." },
  { event_type: "mpc_vaults.created", description: "An MPC vault has been created." },
] as const;

/** A webhook event type. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_DEFINITIONS)[number]["event_type"];

/** All event types, for default subscriptions and validation. */
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_DEFINITIONS.map((d) => d.event_type);

/** Delivered or failed events kept for the events API; older ones are dropped first. */
const MAX_KEPT_EVENTS = 5000;

function pruneEvents(state: SandboxState): void {
  let excess = state.webhook_events.length - MAX_KEPT_EVENTS;
  if (excess <= 0) return;
  state.webhook_events = state.webhook_events.filter((e) => {
    if (excess > 0 && e.status !== "Retrying") {
      excess -= 1;
      return false;
    }
    return true;
  });
}

/** Records one event per active endpoint subscribed to `type` (inside a mutation). */
export function emitEvent(state: SandboxState, type: WebhookEventType, data: JsonObject, maxAttempts: number, now = Date.now()): void {
  for (const endpoint of state.webhook_endpoints) {
    if (endpoint.status !== "STATUS_ACTIVE" || !endpoint.subscribed_events.includes(type)) continue;
    state.webhook_events.push({
      event_id: randomUUID(),
      endpoint_id: endpoint.endpoint_id,
      url: endpoint.url,
      created_timestamp: now,
      type,
      data: structuredClone(data),
      status: "Retrying",
      next_retry_timestamp: now,
      attempts: 0,
      max_attempts: maxAttempts,
    });
  }
  pruneEvents(state);
}

/** Delivery settings. */
export interface WebhookDeliveryConfig {
  secretHex: string;
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxConcurrent: number;
  /** Keep at most this many delivery logs (oldest dropped). */
  maxLogs: number;
  /** The active sandbox profile (timestamp unit, retry signatures). */
  profile: () => SandboxProfile;
}

/** Sends due webhook events and records each attempt. */
export class WebhookDispatcher {
  private readonly inFlight = new Set<string>();
  private stopped = false;

  constructor(
    private readonly store: StateStore,
    private readonly config: WebhookDeliveryConfig,
  ) {}

  /** Starts deliveries for every due event not already being sent. */
  run(now = Date.now()): void {
    if (this.stopped) return;
    const due = this.store.state.webhook_events.filter(
      (e) => e.status === "Retrying" && e.next_retry_timestamp <= now && !this.inFlight.has(e.event_id),
    );
    for (const event of due) {
      if (this.inFlight.size >= this.config.maxConcurrent) break;
      const endpoint = this.store.state.webhook_endpoints.find((p) => p.endpoint_id === event.endpoint_id);
      if (!endpoint || endpoint.status !== "STATUS_ACTIVE") continue;
      this.inFlight.add(event.event_id);
      void this.deliver(event).finally(() => this.inFlight.delete(event.event_id));
    }
  }

  /** Stops starting new deliveries and waits for those in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private async deliver(event: WebhookEventRecord): Promise<void> {
    const rawBody = JSON.stringify(webhookEventPayload(event));
    const signed = attemptSignature(this.config.profile(), event.first_signature, this.config.secretHex, rawBody);
    const outcome = await postSigned(event.url, rawBody, signed, this.config.timeoutMs);
    const ok = outcome.statusCode === 200 || outcome.statusCode === 201;
    const failureReason = ok ? "" : (outcome.error ?? `endpoint answered HTTP ${outcome.statusCode ?? 0}`);
    await this.store.mutate((state) => {
      const current = state.webhook_events.find((e) => e.event_id === event.event_id);
      if (!current) return;
      const now = Date.now();
      state.webhook_logs.push({
        id: randomUUID(),
        event_id: current.event_id,
        endpoint_id: current.endpoint_id,
        created_timestamp: now,
        request_headers: outcome.requestHeaders,
        request_body_raw: rawBody,
        response_body: outcome.responseBody,
        response_status_code: outcome.statusCode,
        response_time: outcome.responseTimeMs,
        success: ok,
        failure_reason: failureReason,
      });
      if (state.webhook_logs.length > this.config.maxLogs) state.webhook_logs.splice(0, state.webhook_logs.length - this.config.maxLogs);
      current.attempts += 1;
      current.first_signature ??= signed;
      if (ok) {
        current.status = "Success";
      } else if (current.attempts >= current.max_attempts) {
        current.status = "Failed";
      } else {
        current.status = "Retrying";
        current.next_retry_timestamp = now + backoffMs(current.attempts, this.config.retryBaseMs, this.config.retryMaxMs);
      }
    });
  }
}
