// What Cobo's documented error codes mean for the caller of our API. Cobo answers a refusal with
// `{error_code, error_message, error_id}`; the code decides our problem:
// - the request's own values are wrong or cannot be met (amount above the balance, an address
//   that is not valid for the token, a token not enabled): 422 naming the field, so the app can
//   say what to change;
// - the request is fine but the current state forbids it (UTXOs locked by another transfer,
//   withdrawals suspended, no signing group, a status that cannot be cancelled): 409;
// - the object does not exist at Cobo: not found (our records point at something Cobo lacks);
// - our API key, permissions or Cobo plan are the problem (the operator must act, the app user
//   cannot): 502, with the description in the logs and the console.
// Codes from Cobo's published error-code table (WaaS 2.0 "Error codes"); docs/cobo.md#refusals lists them.

import type { AppErrorCode } from "@/lib/errors";

/** The request field a refusal is about, named as in our transfer and wallet inputs. */
export type RefusedField = "amount" | "fee" | "to_address" | "from_address" | "token_id" | "description" | "memo" | "name" | "chain_id";

export type CoboRefusal = {
  /** Our problem code for the caller. */
  problem: Extract<AppErrorCode, "invalid_input" | "conflict" | "not_found" | "cobo_error">;
  /** The input field at fault, when there is one. */
  field?: RefusedField;
  /** What it means, in words fit for an app user or support staff (never Cobo's raw text). */
  description: string;
};

const R = (problem: CoboRefusal["problem"], description: string, field?: RefusedField): CoboRefusal => ({
  problem,
  description,
  ...(field ? { field } : {}),
});

const REFUSALS: Readonly<Record<number, CoboRefusal>> = {
  // request values
  1003: R("invalid_input", "a required parameter is missing"),
  2003: R("invalid_input", "a required parameter is missing"),
  1006: R("invalid_input", "a parameter has an invalid format or value"),
  2006: R("invalid_input", "a parameter has an invalid format or value"),
  2029: R("invalid_input", "the status value is not allowed"),
  2101: R("invalid_input", "the wallet name is too long", "name"),
  2102: R("invalid_input", "the wallet name contains a character Cobo refuses (+ - = @)", "name"),
  2103: R("conflict", "a wallet with this name already exists", "name"),
  2104: R("invalid_input", "this chain is not enabled for the organization", "chain_id"),
  12002: R("invalid_input", "this token is not supported", "token_id"),
  30002: R("invalid_input", "this token is not supported for this operation", "token_id"),
  30005: R("invalid_input", "the source address is invalid for this token", "from_address"),
  30006: R("invalid_input", "the source address encoding is not supported", "from_address"),
  30007: R("invalid_input", "the amount is not a valid amount for this token", "amount"),
  30008: R("invalid_input", "the amount must be greater than 0", "amount"),
  30009: R("invalid_input", "the amount cannot be negative", "amount"),
  30010: R("invalid_input", "the amount is below the token's minimum withdrawal (dust threshold)", "amount"),
  30012: R("invalid_input", "the amount exceeds the wallet's available balance", "amount"),
  12007: R("invalid_input", "the amount exceeds the wallet's available balance", "amount"),
  30013: R("invalid_input", "the fee token balance cannot cover the fee", "fee"),
  30014: R("invalid_input", "the destination address is invalid for this token", "to_address"),
  30016: R("invalid_input", "too many transaction categories"),
  30017: R("invalid_input", "a transaction category name is too long"),
  30018: R("invalid_input", "the description is too long (at most 100 characters)", "description"),
  30024: R("invalid_input", "no destination was given", "to_address"),
  30031: R("invalid_input", "this token is not enabled for the organization", "token_id"),
  60010: R("invalid_input", "this token is not enabled for the organization", "token_id"),
  60020: R("invalid_input", "the address is not enabled for this token and wallet", "from_address"),
  12025: R("invalid_input", "the UTXOs named are invalid"),
  // state
  2105: R("conflict", "the wallet's UTXOs are locked by a pending transaction; retry when it is final"),
  30025: R("conflict", "withdrawals are unavailable for this wallet or token"),
  30026: R("conflict", "transfers are unavailable for this wallet"),
  30030: R("conflict", "Cobo has suspended deposits or withdrawals of this token"),
  30032: R("conflict", "the vault has no key share holder group that can sign"),
  50000: R("conflict", "the Main Group's key shares are not backed up"),
  60005: R("conflict", "the transaction's status does not allow cancelling it"),
  60006: R("conflict", "the transaction's status does not allow dropping it"),
  60007: R("conflict", "the transaction's status does not allow speeding it up"),
  // not found
  2028: R("not_found", "Cobo has no such object (or it belongs to another organization or environment)"),
  4001: R("not_found", "the object belongs to another organization"),
  30004: R("not_found", "the source wallet does not exist at Cobo"),
  30015: R("not_found", "the destination wallet does not exist at Cobo"),
  60004: R("not_found", "Cobo has no such transaction"),
  // our key, permissions or plan: the operator must act
  2024: R("cobo_error", "Cobo refused our API key (wrong environment, not activated, IP allowlist or signature)"),
  2025: R("cobo_error", "our API key lacks the permission or scope for this"),
  30000: R("cobo_error", "our API key lacks the permission for this transfer"),
  2050: R("cobo_error", "no Cobo pricing plan is active"),
  2051: R("cobo_error", "the Cobo pricing plan has expired"),
  2052: R("cobo_error", "the Cobo pricing plan's quota is used up"),
  2053: R("cobo_error", "the Cobo pricing plan does not include this operation"),
  2054: R("cobo_error", "the Cobo pricing plan is suspended for an overdue payment"),
  2021: R("cobo_error", "Cobo does not offer this endpoint"),
  10000: R("cobo_error", "the organization is read-only in Cobo Portal"),
  30036: R("cobo_error", "the Fee Station balance is insufficient"),
  30038: R("cobo_error", "the Fee Station cannot cover this fee token"),
};

/** Cobo's error codes that mean "no such object" (whatever the HTTP status). */
export const COBO_NOT_FOUND_CODES: readonly number[] = Object.entries(REFUSALS)
  .filter(([, r]) => r.problem === "not_found")
  .map(([code]) => Number(code));

/**
 * What a refusal (an HTTP 4xx from Cobo) means for our caller. Unknown codes are our problem to
 * investigate, not the caller's to fix: 502 (a 404 without a known code is still "not found").
 */
export function describeRefusal(errorCode: number | undefined, httpStatus: number | undefined): CoboRefusal {
  const known = errorCode !== undefined ? REFUSALS[errorCode] : undefined;
  if (known) return known;
  if (httpStatus === 404) return R("not_found", "Cobo has no such object");
  if (httpStatus === 401 || httpStatus === 403) return R("cobo_error", "Cobo refused our API key or its permissions");
  return R("cobo_error", "Cobo refused the request");
}

/**
 * Codes Cobo documents that are not refusals of the caller's input (its table says to retry them);
 * shown to staff beside the code when Cobo's answer carried no message.
 */
const OTHER_DOCUMENTED: Record<number, string> = {
  2000: "internal error at Cobo; retry later",
  2026: "too many requests",
  30039: "Cobo's Fee Station is short of funds; retry later",
  60003: "the fee could not be estimated; retry",
};

/** What Cobo documents for an error code, or undefined for a code it does not document. */
export function documentedCoboError(errorCode: number | undefined): string | undefined {
  if (errorCode === undefined) return undefined;
  return REFUSALS[errorCode]?.description ?? OTHER_DOCUMENTED[errorCode];
}
