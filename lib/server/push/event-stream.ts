import "server-only";
import { isSessionActive } from "@/lib/server/app-users/sessions";
import type { AppPrincipal } from "@/lib/server/app-users/resolve-bearer";
import { latestUserEventId, listUserEvents } from "@/lib/server/push/list-user-events";
import { FeedCursor, pollingEventStream } from "@/lib/server/push/polling-stream";

// Server-sent events: one stream per signed-in app, fed from the per-user change feed in the
// database (so a change made by any app instance reaches a stream held by any other). The stream
// resumes after Last-Event-ID, sends a heartbeat so proxies keep it open, notices a signed-out
// session, and ends after a while so clients reconnect (and re-authenticate) regularly.

export type StreamOptions = { pollMs?: number; heartbeatMs?: number; maxLifetimeMs?: number; sessionCheckMs?: number };

/** A text/event-stream body for `principal`, starting after `afterId` (or now). */
export async function openEventStream(
  principal: AppPrincipal,
  afterId: bigint | null,
  signal: AbortSignal,
  opts: StreamOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  const pollMs = opts.pollMs ?? 1000;
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const maxLifetimeMs = opts.maxLifetimeMs ?? 10 * 60_000;
  const sessionCheckMs = opts.sessionCheckMs ?? 30_000;
  const cursor = new FeedCursor(afterId ?? (await latestUserEventId(principal.userId)));
  let lastSessionCheck = Date.now();
  return pollingEventStream(signal, { pollMs, heartbeatMs, maxLifetimeMs, what: "event stream" }, async (out) => {
    if (principal.sessionId && Date.now() - lastSessionCheck > sessionCheckMs) {
      lastSessionCheck = Date.now();
      if (!(await isSessionActive(principal.sessionId, principal.userId))) {
        out.event("signed-out", "{}");
        return out.close();
      }
    }
    for (const e of await listUserEvents(principal.userId, cursor.readFrom()))
      if (cursor.take(e.id)) out.event(e.subject_type, JSON.stringify(e), e.id);
  });
}
