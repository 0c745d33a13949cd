import "server-only";
import { z } from "zod";
import type { ConsoleActor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { APPROVAL_TTL_HOURS, type ApprovalCategory } from "@/lib/domain/approvals";
import { findActiveConsoleUser, type ConsoleIdentity } from "@/lib/server/console-users/console-users";

// Second-person approval requests: a sensitive console action an admin asked for, stored instead
// of run (lib/http/console-action.ts decides when, from the action's declared category and the
// policy in approval-policy.ts). Another admin approves it (the action then runs once, through the
// same action client, as the requester) or rejects it; the requester may cancel it; after
// APPROVAL_TTL_HOURS it expires.
//
// Every decision is a conditional update from `pending` (and, for approval, not yet expired), so
// two admins approving at once, approving twice, or approving a request that was rejected,
// cancelled or expired meanwhile runs the action at most once, whichever instance they are on.
// The requester can never decide their own request (only cancel it), and must still be an active
// admin when it is approved.

export type ApprovalRequestRow = Awaited<ReturnType<typeof loadRequest>>;

const REASON = z
  .string("Give a reason.")
  .trim()
  .min(3, "Give a reason (at least 3 characters).")
  .max(500, "A reason has at most 500 characters.");

export const approvalReasonInput = REASON;
export const decideApprovalInput = z.object({ id: z.guid("Unknown approval request.") });
export const rejectApprovalInput = z.object({ id: z.guid("Unknown approval request."), reason: REASON });
export const cancelApprovalInput = z.object({ id: z.guid("Unknown approval request."), reason: REASON.optional() });

async function loadRequest(id: string) {
  return db.approvalRequest.findUnique({ where: { id } });
}

/** Stores a pending request (the action is not run). `input` must hold no secret. */
export async function createApprovalRequest(req: {
  category: ApprovalCategory;
  action: string;
  input: Prisma.InputJsonValue;
  target?: { type: string; id?: string };
  reason: string;
  requester: ConsoleActor;
}) {
  return db.approvalRequest.create({
    data: {
      category: req.category,
      action: req.action,
      input: req.input,
      targetType: req.target?.type ?? null,
      targetId: req.target?.id ?? null,
      reason: req.reason,
      requestedById: req.requester.id,
      requestedByEmail: req.requester.email,
      expiresAt: new Date(Date.now() + APPROVAL_TTL_HOURS * 3600_000),
    },
  });
}

/** Marks pending requests past their expiry as expired; returns how many. */
export async function expireApprovalRequests(): Promise<number> {
  const { count } = await db.approvalRequest.updateMany({
    where: { status: "pending", expiresAt: { lte: new Date() } },
    data: { status: "expired" },
  });
  return count;
}

/** Pending requests that can still be decided. */
export async function countPendingApprovals(): Promise<number> {
  return db.approvalRequest.count({ where: { status: "pending", expiresAt: { gt: new Date() } } });
}

function notPending(status: string): AppError {
  return new AppError("conflict", `This request is no longer pending: it was ${status}.`);
}

/**
 * Claims a pending request for `approver`: refuses the requester themself, a request that is not
 * pending or has expired (marked expired), and one whose requester is no longer an active admin
 * (marked failed). The claim is one conditional update, so of two approvers only one gets the
 * request. Returns the claimed request and the requester as they are now.
 */
export async function claimApprovalRequest(
  id: string,
  approver: ConsoleActor,
): Promise<{ request: NonNullable<ApprovalRequestRow>; requester: ConsoleIdentity }> {
  const request = await loadRequest(id);
  if (!request) throw new AppError("not_found", "This approval request does not exist.");
  if (request.requestedById === approver.id)
    throw new AppError("forbidden", "You asked for this change: another admin must approve it. You can cancel it instead.");
  if (request.status !== "pending") throw notPending(request.status);
  if (request.expiresAt.getTime() <= Date.now()) {
    await db.approvalRequest.updateMany({ where: { id, status: "pending" }, data: { status: "expired" } });
    throw notPending("expired");
  }
  const requester = await findActiveConsoleUser(request.requestedById);
  if (!requester || requester.role !== "admin") {
    const message = "The admin who asked for this is no longer an active admin, so it cannot be approved.";
    await db.approvalRequest.updateMany({
      where: { id, status: "pending" },
      data: {
        status: "failed",
        decidedById: approver.id,
        decidedByEmail: approver.email,
        decidedAt: new Date(),
        result: { ok: false, code: "requester_inactive", message },
      },
    });
    throw new AppError("conflict", message);
  }
  const { count } = await db.approvalRequest.updateMany({
    where: { id, status: "pending", expiresAt: { gt: new Date() } },
    data: { status: "approved", decidedById: approver.id, decidedByEmail: approver.email, decidedAt: new Date() },
  });
  if (count !== 1) {
    const now = await loadRequest(id);
    throw notPending(now?.status === "pending" ? "expired" : (now?.status ?? "removed"));
  }
  return { request, requester };
}

/** Records what the approved action did: approved stays (with a summary), or failed (with the error's code and message). */
export async function finishApprovalRequest(
  id: string,
  outcome: { ok: true; summary: Prisma.InputJsonValue } | { ok: false; code: string; message: string },
): Promise<void> {
  await db.approvalRequest.updateMany({
    where: { id, status: "approved" },
    data: outcome.ok ? { result: { ok: true, summary: outcome.summary } } : { status: "failed", result: outcome },
  });
}

/** Another admin rejects a pending request, with a reason. */
export async function rejectApprovalRequest(
  input: z.input<typeof rejectApprovalInput>,
  actor: ConsoleActor,
): Promise<{ id: string; status: "rejected" }> {
  const { id, reason } = rejectApprovalInput.parse(input);
  const request = await loadRequest(id);
  if (!request) throw new AppError("not_found", "This approval request does not exist.");
  if (request.requestedById === actor.id) throw new AppError("forbidden", "You asked for this change: cancel it instead of rejecting it.");
  const { count } = await db.approvalRequest.updateMany({
    where: { id, status: "pending" },
    data: { status: "rejected", decidedById: actor.id, decidedByEmail: actor.email, decidedAt: new Date(), decisionReason: reason },
  });
  if (count !== 1) throw notPending((await loadRequest(id))?.status ?? "removed");
  return { id, status: "rejected" };
}

/** The requester withdraws their own pending request. */
export async function cancelApprovalRequest(
  input: z.input<typeof cancelApprovalInput>,
  actor: ConsoleActor,
): Promise<{ id: string; status: "cancelled" }> {
  const { id, reason } = cancelApprovalInput.parse(input);
  const request = await loadRequest(id);
  if (!request) throw new AppError("not_found", "This approval request does not exist.");
  if (request.requestedById !== actor.id)
    throw new AppError("forbidden", "Only the admin who asked for this change can cancel it; reject it instead.");
  const { count } = await db.approvalRequest.updateMany({
    where: { id, status: "pending" },
    data: {
      status: "cancelled",
      decidedById: actor.id,
      decidedByEmail: actor.email,
      decidedAt: new Date(),
      decisionReason: reason ?? null,
    },
  });
  if (count !== 1) throw notPending((await loadRequest(id))?.status ?? "removed");
  return { id, status: "cancelled" };
}

/** How many console users can approve (active admins). */
export async function countActiveAdmins(): Promise<number> {
  return db.consoleUser.count({ where: { role: "admin", disabled: false } });
}
