import "server-only";
import { latestConsoleChangeId, latestWebhookReceivedAt, listConsoleChanges } from "@/lib/console/live-changes";
import { FeedCursor, pollingEventStream } from "@/lib/server/push/polling-stream";

// The console's live updates: a text/event-stream of change notices (ids and statuses only, the
// pages re-render what they show) for a signed-in console user. The stream ends after a minute
// and the browser reconnects, so every reconnect passes the session check again: a session ended
// elsewhere stops receiving notices within a minute.

export type ConsoleLiveOptions = { pollMs?: number; heartbeatMs?: number; maxLifetimeMs?: number };

/** `change` events (one per TSS request / transaction change) and `webhook` events (new deliveries). */
export async function openConsoleLiveStream(signal: AbortSignal, opts: ConsoleLiveOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const cursor = new FeedCursor(await latestConsoleChangeId());
  let webhookSeen = (await latestWebhookReceivedAt())?.getTime() ?? 0;
  const stream = { pollMs: opts.pollMs ?? 1000, heartbeatMs: opts.heartbeatMs ?? 15_000, maxLifetimeMs: opts.maxLifetimeMs ?? 60_000 };
  return pollingEventStream(signal, { ...stream, what: "console live stream" }, async (out) => {
    for (const c of await listConsoleChanges(cursor.readFrom()))
      if (cursor.take(c.id))
        out.event("change", JSON.stringify({ kind: c.kind, user_id: c.userId, subject_id: c.subjectId, status: c.status }), c.id);
    const webhookAt = (await latestWebhookReceivedAt())?.getTime() ?? 0;
    if (webhookAt > webhookSeen) {
      webhookSeen = webhookAt;
      out.event("webhook", JSON.stringify({ received_at: new Date(webhookAt).toISOString() }));
    }
  });
}
