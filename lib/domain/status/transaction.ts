import { status, type StatusCatalog, type StatusEntry } from "@/lib/domain/status/catalog";

// A transaction's status: Cobo's TransactionStatus in lifecycle order, plus "Created", ours: the
// row exists (with its request_id) but Cobo has not acknowledged the transfer yet. The ranks order
// reports (transactionUpdateAllowed in lib/server/transactions/transaction-status.ts): a report only
// moves a transaction forward. An unknown status ranks between waiting for signatures and
// broadcasting. Final statuses rank alike; which final → final move is allowed is decided there.

export type TransactionStatusEntry = StatusEntry & {
  /** Cobo cancels a withdrawal in this status (before anything is signed) */
  cancellable: boolean;
};

const tx = (entry: StatusEntry, cancellable = false): TransactionStatusEntry => ({ ...entry, cancellable });

export const TRANSACTION_STATUS: StatusCatalog<TransactionStatusEntry> = {
  title: "Transaction status",
  unknownRank: 45,
  entries: [
    tx(status("Created", "warning", "open", { rank: 0, origin: "ours", label: "Created (not yet acknowledged by Cobo)" })),
    tx(status("Submitted", "warning", "open", { rank: 10 }), true),
    tx(status("Pending", "warning", "open", { rank: 15 })),
    tx(status("PendingScreening", "warning", "open", { rank: 20 }), true),
    tx(status("PendingAuthorization", "warning", "open", { rank: 30 }), true),
    tx(status("PendingSignature", "warning", "open", { rank: 40 }), true),
    tx(status("Broadcasting", "warning", "open", { rank: 50 })),
    tx(status("Confirming", "warning", "open", { rank: 60 })),
    tx(status("Completed", "success", "final", { rank: 100 })),
    tx(status("Failed", "danger", "final", { rank: 100 })),
    tx(status("Rejected", "danger", "final", { rank: 100 })),
  ],
};

// Cobo's TransactionSubStatus: free detail beside the status (it does not order anything). Its
// phase is that of the status it comes with: rejections, failures and cancellations end the
// transaction; the pending checks do not.
export const TRANSACTION_SUB_STATUS: StatusCatalog = {
  title: "Transaction sub-status",
  entries: [
    status("PendingDoubleCheck", "warning", "open"),
    status("PendingSpenderCheck", "warning", "open"),
    status("PendingRiskControlCheck", "warning", "open"),
    status("PendingApproverCheck", "warning", "open"),
    status("PendingTravelRuleInfo", "warning", "open"),
    status("PendingTravelRuleCheck", "warning", "open"),
    status("PendingApprovalStart", "warning", "open"),
    status("PendingWaitSigner", "warning", "open"),
    status("SignatureVerificationSuccess", "success", "open"),
    status("Queue", "warning", "open"),
    status("PendingBlockConfirmations", "warning", "open"),
    status("Reverting", "warning", "open"),
    status("RejectedKYT", "danger", "final", { label: "Rejected by KYT" }),
    status("RejectedCoboCheck", "danger", "final"),
    status("RejectedWhiteList", "danger", "final", { label: "Rejected by whitelist" }),
    status("RejectedDoubleCheck", "danger", "final"),
    status("RejectedSpenderAuth", "danger", "final"),
    status("RejectedRiskControlCheck", "danger", "final"),
    status("RejectedApproverAuth", "danger", "final"),
    status("RejectedbyMobileCosigner", "danger", "final", { label: "Rejected by mobile co-signer" }),
    status("RejectedTravelRule", "danger", "final"),
    status("RejectedTravelRuleDueToCompliance", "danger", "final"),
    status("RejectedTravelRuleDueToUnsupportedToken", "danger", "final"),
    status("OnchainRejection", "danger", "final", { label: "On-chain rejection" }),
    status("SignatureVerificationFailed", "danger", "final"),
    status("FailedBySigner", "danger", "final"),
    status("FailedBroadcasting", "danger", "final"),
    status("FailedOnChain", "danger", "final"),
    status("ReplacedByNewTransaction", "neutral", "final"),
    status("CanceledBySpender", "neutral", "final"),
    status("CanceledByAPI", "neutral", "final", { label: "Canceled by API" }),
  ],
};
