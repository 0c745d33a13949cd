import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { inStatusTransaction, writeStatusChange } from "@/lib/server/events/write-status-change";
import { isFinalTssStatus, tssTransitionAllowed } from "@/lib/server/tss-requests/tss-status";

// The one place a TSS request's status changes. Every report (Cobo's webhook, our polling, the
// app, an admin) goes through here: what tssTransitionAllowed accepts is applied (a final status
// is never left; between open statuses the later observation at Cobo wins), anything else is
// recorded on the timeline only (both written by writeStatusChange, the one writer of status changes, with the
// app user's change notice). A success also switches the vault's groups in the same database transaction:
// KeyGen/Recovery make the target the vault's active Main Group (a recovered vault's old Main
// Group becomes history), KeyGenFromKeyGroup makes the Recovery Group ready.

export type TssUpdateSource = "webhook" | "poll" | "app" | "admin" | "api";

export type TssUpdate = {
  coboTssRequestId: string;
  status: string;
  source: TssUpdateSource;
  note?: string | null;
  webhookEventId?: string | null;
  payload?: Prisma.InputJsonValue;
  /** false: only record the report on the timeline (the app's reports never override Cobo) */
  authoritative?: boolean;
  /** when the status was true at Cobo (tssObservedAt); absent for reports not read from Cobo */
  observedAt?: Date | null;
};

export type TssUpdateResult = { found: boolean; applied: boolean; status: string | null; vaultId?: string };

/** Applies (or records) one status report for a TSS request we know; `found: false` otherwise. */
export async function applyTssRequestUpdate(update: TssUpdate): Promise<TssUpdateResult> {
  return inStatusTransaction(`TSS request ${update.coboTssRequestId}`, async (tx): Promise<TssUpdateResult> => {
    const req = await tx.tssRequest.findUnique({
      where: { coboTssRequestId: update.coboTssRequestId },
      select: {
        id: true,
        status: true,
        statusObservedAt: true,
        type: true,
        vaultId: true,
        targetGroupId: true,
        sourceGroupId: true,
        vault: { select: { userId: true, activeMainGroupId: true } },
      },
    });
    if (!req) return { found: false, applied: false, status: null };
    const authoritative = update.authoritative ?? true;
    const observedAt = update.observedAt ?? null;
    const applies = authoritative && tssTransitionAllowed(req.status, update.status, { current: req.statusObservedAt, next: observedAt });
    // A newer observation of the status held moves its time on, so an older read cannot undo it.
    const newerObservation =
      observedAt !== null && (req.statusObservedAt === null || observedAt.getTime() > req.statusObservedAt.getTime());
    await writeStatusChange(tx, {
      subject: "tss_request",
      rowId: req.id,
      // Applied: only while the row still holds the status we read (someone else moved it first: re-read).
      // Not applied, from Cobo: only the sync time moves. The app's reports never touch the row.
      update: applies
        ? {
            expect: { status: req.status, statusObservedAt: req.statusObservedAt },
            data: {
              status: update.status,
              statusObservedAt: observedAt,
              lastSyncedAt: new Date(),
              ...(isFinalTssStatus(update.status) ? { finalizedAt: new Date() } : {}),
            },
          }
        : authoritative
          ? {
              expect: {},
              data: {
                lastSyncedAt: new Date(),
                ...(newerObservation && update.status === req.status ? { statusObservedAt: observedAt } : {}),
              },
            }
          : undefined,
      // A repeated report of the status we already hold adds nothing to the timeline.
      timeline:
        applies || !authoritative || update.status !== req.status
          ? {
              fromStatus: req.status,
              toStatus: update.status,
              source: update.source,
              applied: applies,
              note: update.note ?? (applies || !authoritative ? null : notAppliedNote(req.status, observedAt !== null)),
              webhookEventId: update.webhookEventId ?? null,
              payload: update.payload,
            }
          : null,
      notice: applies ? { userId: req.vault.userId, subjectId: update.coboTssRequestId, status: update.status } : null,
    });
    if (applies) await onStatusApplied(tx, req, update.status);
    return { found: true, applied: applies, status: applies ? update.status : req.status, vaultId: req.vaultId };
  });
}

/** Why an authoritative report was recorded but not applied. */
function notAppliedNote(current: string, observed: boolean): string {
  if (isFinalTssStatus(current)) return "the request has ended; a final status is never left";
  return observed ? "observed at Cobo before the recorded status; not applied" : "older than the recorded status; not applied";
}

type ReqRow = {
  type: string;
  vaultId: string;
  targetGroupId: string;
  sourceGroupId: string | null;
  vault: { activeMainGroupId: string | null };
};

/** What a newly applied status does to the vault's groups (also run when a request is adopted already final). */
export async function onStatusApplied(tx: Prisma.TransactionClient, req: ReqRow, status: string): Promise<void> {
  if (status === "Success") {
    await tx.keyShareHolderGroup.update({ where: { id: req.targetGroupId }, data: { status: "Valid", lifecycle: "active" } });
    await tx.groupMember.updateMany({ where: { groupId: req.targetGroupId }, data: { status: "Valid" } });
    if (req.type === "KeyGen" || req.type === "Recovery") {
      const previous = req.vault.activeMainGroupId;
      if (previous && previous !== req.targetGroupId) {
        await tx.keyShareHolderGroup.update({ where: { id: previous }, data: { lifecycle: "superseded", supersededAt: new Date() } });
      }
      await tx.vault.update({ where: { id: req.vaultId }, data: { activeMainGroupId: req.targetGroupId, status: "MainGroupGenerated" } });
    }
  } else if (isFinalTssStatus(status)) {
    await tx.keyShareHolderGroup.updateMany({ where: { id: req.targetGroupId, lifecycle: "pending" }, data: { lifecycle: "abandoned" } });
  }
}
