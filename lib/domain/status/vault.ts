import { status, type StatusCatalog } from "@/lib/domain/status/catalog";

// A vault's status, ours: the row is written before Cobo's create call ("Creating"), Cobo made it
// ("Created"), its Main Group exists ("MainGroupCreated") and holds a key ("MainGroupGenerated").

export const VAULT_STATUS: StatusCatalog = {
  title: "Vault status",
  entries: [
    status("Creating", "neutral", "open", { origin: "ours", label: "Creating at Cobo" }),
    status("Created", "warning", "open", { origin: "ours" }),
    status("MainGroupCreated", "warning", "open", { origin: "ours", label: "Main Group created" }),
    status("MainGroupGenerated", "success", "final", { origin: "ours", label: "Main Group key generated" }),
  ],
};
