import { isTerminal, rankOf, valuesIn } from "@/lib/domain/status/catalog";
import { TSS_REQUEST_STATUS } from "@/lib/domain/status/tss-request";

// Which status report for a TSS request is applied. Cobo documents its TSS request statuses but
// not the order of the open ones (MPCProcessing before KeyGenerating, or the reverse:
// docs/cobo-assumptions.md#3-tss-request-status-order), so no fixed rank decides between open statuses Cobo reports:
//  - a final status is never left (Success, KeyHolderConfirmationFailed, KeyGeneratingFailed,
//    Canceled: the catalog's `final` phase), and any final status ends an open request;
//  - between open statuses, the later observation wins: Cobo's `updated_timestamp` when it sends
//    one, else the moment our read of Cobo began (every status we apply from Cobo is re-read:
//    sync-tss-request.ts). A read that began earlier cannot undo one that began later, whatever
//    the statuses, and nothing freezes: whatever Cobo says now is applied on the next read;
//  - a report with no observation time (not read from Cobo) moves an open request only forward by
//    the catalog's rank, as before.

/** The statuses after which Cobo never changes a TSS request ("Canceled" included). */
export const TSS_FINAL_STATUSES: readonly string[] = valuesIn(TSS_REQUEST_STATUS, "final");

/** True for the statuses after which Cobo never changes a TSS request. */
export function isFinalTssStatus(status: string): boolean {
  return isTerminal(TSS_REQUEST_STATUS, status);
}

/** When each status was true at Cobo (null: unknown, e.g. a row made from our own create call). */
export type TssObservations = { current?: Date | null; next?: Date | null };

/** Whether a report of `next` replaces the recorded `current`. */
export function tssTransitionAllowed(current: string, next: string, observed: TssObservations = {}): boolean {
  if (current === next || isFinalTssStatus(current)) return false;
  if (isFinalTssStatus(next)) return true;
  const nextAt = observed.next ?? null;
  if (nextAt) {
    const currentAt = observed.current ?? null;
    return currentAt === null || nextAt.getTime() > currentAt.getTime();
  }
  return rankOf(TSS_REQUEST_STATUS, next) > rankOf(TSS_REQUEST_STATUS, current);
}

/** When a status Cobo answered was true: Cobo's `updated_timestamp` (milliseconds) when present, else when our read began. */
export function tssObservedAt(remote: { updated_timestamp?: number | null }, readStartedAt: Date): Date {
  const t = remote.updated_timestamp;
  return typeof t === "number" && Number.isFinite(t) && t > 0 ? new Date(t) : readStartedAt;
}
