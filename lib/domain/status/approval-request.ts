import { status, type StatusCatalog } from "@/lib/domain/status/catalog";

// A second-person approval request (lib/server/approvals/approval-requests.ts): pending until a
// second admin approves (the action then runs: approved, or failed when it failed), rejects, the
// requester cancels, or it expires.

export const APPROVAL_REQUEST_STATUS: StatusCatalog = {
  title: "Approval request status",
  entries: [
    status("pending", "warning", "open", { origin: "ours", label: "Pending (waits for a second admin)" }),
    status("approved", "success", "final", { origin: "ours", label: "Approved (the action ran)" }),
    status("failed", "danger", "final", { origin: "ours", label: "Approved, but the action failed" }),
    status("rejected", "danger", "final", { origin: "ours", label: "Rejected" }),
    status("cancelled", "neutral", "final", { origin: "ours", label: "Cancelled by the requester" }),
    status("expired", "neutral", "final", { origin: "ours", label: "Expired" }),
  ],
};
