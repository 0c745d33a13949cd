import { z } from "zod";
import type { Transport } from "@/lib/cobo/transport";
import {
  ApiKeyInfoSchema,
  CallbackMessageSchema,
  pageSchema,
  RetriedSchema,
  TriggeredSchema,
  WebhookEndpointSchema,
  WebhookEventDefinitionSchema,
  WebhookEventLogSchema,
  WebhookEventSchema,
  type ApiKeyInfo,
  type CallbackMessage,
  type Page,
  type PageParams,
  type WebhookEndpoint,
  type WebhookEvent,
  type WebhookEventDefinition,
  type WebhookEventLog,
} from "@/lib/cobo/types";

// Webhook endpoints, events (for reconciliation after Cobo gives up delivering), their delivery
// logs and retries, risk-control callback messages and the API key's own info
// (classes DevelopersWebhooksApi and DevelopersApi; docs/cobo.md#webhooks-and-callbacks-api).

/** Event types are plain strings: Cobo adds new ones (docs/cobo.md#event-types). */
export type WebhookEventType = string;

export type WebhooksGateway = ReturnType<typeof createWebhooksGateway>;

/** The webhook and callback functions of the gateway, bound to one transport. */
export function createWebhooksGateway(t: Transport) {
  return {
    /** Registers our webhook URL for the given event types. */
    createWebhookEndpoint(params: { url: string; subscribed_events: WebhookEventType[]; description?: string }): Promise<WebhookEndpoint> {
      return t.call({
        operation: "createWebhookEndpoint",
        safety: "unsafe",
        send: (a) => a.webhooks.createWebhookEndpointWithHttpInfo({ CreateWebhookEndpointRequest: params }),
        schema: WebhookEndpointSchema,
      });
    },

    /** Lists endpoints (to find ours before creating a second one). */
    listWebhookEndpoints(params: PageParams & { status?: string; event_type?: WebhookEventType } = {}): Promise<Page<WebhookEndpoint>> {
      return t.call({
        operation: "listWebhookEndpoints",
        safety: "read",
        send: (a) => a.webhooks.listWebhookEndpointsWithHttpInfo(params),
        schema: pageSchema(WebhookEndpointSchema),
      });
    },

    /** Reads one endpoint. */
    getWebhookEndpoint(endpointId: string): Promise<WebhookEndpoint> {
      return t.call({
        operation: "getWebhookEndpoint",
        safety: "read",
        send: (a) => a.webhooks.getWebhookEndpointByIdWithHttpInfo(endpointId),
        schema: WebhookEndpointSchema,
      });
    },

    /** Changes subscriptions / description, or revokes with status STATUS_INACTIVE (a PUT). */
    updateWebhookEndpoint(
      endpointId: string,
      params: { subscribed_events?: WebhookEventType[]; status?: "STATUS_INACTIVE"; description?: string },
    ): Promise<WebhookEndpoint> {
      return t.call({
        operation: "updateWebhookEndpoint",
        safety: "idempotent",
        send: (a) => a.webhooks.updateWebhookEndpointByIdWithHttpInfo(endpointId, { UpdateWebhookEndpointByIdRequest: params }),
        schema: WebhookEndpointSchema,
      });
    },

    /** The event types Cobo offers, with descriptions. */
    listWebhookEventDefinitions(): Promise<WebhookEventDefinition[]> {
      return t.call({
        operation: "listWebhookEventDefinitions",
        safety: "read",
        send: (a) => a.webhooks.listWebhookEventDefinitionsWithHttpInfo(),
        schema: z.array(WebhookEventDefinitionSchema),
      });
    },

    /** Events of an endpoint, e.g. status "Failed" to recover what Cobo stopped retrying (10 attempts). */
    listWebhookEvents(
      endpointId: string,
      params: PageParams & { status?: "Success" | "Retrying" | "Failed"; type?: WebhookEventType } = {},
    ): Promise<Page<WebhookEvent>> {
      return t.call({
        operation: "listWebhookEvents",
        safety: "read",
        send: (a) => a.webhooks.listWebhookEventsWithHttpInfo(endpointId, params),
        schema: pageSchema(WebhookEventSchema),
      });
    },

    /** Reads one event. */
    getWebhookEvent(endpointId: string, eventId: string): Promise<WebhookEvent> {
      return t.call({
        operation: "getWebhookEvent",
        safety: "read",
        send: (a) => a.webhooks.getWebhookEventByIdWithHttpInfo(eventId, endpointId),
        schema: WebhookEventSchema,
      });
    },

    /** Delivery attempts of one event (status code, timing, failure reason). */
    listWebhookEventLogs(endpointId: string, eventId: string, page: PageParams = {}): Promise<Page<WebhookEventLog>> {
      return t.call({
        operation: "listWebhookEventLogs",
        safety: "read",
        send: (a) => a.webhooks.listWebhookEventLogsWithHttpInfo(eventId, endpointId, page),
        schema: pageSchema(WebhookEventLogSchema),
      });
    },

    /** Asks Cobo to deliver a Retrying/Failed event again. */
    retryWebhookEvent(endpointId: string, eventId: string): Promise<{ retried?: boolean | null }> {
      return t.call({
        operation: "retryWebhookEvent",
        safety: "unsafe",
        send: (a) => a.webhooks.retryWebhookEventByIdWithHttpInfo(eventId, endpointId),
        schema: RetriedSchema,
      });
    },

    /** Has Cobo send a test event (Transaction and TSSRequest types only). */
    triggerTestWebhookEvent(params: {
      event_type: WebhookEventType;
      override_data?: Record<string, unknown>;
    }): Promise<{ triggered?: boolean | null }> {
      return t.call({
        operation: "triggerTestWebhookEvent",
        safety: "unsafe",
        send: (a) => a.webhooks.triggerTestWebhookEventWithHttpInfo({ TriggerTestWebhookEventRequest: params }),
        schema: TriggeredSchema,
      });
    },

    /** Risk-control callback messages, e.g. the Failed ones after Cobo's 30 attempts. */
    listCallbackMessages(
      params: PageParams & {
        callback_message_ids?: string[];
        request_ids?: string[];
        transaction_ids?: string[];
        wallet_ids?: string[];
        status?: "Approved" | "Denied" | "Failed";
      } = {},
    ): Promise<Page<CallbackMessage>> {
      const { callback_message_ids, request_ids, transaction_ids, wallet_ids, ...rest } = params;
      const csv = (ids?: string[]) => (ids && ids.length > 0 ? ids.join(",") : undefined);
      return t.call({
        operation: "listCallbackMessages",
        safety: "read",
        send: (a) =>
          a.developers.listCallbackMessagesWithHttpInfo({
            ...rest,
            callback_message_ids: csv(callback_message_ids),
            request_ids: csv(request_ids),
            transaction_ids: csv(transaction_ids),
            wallet_ids: csv(wallet_ids),
          }),
        schema: pageSchema(CallbackMessageSchema),
      });
    },

    /** Asks Cobo to send a failed callback message again. */
    retryCallbackMessage(messageId: string): Promise<{ retried?: boolean | null }> {
      return t.call({
        operation: "retryCallbackMessage",
        safety: "unsafe",
        send: (a) => a.developers.retryCallbackMessageWithHttpInfo(messageId),
        schema: RetriedSchema,
      });
    },

    /** The API key Cobo sees (name, key, linked callback URL): proves the key and environment match. */
    getApiKeyInfo(): Promise<ApiKeyInfo> {
      return t.call({
        operation: "getApiKeyInfo",
        safety: "read",
        send: (a) => a.developers.getApiKeyInfoWithHttpInfo(),
        schema: ApiKeyInfoSchema,
      });
    },
  };
}
