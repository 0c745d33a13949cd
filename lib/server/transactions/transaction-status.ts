import { isTerminal, rankOf, valuesIn } from "@/lib/domain/status/catalog";
import { TRANSACTION_STATUS } from "@/lib/domain/status/transaction";

// The order in which a transaction's status may change. Ranks and final statuses come from the
// transaction status catalog (lib/domain/status/transaction.ts); sub-statuses order nothing.

/** Cobo's final statuses: after them, only the one move in FINAL_MOVES. */
export const TX_FINAL_STATUSES: readonly string[] = valuesIn(TRANSACTION_STATUS, "final");

/** True when Cobo considers the transaction finished. */
export function isFinalTransactionStatus(status: string): boolean {
  return isTerminal(TRANSACTION_STATUS, status);
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
  const a = rankOf(TRANSACTION_STATUS, current.status);
  const b = rankOf(TRANSACTION_STATUS, next.status);
  const newer = next.updatedAt !== null && (current.updatedAt === null || next.updatedAt > current.updatedAt);
  if (isFinalTransactionStatus(current.status)) {
    return FINAL_MOVES.has(`${current.status}>${next.status}`) && newer;
  }
  if (b > a) return true;
  if (b === a) return newer && (next.status !== current.status || next.subStatus !== current.subStatus);
  return false;
}
