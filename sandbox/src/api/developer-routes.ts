import { randomUUID } from "node:crypto";
import type { Hono } from "hono";
import { z } from "zod";
import { jsonBody, param, queryOf, type AppEnv } from "../http/app-env.js";
import { invalidParam, notFound } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { csvParam, pageQuery, parseOrThrow } from "../http/validate.js";
import { emit, linkedCallbackUrl, type Runtime } from "../domain/runtime.js";
import { callbackMessageWire, webhookEndpointWire, webhookEventWire, webhookLogWire } from "../domain/serializers.js";
import { WEBHOOK_EVENT_DEFINITIONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../domain/webhooks.js";
import type { Json, JsonObject, SandboxState } from "../state/types.js";

// DevelopersWebhooksApi and DevelopersApi: webhook endpoints, events, delivery
// logs and retries, test events, callback messages, API key info.

const eventType = z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType, ...WebhookEventType[]]);
const endpointStatus = z.enum([
  "STATUS_ACTIVE",
  "STATUS_INACTIVE",
  "STATUS_PENDING_ACTIVE",
  "STATUS_PENDING_INACTIVE",
  "STATUS_PENDING_UPDATE",
  "STATUS_REJECT_ACTIVE",
]);
const httpUrl = z.url({ protocol: /^https?$/ });
const createEndpointBody = z.object({
  url: httpUrl,
  subscribed_events: z.array(eventType).min(1),
  description: z.string().max(500).optional(),
});
const updateEndpointBody = z.object({
  subscribed_events: z.array(eventType).min(1).optional(),
  status: z.enum(["STATUS_ACTIVE", "STATUS_INACTIVE"]).optional(),
  description: z.string().max(500).optional(),
});
const listEndpointsQuery = pageQuery.extend({ status: endpointStatus.optional(), event_type: eventType.optional() });
const listEventsQuery = pageQuery.extend({ status: z.enum(["Success", "Retrying", "Failed"]).optional(), type: eventType.optional() });
const triggerBody = z.object({ event_type: eventType, override_data: z.record(z.string(), z.unknown()).optional() });
const listCallbacksQuery = pageQuery.extend({
  callback_message_ids: csvParam,
  request_ids: csvParam,
  transaction_ids: csvParam,
  wallet_ids: csvParam,
  status: z.enum(["Approved", "Denied", "Failed"]).optional(),
});

function getEndpoint(state: SandboxState, id: string) {
  const e = state.webhook_endpoints.find((x) => x.endpoint_id === id);
  if (!e) throw notFound("Webhook endpoint");
  return e;
}

/**
 * An event as the events API finds it under an endpoint's path: any event of the organisation
 * (profile `webhook_event_scope: "organization"`, the default: Cobo documents the list as the
 * events of the API key's wallets), or only that endpoint's (`"endpoint"`).
 */
function inScope(rt: Runtime, endpointId: string, e: { endpoint_id: string }): boolean {
  return rt.profile.current().webhook_event_scope === "organization" || e.endpoint_id === endpointId;
}

function getEvent(rt: Runtime, state: SandboxState, endpointId: string, eventId: string) {
  getEndpoint(state, endpointId);
  const e = state.webhook_events.find((x) => x.event_id === eventId && inScope(rt, endpointId, x));
  if (!e) throw notFound("Webhook event");
  return e;
}

function sampleData(type: WebhookEventType): JsonObject {
  if (type.startsWith("wallets.transaction.")) {
    const now = Date.now();
    return {
      data_type: "Transaction",
      transaction_id: randomUUID(),
      cobo_id: String(now),
      request_id: `test-${now}`,
      wallet_id: randomUUID(),
      type: "Withdrawal",
      status: type.endsWith("succeeded") ? "Completed" : type.endsWith("failed") ? "Failed" : "Submitted",
      chain_id: "XTN",
      token_id: "XTN",
      source: { source_type: "User-Controlled", wallet_id: randomUUID(), address: "tb1qsandboxfaucet0000000000000000000000000" },
      destination: {
        destination_type: "Address",
        account_output: { address: "tb1qsandboxfaucet0000000000000000000000000", amount: "0.0001" },
      },
      initiator_type: "API",
      confirming_threshold: 3,
      category: [],
      description: "Test webhook event",
      is_loop: false,
      created_timestamp: now,
      updated_timestamp: now,
    };
  }
  if (type.startsWith("wallets.mpc.tss_request.")) {
    return {
      data_type: "TSSRequest",
      tss_request_id: randomUUID(),
      target_key_share_holder_group_id: randomUUID(),
      type: "KeyGen",
      status: type.endsWith("succeeded") ? "Success" : type.endsWith("failed") ? "KeyGeneratingFailed" : "PendingKeyHolderConfirmation",
      description: "Test webhook event",
      created_timestamp: Date.now(),
    };
  }
  throw invalidParam("Invalid parameter event_type: test events exist for Transaction and TSSRequest events only");
}

