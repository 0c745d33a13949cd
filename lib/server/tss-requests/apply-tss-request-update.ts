import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { appendUserEvent } from "@/lib/server/events/user-events";
import { isFinalTssStatus, tssTransitionAllowed } from "@/lib/server/tss-requests/tss-status";

// The one place a TSS request's status changes. Every report (Cobo's webhook, our polling, the
// app, an admin) goes through here: forward moves are applied, anything else is recorded on the
// timeline only. A success also switches the vault's groups in the same database transaction:
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
};

export type TssUpdateResult = { found: boolean; applied: boolean; status: string | null; vaultId?: string };

/** Applies (or records) one status report for a TSS request we know; `found: false` otherwise. */
export async function applyTssRequestUpdate(update: TssUpdate): Promise<TssUpdateResult> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = await db.$transaction(async (tx) => {
      const req = await tx.tssRequest.findUnique({
        where: { coboTssRequestId: update.coboTssRequestId },
        select: {
          id: true,
          status: true,
          type: true,
          vaultId: true,
          targetGroupId: true,
          sourceGroupId: true,
          vault: { select: { userId: true, activeMainGroupId: true } },
        },
      });
      if (!req) return { found: false, applied: false, status: null } as const;
      const authoritative = update.authoritative ?? true;
      const applies = authoritative && tssTransitionAllowed(req.status, update.status);
      if (applies) {
        const moved = await tx.tssRequest.updateMany({
          where: { id: req.id, status: req.status },
          data: { status: update.status, lastSyncedAt: new Date(), ...(isFinalTssStatus(update.status) ? { finalizedAt: new Date() } : {}) },
        });
        if (moved.count !== 1) return { retry: true } as const; // someone else moved it first: re-read
        await onStatusApplied(tx, req, update.status);
        await appendUserEvent(tx, { userId: req.vault.userId, subjectType: "tss_request", subjectId: update.coboTssRequestId, status: update.status });
      } else if (authoritative) {
        await tx.tssRequest.update({ where: { id: req.id }, data: { lastSyncedAt: new Date() } });
      }
      // A repeated report of the status we already hold adds nothing to the timeline.
      if (applies || !authoritative || update.status !== req.status) {
        await tx.tssRequestStatusChange.create({
          data: {
            tssRequestId: req.id,
            fromStatus: req.status,
            toStatus: update.status,
            source: update.source,
            applied: applies,
            note: update.note ?? (applies || !authoritative ? null : "older than the recorded status; not applied"),
            webhookEventId: update.webhookEventId ?? null,
            payload: update.payload,
          },
        });
      }
      return { found: true, applied: applies, status: applies ? update.status : req.status, vaultId: req.vaultId } as const;
    });
    if (!("retry" in result)) return result;
  }
  throw new Error(`TSS request ${update.coboTssRequestId} kept changing under us`);
}

type ReqRow = { type: string; vaultId: string; targetGroupId: string; sourceGroupId: string | null; vault: { activeMainGroupId: string | null } };

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
