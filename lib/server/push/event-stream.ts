import "server-only";
import { logger } from "@/lib/log/logger";
import { isSessionActive } from "@/lib/server/app-auth/sessions";
import type { AppPrincipal } from "@/lib/server/app-auth/resolve-bearer";
import { latestUserEventId, listUserEvents } from "@/lib/server/push/list-user-events";

// Server-sent events: one stream per signed-in app, fed from the per-user change feed in the
// database (so a change made by any app instance reaches a stream held by any other). The stream
// resumes after Last-Event-ID, sends a heartbeat so proxies keep it open, notices a signed-out
// session, and ends after a while so clients reconnect (and re-authenticate) regularly.

const RESCAN_WINDOW = BigInt(50);

export type StreamOptions = { pollMs?: number; heartbeatMs?: number; maxLifetimeMs?: number; sessionCheckMs?: number };

/** A text/event-stream body for `principal`, starting after `afterId` (or now). */
export async function openEventStream(principal: AppPrincipal, afterId: bigint | null, signal: AbortSignal, opts: StreamOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const pollMs = opts.pollMs ?? 1000;
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const maxLifetimeMs = opts.maxLifetimeMs ?? 10 * 60_000;
  const sessionCheckMs = opts.sessionCheckMs ?? 30_000;
  let cursor = afterId ?? (await latestUserEventId(principal.userId));
  const startAfter = cursor;
  const sent = new Set<string>();
  const encoder = new TextEncoder();
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastBeat = Date.now();
  let lastSessionCheck = Date.now();
  let closed = false;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        if (timer) clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", close);
      controller.enqueue(encoder.encode(`retry: 3000\n: connected\n\n`));
      const tick = async () => {
        if (closed) return;
        try {
          if (principal.sessionId && Date.now() - lastSessionCheck > sessionCheckMs) {
            lastSessionCheck = Date.now();
            if (!(await isSessionActive(principal.sessionId, principal.userId))) {
              controller.enqueue(encoder.encode(`event: signed-out\ndata: {}\n\n`));
              return close();
            }
          }
          // Re-read a small window below the cursor: ids are handed out before commit, so a
          // notice can become visible after a higher one was already sent.
          const windowStart = cursor > RESCAN_WINDOW ? cursor - RESCAN_WINDOW : BigInt(0);
          const events = await listUserEvents(principal.userId, windowStart);
          for (const e of events) {
            if (sent.has(e.id) || BigInt(e.id) <= startAfter) continue;
            controller.enqueue(encoder.encode(`id: ${e.id}\nevent: ${e.subject_type}\ndata: ${JSON.stringify(e)}\n\n`));
            sent.add(e.id);
            if (BigInt(e.id) > cursor) cursor = BigInt(e.id);
          }
          if (sent.size > 1000) for (const id of [...sent].slice(0, 500)) sent.delete(id);
          if (Date.now() - lastBeat >= heartbeatMs) {
            controller.enqueue(encoder.encode(`: heartbeat\n\n`));
            lastBeat = Date.now();
          }
          if (Date.now() - started >= maxLifetimeMs) return close();
        } catch (error) {
          logger.warn({ err: error }, "event stream poll failed; the client will reconnect");
          return close();
        }
        timer = setTimeout(() => void tick(), pollMs);
      };
      void tick();
    },
    cancel() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  });
}
