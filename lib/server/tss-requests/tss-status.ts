// Cobo's TSS request statuses in the order a request moves through them. Cobo adds values, so an
// unknown status is kept as text and ranked between waiting and generating: it can advance a
// request that is still waiting, but never move one back or out of a final state.

const RANK: Record<string, number> = {
  PendingKeyHolderConfirmation: 10,
  MPCProcessing: 20,
  KeyGenerating: 30,
  Success: 100,
  KeyHolderConfirmationFailed: 100,
  KeyGeneratingFailed: 100,
  Canceled: 100,
};

const UNKNOWN_RANK = 25;

// Cobo's later API versions report a cancelled request as "Canceled"; npm 1.8.0 (and the sandbox)
// as KeyHolderConfirmationFailed. Either way it is final.
export const TSS_FINAL_STATUSES = ["Success", "KeyHolderConfirmationFailed", "KeyGeneratingFailed", "Canceled"] as const;
export const TSS_OPEN_STATUSES = ["PendingKeyHolderConfirmation", "MPCProcessing", "KeyGenerating"] as const;

/** True for the statuses after which Cobo never changes a TSS request. */
export function isFinalTssStatus(status: string): boolean {
  return (TSS_FINAL_STATUSES as readonly string[]).includes(status);
}

/** Whether moving from `current` to `next` is forward (the only direction we apply). */
export function tssTransitionAllowed(current: string, next: string): boolean {
  if (current === next || isFinalTssStatus(current)) return false;
  return (RANK[next] ?? UNKNOWN_RANK) > (RANK[current] ?? UNKNOWN_RANK);
}
