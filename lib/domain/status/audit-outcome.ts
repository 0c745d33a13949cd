import { status, type StatusCatalog } from "@/lib/domain/status/catalog";

// The outcome of a console action, as the audit log records it.

export const AUDIT_OUTCOME: StatusCatalog = {
  title: "Audit outcome",
  entries: [
    status("succeeded", "success", "final", { origin: "ours", label: "Succeeded" }),
    status("denied", "danger", "final", { origin: "ours", label: "Denied (role)" }),
    status("failed", "danger", "final", { origin: "ours", label: "Failed" }),
  ],
};
