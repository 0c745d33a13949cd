import "server-only";
import { logger } from "@/lib/log/logger";

// The one text/event-stream loop behind both change feeds (the apps' `/api/v1/events` and the
// console's live updates): a greeting with the reconnect delay, a poll every `pollMs`, a heartbeat
// comment so proxies keep the connection open, an end after `maxLifetimeMs` (the client reconnects
// and is authenticated again), and an end on the client's abort or on a failed poll.

export type StreamWriter = {
  /** Sends one event (`id` optional). */
  event(name: string, data: string, id?: string): void;
  /** Ends the stream. */
  close(): void;
};

export type PollingStreamOptions = { pollMs: number; heartbeatMs: number; maxLifetimeMs: number; what: string };

/** A stream that calls `poll` every `opts.pollMs` until it ends. */
export function pollingEventStream(
  signal: AbortSignal,
  opts: PollingStreamOptions,
  poll: (out: StreamWriter) => Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const started = Date.now();
  let lastBeat = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
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
      const out: StreamWriter = {
        event: (name, data, id) => controller.enqueue(encoder.encode(`${id ? `id: ${id}\n` : ""}event: ${name}\ndata: ${data}\n\n`)),
        close,
      };
      signal.addEventListener("abort", close);
      controller.enqueue(encoder.encode(`retry: 3000\n: connected\n\n`));
      const tick = async () => {
        if (closed) return;
        try {
          await poll(out);
          if (closed) return;
          if (Date.now() - lastBeat >= opts.heartbeatMs) {
            controller.enqueue(encoder.encode(`: heartbeat\n\n`));
            lastBeat = Date.now();
          }
          if (Date.now() - started >= opts.maxLifetimeMs) return close();
        } catch (error) {
          logger.warn({ err: error }, `${opts.what} poll failed; the client will reconnect`);
          return close();
        }
        timer = setTimeout(() => void tick(), opts.pollMs);
      };
      void tick();
    },
    cancel() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  });
}

const RESCAN_WINDOW = BigInt(50);

/**
 * Where a feed of ascending ids stands. Ids are handed out before commit, so a row can become
 * visible after a higher one was already sent: each read starts a small window below the cursor
 * (`readFrom`) and `take` skips what was sent (or came before the stream started).
 */
export class FeedCursor {
  private cursor: bigint;
  private readonly sent = new Set<string>();

  constructor(private readonly startAfter: bigint) {
    this.cursor = startAfter;
  }

  readFrom(): bigint {
    return this.cursor > RESCAN_WINDOW ? this.cursor - RESCAN_WINDOW : BigInt(0);
  }

  /** True (and remembered) the first time `id` is offered after the start; false otherwise. */
  take(id: string): boolean {
    if (this.sent.has(id) || BigInt(id) <= this.startAfter) return false;
    this.sent.add(id);
    if (BigInt(id) > this.cursor) this.cursor = BigInt(id);
    if (this.sent.size > 1000) for (const old of [...this.sent].slice(0, 500)) this.sent.delete(old);
    return true;
  }
}
