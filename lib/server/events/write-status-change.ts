import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendUserEvent } from "@/lib/server/events/user-events";

// The one writer of status changes, for every subject with a status timeline (transactions, TSS
// requests). What a report means (may it move the status? what does the timeline say?) is decided
// by the subject's own module (apply-transaction-update.ts, apply-tss-request-update.ts, the
// cancels); how a change is written is decided here, the same way for all of them:
//
// - the subject's row is updated only while it still holds the state the decision was made on
//   (optimistic concurrency): when another applier changed it first, the whole database
//   transaction is rolled back and run again from a fresh read (`inStatusTransaction`);
// - the timeline entry (`*_status_changes`, with its source) is written in the same transaction;
// - so is the change notice for the app user (`app_user_events`, read by the push channels), so a
//   notice exists exactly when the change does.

export type StatusSubjectType = "transaction" | "tss_request";

/** One entry of the subject's timeline. */
type TimelineWrite = {
  fromStatus: string | null;
  toStatus: string;
  /** transactions only (TSS requests have no sub-status) */
  subStatus?: string | null;
  /** webhook | poll | app | admin | api */
  source: string;
  /** false: recorded for the record only; the row's status did not move */
  applied: boolean;
  note: string | null;
  webhookEventId?: string | null;
  payload?: Prisma.InputJsonValue;
};

/** The change notice for the subject's app user. */
type UserNotice = {
  userId: string;
  /** the id the app knows: Cobo's (TSS request or transaction id), or our request id before Cobo answered */
  subjectId: string;
  status: string;
  subStatus?: string | null;
};

type Change<Where, Data> = {
  rowId: string;
  /**
   * The row update, applied only while the row still matches `expect` (the state that was read;
   * `{}` for an unconditional update). When it no longer does, the transaction starts over.
   */
  update?: { expect: Where; data: Data };
  timeline?: TimelineWrite | null;
  notice?: UserNotice | null;
};

export type StatusChange =
  | ({ subject: "transaction" } & Change<Prisma.TransactionWhereInput, Prisma.TransactionUpdateManyMutationInput>)
  | ({ subject: "tss_request" } & Change<Prisma.TssRequestWhereInput, Prisma.TssRequestUpdateManyMutationInput>);

const MAX_ATTEMPTS = 5;
const STALE = Symbol.for("ucw-console.StaleStatusRead");

/** Thrown (inside the transaction) when the row changed since it was read; `inStatusTransaction` starts over. */
class StaleRead extends Error {
  readonly [STALE] = true;
  constructor() {
    super("the row changed since it was read");
  }
}

const isStaleRead = (error: unknown): boolean => typeof error === "object" && error !== null && STALE in error;

/**
 * Runs `run` in a database transaction, and again from the start (up to 5 attempts) when a status
 * change inside it found its row changed meanwhile, or a concurrent applier inserted the same row
 * first (a unique violation): the next attempt re-reads and decides again.
 */
export async function inStatusTransaction<T>(what: string, run: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      return await db.$transaction(run);
    } catch (error) {
      if (isStaleRead(error) || isUniqueViolation(error)) continue;
      throw error;
    }
  }
  throw new Error(`${what} kept changing under us`);
}

/**
 * Writes one status change inside `tx`: the guarded row update, the timeline entry, the user's
 * notice (each only when given). Throws a stale-read signal for `inStatusTransaction` when the row
 * no longer holds the state in `update.expect`.
 */
export async function writeStatusChange(tx: Prisma.TransactionClient, change: StatusChange): Promise<void> {
  if (change.update) {
    const moved =
      change.subject === "transaction"
        ? await tx.transaction.updateMany({ where: { ...change.update.expect, id: change.rowId }, data: change.update.data })
        : await tx.tssRequest.updateMany({ where: { ...change.update.expect, id: change.rowId }, data: change.update.data });
    if (moved.count !== 1) throw new StaleRead();
  }
  const t = change.timeline;
  if (t) {
    const entry = {
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      source: t.source,
      applied: t.applied,
      note: t.note,
      webhookEventId: t.webhookEventId ?? null,
      payload: t.payload,
    };
    if (change.subject === "transaction") {
      await tx.transactionStatusChange.create({ data: { ...entry, transactionId: change.rowId, subStatus: t.subStatus ?? null } });
    } else {
      await tx.tssRequestStatusChange.create({ data: { ...entry, tssRequestId: change.rowId } });
    }
  }
  if (change.notice) {
    await appendUserEvent(tx, { ...change.notice, subjectType: change.subject });
  }
}

/** Who asked Cobo to cancel a transaction or TSS request, as recorded: the app (for its user) or an admin. */
export type RecordedCanceller = {
  /** the stored actor text (renderActor): "user:<id>" or "console:<id>" */
  by: string;
  source: "app" | "admin";
  reason: string | null;
};

/**
 * The timeline's mark for a cancellation Cobo accepted. Not a status: the row keeps Cobo's status
 * until Cobo reports the new one (read back right after), so the entry is never "applied".
 */
export const CANCELLATION_MARK = "Cancelled";

/** Records a cancellation Cobo accepted: when, by whom and why on the row, and the mark on the timeline. */
export async function recordCancellation(
  subject: StatusSubjectType,
  rowId: string,
  fromStatus: string,
  who: RecordedCanceller,
): Promise<void> {
  const update = { expect: {}, data: { cancelledAt: new Date(), cancelledBy: who.by, cancelReason: who.reason } };
  const timeline: TimelineWrite = { fromStatus, toStatus: CANCELLATION_MARK, source: who.source, applied: false, note: cancelNote(who) };
  await inStatusTransaction(`${subject} ${rowId}`, (tx) =>
    writeStatusChange(tx, subject === "transaction" ? { subject, rowId, update, timeline } : { subject, rowId, update, timeline }),
  );
}

/** Records, on the timeline only, a cancellation Cobo refused (`status`: where the subject is now). */
export async function recordCancellationRefused(
  subject: StatusSubjectType,
  rowId: string,
  status: string,
  who: RecordedCanceller,
  coboMessage: string,
  /** for the console's timeline only (Cobo's own error: `{cobo_error}`), never shown to the app */
  payload?: Prisma.InputJsonValue,
): Promise<void> {
  const timeline: TimelineWrite = {
    fromStatus: status,
    toStatus: status,
    source: who.source,
    applied: false,
    note: `cancellation by ${who.by} refused by Cobo (${coboMessage})`,
    ...(payload !== undefined ? { payload } : {}),
  };
  await db.$transaction((tx) => writeStatusChange(tx, { subject, rowId, timeline }));
}

function cancelNote(who: RecordedCanceller): string {
  const by = who.source === "admin" ? `an admin (${who.by})` : `the app (${who.by})`;
  return `cancelled at Cobo by ${by}${who.reason ? `: ${who.reason}` : ""}`;
}
