import { status, type StatusCatalog } from "@/lib/domain/status/catalog";

// A key share holder group has two statuses: Cobo's (KeyShareHolderGroupStatus) and our lifecycle
// (what the group is to its vault); each holder in it has Cobo's KeyShareHolderStatus.

export const GROUP_STATUS: StatusCatalog = {
  title: "Key share holder group status",
  entries: [status("New", "warning", "open"), status("Valid", "success", "open"), status("Unavailable", "danger", "final")],
};

/**
 * pending: its key generation has not succeeded yet; active: usable (the vault's active Main Group,
 * or a ready Recovery Group); superseded: a Main Group replaced by recovery; abandoned: its key
 * generation failed or was cancelled.
 */
export const GROUP_LIFECYCLE: StatusCatalog = {
  title: "Key share holder group lifecycle",
  entries: [
    status("pending", "warning", "open", { origin: "ours", label: "Pending key generation" }),
    status("active", "success", "open", { origin: "ours", label: "Active" }),
    status("superseded", "neutral", "final", { origin: "ours", label: "Superseded by recovery" }),
    status("abandoned", "neutral", "final", { origin: "ours", label: "Abandoned (key generation failed or cancelled)" }),
  ],
};

export const KEY_SHARE_HOLDER_STATUS: StatusCatalog = {
  title: "Key share holder status",
  entries: [
    status("NotConfigured", "warning", "open"),
    status("NotActivated", "warning", "open"),
    status("Valid", "success", "open"),
    status("Changed", "neutral", "open"),
  ],
};
