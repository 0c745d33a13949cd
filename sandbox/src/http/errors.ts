import { randomUUID } from "node:crypto";

// Cobo's error body is `{error_code, error_message, error_id}`; the codes below
// are the ones Cobo documents (developer-site `snippets/error-codes.mdx`).

/** Cobo error codes used by the sandbox. */
export const ErrorCode = {
  internal: 2000,
  missingParameter: 2003,
  invalidParameter: 2006,
  notImplemented: 2021,
  authFailed: 2024,
  forbidden: 2025,
  notFound: 2028,
  invalidStatus: 2029,
  walletNameTooLong: 2101,
  walletNameInvalid: 2102,
  walletNameTaken: 2103,
  chainNotEnabled: 2104,
  duplicateRequestId: 30001,
  sourceWalletInvalid: 30004,
  sourceAddressInvalid: 30005,
  invalidAmount: 30007,
  amountBelowDust: 30010,
  insufficientBalance: 30012,
  insufficientFeeBalance: 30013,
  destinationAddressInvalid: 30014,
  descriptionTooLong: 30018,
  requestIdInvalid: 30028,
  tokenNotEnabled: 30031,
  noSigningGroup: 30032,
  feeNotEstimated: 60003,
  transactionNotFound: 60004,
} as const;

/** An expected failure answered with Cobo's error body. */
export class CoboError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 429 | 500 | 503,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "CoboError";
  }
}

/** Cobo's error response body. */
export interface CoboErrorBody {
  error_code: number;
  error_message: string;
  error_id: string;
}

/** Builds Cobo's error body with a fresh error id. */
export function errorBody(code: number, message: string): CoboErrorBody {
  return { error_code: code, error_message: message, error_id: randomUUID().replace(/-/g, "") };
}

/** 400 for a parameter with an invalid value. */
export function invalidParam(message: string): CoboError {
  return new CoboError(400, ErrorCode.invalidParameter, message);
}

/** 404 for a resource that does not exist in this organization. */
export function notFound(what: string): CoboError {
  return new CoboError(404, ErrorCode.notFound, `${what} not found`);
}
