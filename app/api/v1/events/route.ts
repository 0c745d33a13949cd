import { EventIdSchema, EventsQuery } from "@/lib/api/v1/events.schema";
import { route } from "@/lib/http/route";
import { openEventStream } from "@/lib/server/push/event-stream";

export const dynamic = "force-dynamic";

/** GET: server-sent events for the caller: one message per change of their TSS requests and transactions. */
export const GET = route({
  name: "/api/v1/events",
  auth: "bearer",
  query: EventsQuery,
  handler: async ({ req, appUser, query }) => {
    const lastEventId = req.headers.get("last-event-id");
    const resume = query.after ?? EventIdSchema.safeParse(lastEventId).data;
    const stream = await openEventStream(appUser, resume ? BigInt(resume) : null, req.signal);
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no", connection: "keep-alive" },
    });
  },
});
