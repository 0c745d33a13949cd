import { processSlot } from "@/lib/process-state";

// How the webhook endpoint reaches this process's inbox worker (lib/jobs/inbox-worker.ts) without
// importing it (and everything applying an event needs) into its own route bundle.

export type InboxWorkerHandle = { wake(): void; stop(): Promise<void> };

export const inboxWorkerSlot = processSlot<InboxWorkerHandle | undefined>("inboxWorker", () => undefined, { envDerived: true });

/** Tells this process's inbox worker that an event was stored (nothing when no worker runs here: another instance's, or its poll, applies it). */
export function wakeInboxWorker(): void {
  inboxWorkerSlot.peek()?.wake();
}
