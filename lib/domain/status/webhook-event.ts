import { status, type StatusCatalog } from "@/lib/domain/status/catalog";

// A webhook event in our inbox: stored on receipt, then applied or ignored by the webhook-apply job
// (a failed one is retried by the queue and by reconciliation).

export const WEBHOOK_EVENT_STATUS: StatusCatalog = {
  title: "Webhook event status",
  entries: [
    status("received", "warning", "open", { origin: "ours", label: "Received, not applied yet" }),
    status("applied", "success", "final", { origin: "ours", label: "Applied" }),
    status("ignored", "neutral", "final", { origin: "ours", label: "Ignored (not ours, or not for this backend)" }),
    status("failed", "danger", "open", { origin: "ours", label: "Failed (retried)" }),
  ],
};

/**
 * How the signature of something Cobo sent us fared (webhook events and risk-control callbacks);
 * "api" marks a webhook event reconciliation listed through Cobo's API, which carries none.
 */
export const SIGNATURE_CHECK: StatusCatalog = {
  title: "Signature check",
  entries: [
    status("valid", "success", "final", { origin: "ours", label: "Valid signature" }),
    status("api", "neutral", "final", { origin: "ours", label: "Read from Cobo's API (no signature)" }),
    status("not_applicable", "neutral", "final", { origin: "ours", label: "Not applicable (decided before submission)" }),
    status("invalid", "danger", "final", { origin: "ours", label: "Invalid signature" }),
    status("missing", "neutral", "final", { origin: "ours", label: "No signature" }),
    status("stale", "neutral", "final", { origin: "ours", label: "Timestamp too old" }),
    status("too_large", "neutral", "final", { origin: "ours", label: "Body too large to check" }),
    status("error", "danger", "final", { origin: "ours", label: "Check failed" }),
  ],
};
