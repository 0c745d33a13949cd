import "server-only";
import { z } from "zod";
import { renderActor, type Actor } from "@/lib/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getCoboGateway } from "@/lib/cobo/client";
import { coboErrorRecord, isCoboError } from "@/lib/cobo/errors";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { recordCancellation, recordCancellationRefused, type RecordedCanceller } from "@/lib/server/events/write-status-change";
import { applyRemoteTssStatus, syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { isFinalTssStatus, tssObservedAt } from "@/lib/server/tss-requests/tss-status";

// Cancelling a TSS request that is still open (Cobo's cancelTssRequestById). A key generation
// started for the wrong device, or one whose app was reinstalled before approving, can otherwise
// never end, and while it is open every new Main Group attempt is a 409: cancelling ends it at
// Cobo, its target group is abandoned (apply-tss-request-update.ts), and a new attempt is
// accepted. The app cancels its own requests; admins anyone's, with a reason (audited).
//
// The cancellation is recorded on the row (when, by whom, why) and on the timeline, then Cobo is
// re-read and its status applied like any other report. npm 1.8.0 of Cobo's SDK has no "Canceled"
// status: the sandbox reports a cancelled request as KeyHolderConfirmationFailed; Cobo's
// specification can be read as reporting it as Success, which is recorded as failed when the
// group holds no key share groups (docs/cobo-assumptions.md).

export type Canceller = {
  /** the app user cancelling their own request, or a console admin */
  by: Actor;
  reason: string | null;
};

/** A canceller as recorded: the stored actor text, and the timeline source its kind implies. */
export function recordedCanceller(canceller: Canceller): RecordedCanceller {
  return { by: renderActor(canceller.by), source: canceller.by.kind === "console" ? "admin" : "app", reason: canceller.reason };
}

/** What an admin gives to cancel a TSS request or a transaction from the console: our row id and a reason. */
export const adminCancelInput = z.object({
  id: z.guid("Unknown record."),
  reason: z
    .string("Give a reason.")
    .trim()
    .min(3, "Give a reason (at least 3 characters).")
    .max(500, "A reason has at most 500 characters."),
});

export type TssCancellation = { coboTssRequestId: string; previousStatus: string; status: string };

/** Which request: Cobo's id within one user's vault (the app), or our row id or Cobo's id (the console). */
export type TssRequestRef = { coboTssRequestId: string; userId: string } | { anyId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cancels an open TSS request at Cobo and records it; 404 when not found (or not the user's), 409 when it cannot be cancelled. */
export async function cancelTssRequest(ref: TssRequestRef, canceller: Canceller): Promise<TssCancellation> {
  const who = recordedCanceller(canceller);
  const where: Prisma.TssRequestWhereInput =
    "userId" in ref
      ? { coboTssRequestId: ref.coboTssRequestId, vault: { userId: ref.userId } }
      : { OR: UUID.test(ref.anyId) ? [{ id: ref.anyId }, { coboTssRequestId: ref.anyId }] : [{ coboTssRequestId: ref.anyId }] };
  const row = await db.tssRequest.findFirst({
    where,
    select: {
      id: true,
      coboTssRequestId: true,
      status: true,
      vault: { select: { coboVaultId: true } },
      targetGroup: { select: { id: true, coboGroupId: true } },
    },
  });
  if (!row) throw new AppError("not_found", "That TSS request was not found.");
  const id = row.coboTssRequestId;
  if (isFinalTssStatus(row.status)) {
    throw new AppError("conflict", `This TSS request has already ended (${row.status}); there is nothing to cancel.`);
  }
  const coboVaultId = row.vault.coboVaultId;
  if (!coboVaultId) throw new AppError("conflict", "This TSS request's vault is not known at Cobo yet.");

  const cobo = getCoboGateway();
  try {
    await cobo.cancelTssRequest(coboVaultId, id);
  } catch (error) {
    // Cobo answered and said no (the devices already generate keys, or it just ended): re-read
    // it so the answer states where it is, and keep the refused attempt on the timeline.
    if (!isCoboError(error) || error.kind !== "rejected") throw error;
    const now = await syncTssRequest(id, "poll").catch(() => null);
    const status = now?.status ?? row.status;
    await recordCancellationRefused("tss_request", row.id, status, who, error.message, { cobo_error: coboErrorRecord(error) });
    throw new AppError("conflict", `Cobo did not cancel this TSS request: it is ${status} and can no longer be cancelled.`);
  }

  await recordCancellation("tss_request", row.id, row.status, who);
  logger.info({ event: "tss_request.cancelled", coboTssRequestId: id, by: who.by }, "TSS request cancelled at Cobo");

  // Cobo's status after the cancellation is read back rather than taken from the cancel answer.
  let status = row.status;
  try {
    const readStartedAt = new Date();
    const remote = await cobo.getTssRequest(coboVaultId, id);
    // Cobo may report the cancelled request as Success: applyRemoteTssStatus does not believe a
    // Success whose group holds no key share groups.
    const applied = await applyRemoteTssStatus(coboVaultId, row.targetGroup, remote, {
      source: who.source,
      note: `Cobo's status after the cancellation by ${who.by}`,
      observedAt: tssObservedAt(remote, readStartedAt),
    });
    status = applied.status ?? remote.status;
  } catch (error) {
    // Cancelled at Cobo all the same; the webhook or the next poll brings the new status.
    logger.warn({ err: error, coboTssRequestId: id }, "re-reading a cancelled TSS request failed");
  }
  return { coboTssRequestId: id, previousStatus: row.status, status };
}
