"use server";

import { consoleAction, runApprovedRequest } from "@/lib/http/console-action";
import {
  cancelApprovalInput,
  cancelApprovalRequest,
  decideApprovalInput,
  rejectApprovalInput,
  rejectApprovalRequest,
} from "@/lib/server/approvals/approval-requests";
import { APPROVABLE_ACTIONS } from "@/app/(console)/approvals/approvable-actions";

// Actions of the Approvals page (made by the console's action client, lib/http/console-action.ts).
// Support staff can read the page but every decision here needs the admin role (a refusal is
// audited as denied). The requester can never approve or reject their own request, only cancel it.

const requestTarget = (input: { id: string }) => ({ type: "approval_request", id: input.id });

/** A second admin approves a pending request: its action runs once, as the requester, audited naming both. */
export const approveRequestAction = consoleAction({
  name: "approval.approve",
  role: "admin",
  input: decideApprovalInput,
  run: (input, actor) => runApprovedRequest(input.id, actor, APPROVABLE_ACTIONS),
  target: requestTarget,
});

/** A second admin rejects a pending request, with a reason; nothing runs. */
export const rejectRequestAction = consoleAction({
  name: "approval.reject",
  role: "admin",
  input: rejectApprovalInput,
  run: (input, actor) => rejectApprovalRequest(input, actor),
  target: requestTarget,
  details: (input) => ({ reason: input.reason }),
});

/** The requester withdraws their own pending request. */
export const cancelRequestAction = consoleAction({
  name: "approval.cancel",
  role: "admin",
  input: cancelApprovalInput,
  run: (input, actor) => cancelApprovalRequest(input, actor),
  target: requestTarget,
  details: (input) => ({ reason: input.reason ?? null }),
});
