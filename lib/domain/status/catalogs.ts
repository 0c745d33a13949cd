import { entryOf, type StatusCatalog, type StatusEntry, type Tone } from "@/lib/domain/status/catalog";
import { APP_USER_STATUS } from "@/lib/domain/status/app-user";
import { APPROVAL_REQUEST_STATUS } from "@/lib/domain/status/approval-request";
import { AUDIT_OUTCOME } from "@/lib/domain/status/audit-outcome";
import { GROUP_LIFECYCLE, GROUP_STATUS, KEY_SHARE_HOLDER_STATUS } from "@/lib/domain/status/key-share-holder-group";
import { RISK_DECISION } from "@/lib/domain/status/risk-decision";
import { TRANSACTION_STATUS, TRANSACTION_SUB_STATUS } from "@/lib/domain/status/transaction";
import { TSS_NODE_STATUS } from "@/lib/domain/status/tss-node";
import { TSS_REQUEST_STATUS } from "@/lib/domain/status/tss-request";
import { VAULT_STATUS } from "@/lib/domain/status/vault";
import { SIGNATURE_CHECK, WEBHOOK_EVENT_STATUS } from "@/lib/domain/status/webhook-event";

// Every status the console shows, by subject: a badge names its subject and takes its tone from
// that subject's catalog (<StatusBadge subject="transaction" status={...} />).

export const STATUS_CATALOGS = {
  transaction: TRANSACTION_STATUS,
  transaction_sub_status: TRANSACTION_SUB_STATUS,
  tss_request: TSS_REQUEST_STATUS,
  vault: VAULT_STATUS,
  group: GROUP_STATUS,
  group_lifecycle: GROUP_LIFECYCLE,
  key_share_holder: KEY_SHARE_HOLDER_STATUS,
  tss_node: TSS_NODE_STATUS,
  webhook_event: WEBHOOK_EVENT_STATUS,
  signature: SIGNATURE_CHECK,
  app_user: APP_USER_STATUS,
  risk_decision: RISK_DECISION,
  audit_outcome: AUDIT_OUTCOME,
  approval_request: APPROVAL_REQUEST_STATUS,
} as const satisfies Record<string, StatusCatalog>;

export type StatusSubject = keyof typeof STATUS_CATALOGS;

/** What `value` means as the status of `subject` (a value the catalog lacks: neutral, open). */
export function statusEntry(subject: StatusSubject, value: string): StatusEntry {
  return entryOf(STATUS_CATALOGS[subject], value);
}

/** The badge tone of `value` as the status of `subject`. */
export function toneOf(subject: StatusSubject, value: string): Tone {
  return statusEntry(subject, value).tone;
}

/**
 * The badge tone of a value whose subject is not known, from whichever catalog lists it (a value
 * listed by several catalogs has one tone in all of them: the catalog tests hold that). Values no
 * catalog lists are neutral.
 */
export function statusTone(value: string): Tone {
  for (const catalog of Object.values(STATUS_CATALOGS) as StatusCatalog[]) {
    const entry = catalog.entries.find((e) => e.value === value);
    if (entry) return entry.tone;
  }
  return "neutral";
}