/** Registers the developer routes. */
export function registerDeveloperRoutes(app: Hono<AppEnv>, rt: Runtime): void {
  const { store } = rt;

  app.get("/v2/webhooks/events/definitions", (c) => c.json(WEBHOOK_EVENT_DEFINITIONS.map((d) => ({ ...d }))));
  app.post("/v2/webhooks/events/trigger", async (c) => {
    const body = parseOrThrow(triggerBody, jsonBody(c));
    await store.mutate((s) => {
      const data = { ...sampleData(body.event_type), ...((body.override_data ?? {}) as Record<string, Json>) };
      emit(rt, s, body.event_type, data);
    });
    rt.kick();
    return c.json({ triggered: true }, 201);
  });

  app.post("/v2/webhooks/endpoints", async (c) => {
    const body = parseOrThrow(createEndpointBody, jsonBody(c));
    const endpoint = await store.mutate((s) => {
      const e = {
        endpoint_id: randomUUID(),
        url: body.url,
        subscribed_events: [...new Set(body.subscribed_events)],
        status: "STATUS_ACTIVE",
        description: body.description ?? "",
        created_timestamp: Math.floor(Date.now() / 1000),
      };
      s.webhook_endpoints.push(e);
      return webhookEndpointWire(e);
    });
    return c.json(endpoint, 201);
  });
  app.get("/v2/webhooks/endpoints", (c) => {
    const q = parseOrThrow(listEndpointsQuery, queryOf(c));
    const items = store.state.webhook_endpoints
      .filter((e) => (!q.status || e.status === q.status) && (!q.event_type || e.subscribed_events.includes(q.event_type)))
      .reverse();
    const page = paginate(items, (e) => e.endpoint_id, q);
    return c.json({ data: page.data.map(webhookEndpointWire), pagination: page.pagination });
  });
  app.get("/v2/webhooks/endpoints/:endpoint_id", (c) => c.json(webhookEndpointWire(getEndpoint(store.state, param(c, "endpoint_id")))));
  app.put("/v2/webhooks/endpoints/:endpoint_id", async (c) => {
    const body = parseOrThrow(updateEndpointBody, jsonBody(c));
    const endpoint = await store.mutate((s) => {
      const e = getEndpoint(s, param(c, "endpoint_id"));
      if (body.subscribed_events) e.subscribed_events = [...new Set(body.subscribed_events)];
      if (body.status) e.status = body.status;
      if (body.description !== undefined) e.description = body.description;
      return webhookEndpointWire(e);
    });
    return c.json(endpoint);
  });

  app.get("/v2/webhooks/endpoints/:endpoint_id/events", (c) => {
    const q = parseOrThrow(listEventsQuery, queryOf(c));
    const endpoint = getEndpoint(store.state, param(c, "endpoint_id"));
    const matching = store.state.webhook_events.filter(
      (e) => inScope(rt, endpoint.endpoint_id, e) && (!q.status || e.status === q.status) && (!q.type || e.type === q.type),
    );
    // Events are stored oldest first; Cobo does not document the order (profile `webhook_event_order`).
    const items = rt.profile.current().webhook_event_order === "oldest_first" ? matching : matching.reverse();
    const page = paginate(items, (e) => e.event_id, q);
    return c.json({ data: page.data.map(webhookEventWire), pagination: page.pagination });
  });
  app.get("/v2/webhooks/endpoints/:endpoint_id/events/:event_id", (c) =>
    c.json(webhookEventWire(getEvent(rt, store.state, param(c, "endpoint_id"), param(c, "event_id")))),
  );
  app.get("/v2/webhooks/endpoints/:endpoint_id/events/:event_id/logs", (c) => {
    const q = parseOrThrow(pageQuery, queryOf(c));
    const event = getEvent(rt, store.state, param(c, "endpoint_id"), param(c, "event_id"));
    const items = store.state.webhook_logs.filter((l) => l.event_id === event.event_id).reverse();
    const page = paginate(items, (l) => l.id, q);
    return c.json({ data: page.data.map(webhookLogWire), pagination: page.pagination });
  });
  app.post("/v2/webhooks/endpoints/:endpoint_id/events/:event_id/retry", async (c) => {
    await store.mutate((s) => {
      const e = getEvent(rt, s, param(c, "endpoint_id"), param(c, "event_id"));
      if (e.status === "Success") throw invalidParam("Only events in Retrying or Failed status can be retried");
      if (e.status === "Failed") e.max_attempts = e.attempts + 1;
      e.status = "Retrying";
      e.next_retry_timestamp = Date.now();
    });
    rt.kick();
    return c.json({ retried: true }, 201);
  });

  app.get("/v2/developers/callback_messages", (c) => {
    const q = parseOrThrow(listCallbacksQuery, queryOf(c));
    const items = store.state.callback_messages
      .filter(
        (m) =>
          (!q.callback_message_ids || q.callback_message_ids.includes(m.id)) &&
          (!q.request_ids || q.request_ids.includes(m.request_id)) &&
          (!q.transaction_ids || q.transaction_ids.includes(m.transaction_id)) &&
          (!q.wallet_ids || q.wallet_ids.includes(m.wallet_id)) &&
          (!q.status || m.status === q.status),
      )
      .reverse();
    const page = paginate(items, (m) => m.id, q);
    return c.json({ data: page.data.map(callbackMessageWire), pagination: page.pagination });
  });
  app.post("/v2/developers/callback_messages/:message_id/retry", async (c) => {
    await store.mutate((s) => {
      const m = s.callback_messages.find((x) => x.id === param(c, "message_id"));
      if (!m) throw notFound("Callback message");
      if (m.status === "Approved" || m.status === "Denied") throw invalidParam("The callback message already has a result");
      const tx = s.transactions.find((t) => t.transaction_id === m.transaction_id);
      if (!tx || tx.status !== "PendingAuthorization") throw invalidParam("The transaction no longer waits for this callback");
      m.status = "Pending";
      m.attempts = 0;
      m.next_attempt_at = Date.now();
      tx.callback_message_id = m.id;
    });
    rt.kick();
    return c.json({ retried: true }, 201);
  });

  app.get("/v2/developers/api_key_info", (c) => {
    const created = store.state.created_timestamp;
    return c.json({
      name: "Cobo sandbox API key",
      curve_type: "ED25519",
      key: rt.config.apiKey,
      callback_url: linkedCallbackUrl(rt) || undefined,
      valid_ips: [],
      created_timestamp: created,
      updated_timestamp: created,
      expired_timestamp: null,
      role_scopes: [],
    });
  });
}
