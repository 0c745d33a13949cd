import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { inboxWorkerSlot, type InboxWorkerHandle } from "@/lib/jobs/inbox-wake";
import { applyClaimedEvent, claimDueInboxEvents } from "@/lib/server/cobo-inbound/inbox";

// Applies what the webhook inbox holds (the inbox row is the job, see
// lib/server/cobo-inbound/inbox.ts for claims, leases and the retry policy). A worker keeps up to
// `concurrency` events in flight and claims again as soon as one finishes while there may be more
// (a claim that came back full); it sleeps only when the inbox is drained, until a delivery to
// this instance wakes it, or its idle poll finds events nobody told it about (stored by an instance
// that stopped, retries whose backoff ended, claims whose lease ran out). Any number of workers,
// in one instance or several, may run on one database: SKIP LOCKED claims keep them apart.

export type InboxWorker = InboxWorkerHandle & {
  /** Events this worker finished, by outcome (diagnostics and tests). */
  readonly counts: { applied: number; failed: number };
};

export type InboxWorkerOptions = {
  /**
   * events applied at once (default: the Prisma pool less two, DATABASE_POOL_SIZE − 2, at least 1;
   * an apply holds one connection at a time and spends most of its time waiting on the database, so
   * a burst is applied faster the more run at once, while two connections stay free for requests)
   */
  concurrency?: number;
  /** how often an idle worker looks for due events it was not told about (default 2 s) */
  idlePollMs?: number;
};

/** A worker over the inbox (not registered: `startInboxWorker` is the process's). */
export function createInboxWorker(opts: InboxWorkerOptions = {}): InboxWorker {
  const concurrency = Math.max(1, opts.concurrency ?? getEnv().DATABASE_POOL_SIZE - 2);
  const counts = { applied: 0, failed: 0 };
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  // There may be due events not claimed yet: set by a wake, the idle poll, and a claim that came back full.
  let more = true;
  let pumping = false;

  const pump = async () => {
    if (pumping) return; // the running loop sees `more` after its claim
    pumping = true;
    try {
      while (!stopped && more && inFlight.size < concurrency) {
        more = false;
        const free = concurrency - inFlight.size;
        const claimed = await claimDueInboxEvents(free);
        if (claimed.length === free) more = true;
        for (const event of claimed) {
          const running: Promise<void> = applyClaimedEvent(event).then((ok) => {
            counts[ok ? "applied" : "failed"]++;
            inFlight.delete(running);
            if (more) void pump();
          });
          inFlight.add(running);
        }
      }
    } catch (error) {
      logger.warn({ err: error }, "claiming inbox events failed; the next wake or poll tries again");
    } finally {
      pumping = false;
    }
  };

  const wake = () => {
    if (stopped) return;
    more = true;
    void pump();
  };
  const timer = setInterval(wake, opts.idlePollMs ?? 2_000);
  timer.unref();
  wake();
  return {
    wake,
    counts,
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (pumping || inFlight.size > 0) await Promise.race([...inFlight, new Promise((r) => setTimeout(r, 20))]);
    },
  };
}

/** Starts this process's inbox worker (once); `wakeInboxWorker` (lib/jobs/inbox-wake.ts) reaches it from any route. */
export function startInboxWorker(opts: InboxWorkerOptions = {}): InboxWorkerHandle {
  const existing = inboxWorkerSlot.peek();
  if (existing) return existing;
  const worker = createInboxWorker(opts);
  inboxWorkerSlot.set(worker);
  return worker;
}

/** Stops this process's inbox worker, if one runs. */
export async function stopInboxWorker(): Promise<void> {
  const worker = inboxWorkerSlot.peek();
  inboxWorkerSlot.reset();
  await worker?.stop();
}
