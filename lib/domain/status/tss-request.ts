import { status, type StatusCatalog } from "@/lib/domain/status/catalog";

// A TSS request's status: Cobo's TSSRequestStatus. The ranks are the sandbox's default order, used
// for display and only for reports that were not read from Cobo: between open statuses Cobo
// reports, the later observation wins, since Cobo does not document the order of MPCProcessing and
// KeyGenerating (tssTransitionAllowed in lib/server/tss-requests/tss-status.ts); a final status is
// never left. Cobo adds values, so an unknown status is open and ranks between waiting and generating.
// "Canceled" is not in npm 1.8.0's enum: Cobo's later API versions report a cancelled request so;
// 1.8.0 (and the sandbox) as KeyHolderConfirmationFailed. Either way it is final.

export const TSS_REQUEST_STATUS: StatusCatalog = {
  title: "TSS request status",
  unknownRank: 25,
  entries: [
    status("PendingKeyHolderConfirmation", "warning", "open", { rank: 10 }),
    status("MPCProcessing", "warning", "open", { rank: 20, label: "MPC processing" }),
    status("KeyGenerating", "warning", "open", { rank: 30 }),
    status("Success", "success", "final", { rank: 100 }),
    status("KeyHolderConfirmationFailed", "danger", "final", { rank: 100 }),
    status("KeyGeneratingFailed", "danger", "final", { rank: 100 }),
    status("Canceled", "neutral", "final", { rank: 100 }),
  ],
};
