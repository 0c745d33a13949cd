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
 * Whether an update from Cobo may replace what we hold. Forward moves always apply. Within the
 * same status (a sub-status change) and between final states (Cobo may, e.g., fail a transaction
 * it reported completed after a re-org), only a strictly newer `updated_timestamp` applies, so a
 * late or duplicated message never moves a transaction back.
 */
export function transactionUpdateAllowed(current: TxState, next: TxState): boolean {
  const a = RANK[current.status] ?? UNKNOWN_RANK;
  const b = RANK[next.status] ?? UNKNOWN_RANK;
  const newer = next.updatedAt !== null && (current.updatedAt === null || next.updatedAt > current.updatedAt);
  if (isFinalTransactionStatus(current.status)) {
    return isFinalTransactionStatus(next.status) && next.status !== current.status && newer;
  }
  if (b > a) return true;
  if (b === a) return newer && (next.status !== current.status || next.subStatus !== current.subStatus);
  return false;
}
