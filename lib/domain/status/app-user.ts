import { status, type StatusCatalog } from "@/lib/domain/status/catalog";

// An app user: a paused user can neither change keys nor move money (lib/server/risk/require-active-user.ts).

export const APP_USER_STATUS: StatusCatalog = {
  title: "App user status",
  entries: [
    status("active", "success", "open", { origin: "ours", label: "Active" }),
    status("paused", "warning", "open", { origin: "ours", label: "Paused (no key changes, no transfers)" }),
  ],
};
