import { z } from "zod";
import { route } from "@/lib/http/route";
import { openEventStream } from "@/lib/server/push/event-stream";

export const dynamic = "force-dynamic";

const Query = z.object({ after: z.string().regex(/^\d{1,19}$/).optional().describe("Resume after this event id (or send Last-Event-ID)") });

/** GET: server-sent events for the caller: one message per change of their TSS requests and transactions. */
export const GET = route({
  name: "/api/v1/events",
  auth: "bearer",
  query: Query,
  handler: async ({ req, appUser, query }) => {
    const lastEventId = req.headers.get("last-event-id");
    const resume = query.after ?? (lastEventId && /^\d{1,19}$/.test(lastEventId) ? lastEventId : undefined);
    const stream = await openEventStream(appUser, resume ? BigInt(resume) : null, req.signal);
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no", connection: "keep-alive" },
    });
  },
});
