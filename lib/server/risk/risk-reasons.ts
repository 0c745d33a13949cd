import "server-only";

// Every risk-control decision carries one short machine code (for filters, metrics and tests) and
// a human detail (for the operator reading the console). Both go into RiskDecision.reason as
// "<code>: <detail>"; the schema has one column and the code is its stable prefix.

export const RISK_REASON_CODES = [
  "approved",
  "signature_missing",
  "signature_invalid",
  "signature_stale",
  "body_too_large",
  "verification_error",
  "malformed_body",
  "not_withdrawal",
  "unsupported_destination",
  "unknown_request",
  "not_created_here",
  "record_mismatch",
  "transaction_final",
  "owner_mismatch",
  "user_paused",
  "destination_denied",
  "destination_not_allowed",
  "limit_exceeded",
  "timeout",
  "internal_error",
] as const;

export type RiskReasonCode = (typeof RISK_REASON_CODES)[number];

/**
 * How the request's signature fared: only "valid" decisions were answered to Cobo itself;
 * "not_applicable" for decisions made before submission (no request from Cobo to verify).
 */
export type SignatureResult = "valid" | "invalid" | "missing" | "stale" | "too_large" | "error" | "not_applicable";

/** Which rule decided: an amount limit, an address rule, the chain's allow list as a whole, the user's status. */
export type RiskRuleRef = { type: "limit" | "address_rule" | "allow_list" | "user_status"; id: string | null };

export type RiskVerdict = { decision: "ok" | "deny"; code: RiskReasonCode; detail: string; rule?: RiskRuleRef };

/** A deny verdict; the endpoint fails closed, so this is the common case. */
export function deny(code: Exclude<RiskReasonCode, "approved">, detail: string, rule?: RiskRuleRef): RiskVerdict {
  return rule ? { decision: "deny", code, detail, rule } : { decision: "deny", code, detail };
}

/** Where a decision was made: before the transfer was sent to Cobo, or in answer to Cobo's callback. */
export type RiskStage = "pre_submission" | "callback";

const MAX_REASON_CHARS = 1000;

/** The stored form of a verdict's reason: "<code>: <detail>", bounded in length. */
export function formatReason(verdict: Pick<RiskVerdict, "code" | "detail">): string {
  const text = `${verdict.code}: ${verdict.detail}`;
  if (text.length <= MAX_REASON_CHARS) return text;
  // never cut a surrogate pair in half: half a character is not text the database can store
  const cut = text.slice(0, MAX_REASON_CHARS - 1).replace(/[\uD800-\uDBFF]$/, "");
  return `${cut}…`;
}

/** Splits a stored reason back into code and detail (older or foreign text keeps its whole self as detail). */
export function parseReason(reason: string): { code: string; detail: string } {
  const match = /^([a-z_]+): ([\s\S]*)$/.exec(reason);
  return match ? { code: match[1] ?? "", detail: match[2] ?? "" } : { code: "", detail: reason };
}
