import "server-only";
import { valuesIn, valuesOf } from "@/lib/domain/status/catalog";
import { AUDIT_OUTCOME } from "@/lib/domain/status/audit-outcome";
import { APP_USER_STATUS } from "@/lib/domain/status/app-user";
import { TRANSACTION_STATUS } from "@/lib/domain/status/transaction";
import { TSS_REQUEST_STATUS } from "@/lib/domain/status/tss-request";
import { VAULT_STATUS } from "@/lib/domain/status/vault";
import { WEBHOOK_EVENT_STATUS } from "@/lib/domain/status/webhook-event";

// Values Cobo and our own code are known to use, offered in filter menus even before a row has
// them. Stored values outside these lists are still shown (Cobo adds enum values over time).
// Statuses come from the status catalogs (lib/domain/status/), in lifecycle order.

export const TSS_REQUEST_STATUSES: readonly string[] = valuesOf(TSS_REQUEST_STATUS);

/** Statuses after which Cobo never moves a TSS request again. */
export const TSS_REQUEST_TERMINAL_STATUSES: readonly string[] = valuesIn(TSS_REQUEST_STATUS, "final");

export const TSS_REQUEST_TYPES = ["KeyGen", "KeyGenFromKeyGroup", "Recovery"] as const;

export const TRANSACTION_STATUSES: readonly string[] = valuesOf(TRANSACTION_STATUS);

export const TRANSACTION_TYPES = ["Deposit", "Withdrawal"] as const;

export const USER_STATUSES: readonly string[] = valuesOf(APP_USER_STATUS);

export const VAULT_STATUSES: readonly string[] = valuesOf(VAULT_STATUS);

export const WEBHOOK_EVENT_STATUSES: readonly string[] = valuesOf(WEBHOOK_EVENT_STATUS);

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

export const AUDIT_OUTCOMES: readonly string[] = valuesOf(AUDIT_OUTCOME);
