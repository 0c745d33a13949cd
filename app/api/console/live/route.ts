import { route } from "@/lib/http/route";
import { openConsoleLiveStream } from "@/lib/http/console-live-stream";

export const dynamic = "force-dynamic";

/** GET: server-sent change notices for the console's live updates (a signed-in console user, either role). */
export const GET = route({
  name: "/api/console/live",
  auth: "session",
  handler: async ({ req }) =>
    new Response(await openConsoleLiveStream(req.signal), {
      status: 200,
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        "x-accel-buffering": "no",
        connection: "keep-alive",
      },
    }),
});
