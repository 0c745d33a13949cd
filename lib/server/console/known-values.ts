import "server-only";

// Values Cobo and our own code are known to use, offered in filter menus even before a row has
// them. Stored values outside these lists are still shown (Cobo adds enum values over time).

export const TSS_REQUEST_STATUSES = [
  "PendingKeyHolderConfirmation",
  "KeyHolderConfirmationFailed",
  "KeyGenerating",
  "MPCProcessing",
  "KeyGeneratingFailed",
  "Success",
] as const;

/** Statuses after which Cobo never moves a TSS request again. */
export const TSS_REQUEST_TERMINAL_STATUSES = ["Success", "KeyHolderConfirmationFailed", "KeyGeneratingFailed"] as const;

export const TSS_REQUEST_TYPES = ["KeyGen", "KeyGenFromKeyGroup", "Recovery"] as const;

export const TRANSACTION_STATUSES = [
  "Created",
  "Submitted",
  "PendingScreening",
  "PendingAuthorization",
  "PendingSignature",
  "Broadcasting",
  "Confirming",
  "Completed",
  "Failed",
  "Rejected",
  "Pending",
] as const;

export const TRANSACTION_TYPES = ["Deposit", "Withdrawal"] as const;

export const USER_STATUSES = ["active", "paused"] as const;

export const VAULT_STATUSES = ["Creating", "Created", "MainGroupCreated", "MainGroupGenerated"] as const;

export const WEBHOOK_EVENT_STATUSES = ["received", "applied", "ignored", "failed"] as const;

export const WEBHOOK_EVENT_TYPES = [
  "wallets.transaction.created",
  "wallets.transaction.updated",
  "wallets.transaction.failed",
  "wallets.transaction.succeeded",
  "wallets.mpc.tss_request.created",
  "wallets.mpc.tss_request.updated",
  "wallets.mpc.tss_request.failed",
  "wallets.mpc.tss_request.succeeded",
  "wallets.addresses.created",
  "wallets.created",
  "mpc_vaults.created",
] as const;

export const AUDIT_OUTCOMES = ["succeeded", "denied", "failed"] as const;
