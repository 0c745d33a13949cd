import { z } from "zod";
import { endpoint } from "@/lib/api/v1/endpoint";

export const UserEventSchema = z
  .object({
    id: z.string().describe("Event id; send it back as Last-Event-ID to resume"),
    subject_type: z.string().describe("tss_request | transaction"),
    subject_id: z.string().describe("Cobo's TSS request id or transaction id (our request id while Cobo has not answered)"),
    status: z.string(),
    sub_status: z.string().nullable(),
    occurred_at: z.string(),
  })
  .meta({ id: "UserEvent", description: "One change notice; sent as an SSE message whose `event` is the subject_type" });

/** An event id: the cursor of `?after=` and of the Last-Event-ID header (a PostgreSQL bigint). */
export const EventIdSchema = z
  .string()
  .regex(/^\d{1,19}$/, "must be an event id")
  .refine((v) => !/^\d{1,19}$/.test(v) || BigInt(v) <= 9_223_372_036_854_775_807n, "must be an event id");

export const EventsQuery = z.object({ after: EventIdSchema.optional().describe("Resume after this event id (or send Last-Event-ID)") });

/** Last-Event-ID, as EventSource sends it on reconnecting; a value that is not an event id is ignored (the stream starts from now). */
export const EventsHeaders = z.object({
  "last-event-id": z.string().optional().describe("Resume after this event id (EventSource sends it when it reconnects); `?after=` wins"),
});

/** The operations of this part of the API, by name (route files import them; lib/api/v1/endpoints.ts lists them all). */
export const eventsApi = {
  stream: endpoint({
    method: "get",
    path: "/api/v1/events",
    tag: "Push",
    summary: "Server-sent events: a message whenever one of my TSS requests or transactions changes",
    description:
      "text/event-stream. Each message has `id`, `event` (tss_request | transaction) and `data` (a UserEvent as JSON). Resume with the Last-Event-ID header or `?after=`. The stream ends after ten minutes or when the session is signed out (event `signed-out`); reconnect. Polling the list endpoints works too.",
    auth: "bearer",
    query: EventsQuery,
    headers: EventsHeaders,
    responses: { 200: { description: "The event stream", schema: UserEventSchema, contentType: "text/event-stream" } },
  }),
};
