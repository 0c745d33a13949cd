// Expected failures, thrown by domain code as one typed error. The HTTP layer maps each code to a
// status (lib/http/problem.ts); anything that is not an AppError is a 500 with no detail.
//
// Identity is a brand, never `instanceof`: the production build gives each route its own copy of
// this module, and an error made by one copy (say, by the Cobo gateway, which is created once per
// process by whichever route used it first) is not an instance of another copy's class. The brand
// is a `Symbol.for` key, the same symbol in every copy. ESLint forbids `instanceof AppError`.

export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  /** refused by the risk rules (limits, address rules) before anything was sent to Cobo */
  risk_denied: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_input: 422,
  bad_request: 400,
  payload_too_large: 413,
  request_timeout: 408,
  unsupported_media_type: 415,
  rate_limited: 429,
  cobo_unavailable: 503,
  cobo_error: 502,
  precondition_failed: 412,
} as const;

export type AppErrorCode = keyof typeof ERROR_STATUS;

export type FieldIssue = { path: string; message: string };

const APP_ERROR_BRAND = Symbol.for("ucw-console.AppError");

export class AppError extends Error {
  readonly [APP_ERROR_BRAND] = true;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly options: { issues?: FieldIssue[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** True for an AppError (or a subclass such as CoboError) made by any copy of this module. */
export function isAppError(error: unknown): error is AppError {
  return typeof error === "object" && error !== null && (error as { [APP_ERROR_BRAND]?: unknown })[APP_ERROR_BRAND] === true;
}
