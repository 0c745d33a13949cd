// Cobo's transaction statuses in lifecycle order. "Created" is ours: the row exists (with its
// request_id) but Cobo has not acknowledged the transfer yet. Sub-statuses are free text.

const RANK: Record<string, number> = {
  Created: 0,
  Submitted: 10,
  Pending: 15,
  PendingScreening: 20,
  PendingAuthorization: 30,
  PendingSignature: 40,
  Broadcasting: 50,
  Confirming: 60,
  Completed: 100,
  Failed: 100,
  Rejected: 100,
};

const UNKNOWN_RANK = 45;

export const TX_FINAL_STATUSES = ["Completed", "Failed", "Rejected"] as const;

/** True when Cobo considers the transaction finished. */
export function isFinalTransactionStatus(status: string): boolean {
  return (TX_FINAL_STATUSES as readonly string[]).includes(status);
}

export type TxState = { status: string; subStatus: string | null; updatedAt: Date | null };

/**
 * The only final → final move we accept: a Completed transaction can still fail when its block is
 * re-orged away or the broadcast is dropped (Cobo then reports Failed, e.g. sub-status
 * FailedOnChain / ReOrged). Everything else is refused on purpose: Rejected was never broadcast,
 * so it can neither complete nor fail later; a Failed transaction does not come back as Completed
 * (a re-sent transfer is a new Cobo transaction, and a "Failed → Completed" report is more likely
 * a stale or mis-ordered one than a resurrection); and nothing final becomes Rejected, which
 * happens only before signing. Refusing keeps a late or replayed event from flipping money state.
 */
const FINAL_MOVES: ReadonlySet<string> = new Set(["Completed>Failed"]);

/**
 * Whether an update from Cobo may replace what we hold. Forward moves always apply. Within the
 * same status (a sub-status change) and for the one allowed final → final move (FINAL_MOVES), only
 * a strictly newer `updated_timestamp` applies, so a late or duplicated message never moves a
 * transaction back.
 */
export function transactionUpdateAllowed(current: TxState, next: TxState): boolean {
  const a = RANK[current.status] ?? UNKNOWN_RANK;
  const b = RANK[next.status] ?? UNKNOWN_RANK;
  const newer = next.updatedAt !== null && (current.updatedAt === null || next.updatedAt > current.updatedAt);
  if (isFinalTransactionStatus(current.status)) {
    return FINAL_MOVES.has(`${current.status}>${next.status}`) && newer;
  }
  if (b > a) return true;
  if (b === a) return newer && (next.status !== current.status || next.subStatus !== current.subStatus);
  return false;
}
