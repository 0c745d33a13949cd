import { status, type StatusCatalog } from "@/lib/domain/status/catalog";

// The risk-control callback's answer to Cobo, recorded per request.

export const RISK_DECISION: StatusCatalog = {
  title: "Risk decision",
  entries: [
    status("ok", "success", "final", { origin: "ours", label: "Approved (ok)" }),
    status("deny", "danger", "final", { origin: "ours", label: "Denied" }),
  ],
};
