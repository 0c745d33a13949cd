import { EventIdSchema, eventsApi } from "@/lib/api/v1/events.schema";
import { route } from "@/lib/http/route";
import { openEventStream } from "@/lib/server/push/event-stream";

export const dynamic = "force-dynamic";

/** GET: server-sent events for the caller: one message per change of their TSS requests and transactions. */
export const GET = route(eventsApi.stream).handle(async ({ req, appUser, query, headers }) => {
  // A Last-Event-ID that is not an event id is ignored (the stream starts from now), as browsers' EventSource expects.
  const resume = query.after ?? EventIdSchema.safeParse(headers["last-event-id"]).data;
  const stream = await openEventStream(appUser, resume ? BigInt(resume) : null, req.signal);
  return {
    status: 200,
    body: stream,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  };
});
