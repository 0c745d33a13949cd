import { z } from "zod";
import { endpoint } from "@/lib/api/v1/endpoint";
import { PageInfo, Timestamp } from "@/lib/api/v1/common.schema";
import { TssNodeIdSchema } from "@/lib/api/v1/nodes.schema";

export const TssRequestSchema = z
  .object({
    tss_request_id: z.string().describe("Cobo's TSS request id (what the UCW SDK knows)"),
    type: z.string().describe("KeyGen | KeyGenFromKeyGroup | Recovery"),
    status: z.string().describe("Cobo's status, e.g. PendingKeyHolderConfirmation, MPCProcessing, Success"),
    description: z.string().nullable(),
    source_key_share_holder_group_id: z.string().nullable(),
    target_key_share_holder_group_id: z.string().nullable(),
    target_group_type: z.string(),
    tss_node_ids: z.array(z.string()).describe("TSS nodes taking part"),
    created_at: Timestamp,
    updated_at: Timestamp,
    finalized_at: Timestamp.nullable(),
    cancelled_at: Timestamp.nullable().describe("When a cancellation was asked of Cobo (by the app or an admin); null if never"),
    cancel_reason: z.string().nullable().describe("The reason given with the cancellation, if any"),
  })
  .meta({ id: "TssRequest" });

export const TimelineEntrySchema = z
  .object({
    from_status: z.string().nullable(),
    to_status: z.string(),
    source: z.string().describe("webhook | poll | app | admin | api"),
    applied: z.boolean().describe("false: recorded only (an app report, or older than the recorded status)"),
    note: z.string().nullable(),
    occurred_at: Timestamp,
  })
  .meta({ id: "TimelineEntry" });

export const TssRequestDetailSchema = TssRequestSchema.extend({ timeline: z.array(TimelineEntrySchema) }).meta({ id: "TssRequestDetail" });

export const TssRequestListQuery = z.object({
  tss_node_id: TssNodeIdSchema.optional().describe("Only requests this node takes part in"),
  status: z.string().max(64).optional().describe("Only requests in this Cobo status"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.uuid().optional().describe("next_cursor of the previous page"),
});

export const TssRequestList = PageInfo.extend({ data: z.array(TssRequestSchema) }).meta({ id: "TssRequestList" });

export const TssReportBody = z
  .object({
    result: z.enum(["approved", "rejected", "failed", "completed"]).describe("What the UCW SDK reported to the app"),
    message: z.string().max(1000).optional().describe("The SDK's message, if any"),
    tss_node_id: TssNodeIdSchema.optional().describe("The reporting device"),
  })
  .meta({ id: "TssRequestReport" });

export const CancelBody = z
  .object({ reason: z.string().trim().min(1).max(500).optional().describe("Why (kept on the record and its timeline)") })
  .meta({ id: "CancelRequest", description: "Send `{}` when there is nothing to say." });

export const TssRequestIdParams = z.object({ tss_request_id: z.string().min(1).max(128).describe("Cobo's TSS request id") });

/** The operations of this part of the API, by name (route files import them; lib/api/v1/endpoints.ts lists them all). */
export const tssRequestsApi = {
  list: endpoint({
    method: "get",
    path: "/api/v1/tss-requests",
    tag: "TSS requests",
    summary: "List my TSS requests (newest first), by node and status",
    description: "The polling option of the guide: poll this for requests pending approval, then approve them with the UCW SDK.",
    auth: "bearer",
    query: TssRequestListQuery,
    responses: { 200: { description: "A page of TSS requests", schema: TssRequestList } },
    errors: [422],
  }),
  get: endpoint({
    method: "get",
    path: "/api/v1/tss-requests/{tss_request_id}",
    tag: "TSS requests",
    summary: "One of my TSS requests with its timeline",
    auth: "bearer",
    params: TssRequestIdParams,
    responses: { 200: { description: "The TSS request", schema: TssRequestDetailSchema } },
    errors: [404],
  }),
  report: endpoint({
    method: "post",
    path: "/api/v1/tss-requests/{tss_request_id}/reports",
    tag: "TSS requests",
    summary: "Report what the UCW SDK said about a TSS request",
    description: "Recorded on the request's timeline; never overrides Cobo's status. The backend re-reads Cobo when it receives a report.",
    auth: "bearer",
    params: TssRequestIdParams,
    body: TssReportBody,
    responses: { 200: { description: "Recorded; the request as it stands", schema: TssRequestDetailSchema } },
    errors: [404, 422],
  }),
  cancel: endpoint({
    method: "post",
    path: "/api/v1/tss-requests/{tss_request_id}/cancel",
    tag: "TSS requests",
    summary: "Cancel one of my TSS requests that has not ended",
    description:
      "Asks Cobo to cancel it (cancelTssRequestById), records the cancellation and answers the request as Cobo then reports it " +
      "(a cancelled request ends KeyHolderConfirmationFailed, or Canceled on newer Cobo versions). " +
      "Afterwards a new Main Group (or recovery) attempt is accepted, e.g. for the right device. " +
      "409 when it has already ended or Cobo no longer allows it (the devices already generate keys).",
    auth: "bearer",
    params: TssRequestIdParams,
    body: CancelBody,
    responses: { 200: { description: "Cancelled; the request as it stands", schema: TssRequestDetailSchema } },
    errors: [404, 409, 422, 502, 503],
  }),
};
