import { AppError } from "@/lib/errors";
import { describeRefusal, documentedCoboError, COBO_NOT_FOUND_CODES, type CoboRefusal } from "@/lib/cobo/refusals";
import { CoboErrorBodySchema } from "@/lib/cobo/types";

// How a failed Cobo call is described, whether it may be retried, and the one error type
// (CoboError) that leaves lib/cobo. Cobo's own error text never goes into a CoboError's message: it
// can echo request content, and messages reach API clients through the problem+json envelope. It
// is kept apart (`coboErrorMessage`) for logs and the console.

/** Why one attempt failed. */
export type FailureKind =
  | "rate_limited" // HTTP 429 or Cobo error 2026
  | "server_error" // HTTP 5xx answered by Cobo (or a proxy in front of it)
  | "timeout" // no answer within COBO_TIMEOUT_MS: the request may have been processed
  | "not_connected" // the connection was never established: the request provably did not reach Cobo
  | "network" // connection broke mid-way (reset, socket hang up): the request may have been processed
  | "rejected" // Cobo answered 4xx: it looked at the request and refused it
  | "invalid_response"; // Cobo answered 2xx but not with what its API documents

export type CallFailure = {
  kind: FailureKind;
  httpStatus?: number;
  coboErrorCode?: number;
  coboErrorId?: string;
  /** Cobo's own text: for our logs only, never for CoboError messages. */
  coboErrorMessage?: string;
  /** Node's error code for transport failures (ECONNREFUSED, ECONNRESET, …). */
  networkCode?: string;
  retryAfterSeconds?: number;
};

/**
 * How repeatable an operation is, which decides what may be retried:
 * - `read`: GETs and estimate_fee; no side effect, retry anything transient.
 * - `idempotent`: PUTs (set a value) and createTransfer (Cobo dedupes by request_id; a duplicate
 *   answer is resolved by looking the transfer up); retry anything transient.
 * - `unsafe`: every other POST (create project/vault/group/TSS request/wallet/address/webhook
 *   endpoint, cancel, delete, retry, trigger): a repeat could create a second object.
 */
export type CallSafety = "read" | "idempotent" | "unsafe";

export const COBO_RATE_LIMIT_ERROR = 2026;
/** Cobo's answers to a reused request_id (docs/cobo.md#idempotency; the sandbox answers 30001). */
export const COBO_DUPLICATE_REQUEST_ID_ERRORS: readonly number[] = [12009, 30001];

// Node error codes of a connection that never opened: no byte of the request left this process.
const NOT_CONNECTED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * The retry rule. Transient failures are retried for `read` and `idempotent` calls.
 * For `unsafe` POSTs only failures that prove Cobo did not act are retried:
 * - not_connected (connection refused, DNS failure): the request never left;
 * - rate_limited (429 / 2026): the rate limiter refuses before anything is executed;
 * - HTTP 503: "not able to handle the request" (RFC 9110 §15.6.4), what Cobo's and load
 *   balancers' overload and maintenance answers use.
 * Not retried for unsafe POSTs: timeouts and broken connections (Cobo may have created the
 * object and we lost the answer), 500/502/504 (may come after the write, or while the backend is
 * still working on it). Those surface as `cobo_unavailable` with `outcomeUnknown: true`; the
 * caller reconciles by listing (e.g. the vault by name) before trying again.
 * Never retried: 4xx rejections and malformed answers (repeating gives the same answer).
 */
export function isRetryable(failure: CallFailure, safety: CallSafety): boolean {
  switch (failure.kind) {
    case "rate_limited":
    case "not_connected":
      return true;
    case "server_error":
      if (failure.httpStatus === 503) return true;
      // 501/505: the server says it will never do this; repeating is pointless.
      if (failure.httpStatus === 501 || failure.httpStatus === 505) return false;
      return safety !== "unsafe";
    case "timeout":
    case "network":
      return safety !== "unsafe";
    case "rejected":
    case "invalid_response":
      return false;
  }
}

/** True when the request may have been executed although we saw no success (unsafe to repeat blindly). */
export function outcomeUnknown(failure: CallFailure): boolean {
  if (failure.kind === "timeout" || failure.kind === "network") return true;
  if (failure.kind === "server_error") return failure.httpStatus !== 503 && failure.httpStatus !== 501 && failure.httpStatus !== 505;
  return false;
}

type ObjectLike = Record<string, unknown>;
const isObject = (v: unknown): v is ObjectLike => typeof v === "object" && v !== null;

function header(headers: unknown, name: string): string | undefined {
  if (!isObject(headers)) return undefined;
  const value = headers[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return undefined;
}

function retryAfter(headers: unknown): number | undefined {
  const v = header(headers, "retry-after");
  if (v === undefined) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * Describes what the SDK rejected with: `{status, body, response, error}` for an HTTP error,
 * `{error}` (a superagent Error with a Node `code`) for a transport failure. Returns undefined for
 * anything else (e.g. the SDK's synchronous "Missing the required parameter" Error): that is a bug
 * in our code, not a Cobo failure, and is left to surface as a 500.
 */
export function classifySdkFailure(reason: unknown): CallFailure | undefined {
  if (!isObject(reason) || !("error" in reason)) return undefined;
  const response = isObject(reason.response) ? reason.response : undefined;
  const error = reason.error;
  // An answer arrived: its status is on the response, or (body that is not JSON) on superagent's parse error.
  const status =
    typeof response?.status === "number"
      ? response.status
      : isObject(error) && typeof error.statusCode === "number"
        ? error.statusCode
        : undefined;
  if (status !== undefined) {
    const parsed = CoboErrorBodySchema.safeParse(response?.body);
    const body = parsed.success ? parsed.data : {};
    const base = {
      httpStatus: status,
      ...(body.error_code !== undefined ? { coboErrorCode: body.error_code } : {}),
      ...(body.error_id !== undefined ? { coboErrorId: body.error_id } : {}),
      ...(body.error_message !== undefined ? { coboErrorMessage: body.error_message.slice(0, 300) } : {}),
    };
    if (status === 429 || body.error_code === COBO_RATE_LIMIT_ERROR) {
      const ra = retryAfter(response?.headers);
      return { kind: "rate_limited", ...base, ...(ra !== undefined ? { retryAfterSeconds: ra } : {}) };
    }
    if (status >= 500) return { kind: "server_error", ...base };
    if (status >= 400) return { kind: "rejected", ...base };
    // A 2xx/3xx the SDK could not handle (unparseable body, redirect): not what Cobo documents.
    return { kind: "invalid_response", ...base };
  }
  if (!isObject(error)) return { kind: "network" };
  const code = typeof error.code === "string" ? error.code : undefined;
  const errno = typeof error.errno === "string" ? error.errno : undefined;
  if (typeof error.timeout === "number" || code === "ECONNABORTED" || code === "ETIMEDOUT" || errno === "ETIME") {
    return { kind: "timeout", ...(code ? { networkCode: code } : {}) };
  }
  if (code && NOT_CONNECTED_CODES.has(code)) return { kind: "not_connected", networkCode: code };
  return { kind: "network", ...(code ? { networkCode: code } : {}) };
}

const COBO_ERROR_BRAND = Symbol.for("ucw-console.CoboError");

/** Seconds an app should wait before retrying when Cobo is unavailable and did not say how long. */
export const DEFAULT_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * A failed call to Cobo, after retries. `status` (inherited) is OUR HTTP status: a refusal maps by
 * Cobo's error code (lib/cobo/refusals.ts: 422 naming the field, 409, 404, or 502 when our key or
 * plan is at fault); an unreachable, slow, overloaded or failing Cobo is 503 with Retry-After;
 * an answer not shaped as documented is 502.
 */
export class CoboError extends AppError {
  readonly [COBO_ERROR_BRAND] = true;
  readonly kind: FailureKind;
  /** HTTP status Cobo answered with; undefined when no answer arrived. */
  readonly coboHttpStatus: number | undefined;
  readonly coboErrorCode: number | undefined;
  /** Cobo's error id: quote it to Cobo support. */
  readonly coboErrorId: string | undefined;
  /** The gateway function that failed, e.g. "createMpcVault". */
  readonly operation: string;
  /** The request may have been executed by Cobo even though we saw no success. */
  readonly outcomeUnknown: boolean;
  /** What a refusal means (set when Cobo answered 4xx). */
  readonly refusal: CoboRefusal | undefined;
  /** Cobo's own error text, for logs and support staff: never sent to an app. */
  declare readonly coboErrorMessage: string | undefined;

  constructor(operation: string, failure: CallFailure) {
    const refusal = failure.kind === "rejected" ? describeRefusal(failure.coboErrorCode, failure.httpStatus) : undefined;
    const code = refusal ? refusal.problem : failure.kind === "invalid_response" ? "cobo_error" : "cobo_unavailable";
    const retryAfterSeconds =
      failure.retryAfterSeconds ?? (code === "cobo_unavailable" ? DEFAULT_UNAVAILABLE_RETRY_AFTER_SECONDS : undefined);
    super(code, refusal ? refusalMessage(refusal, failure) : genericMessage(failure), {
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(refusal?.field && refusal.problem === "invalid_input"
        ? { issues: [{ path: `body.${refusal.field}`, message: refusal.description }] }
        : {}),
    });
    this.name = "CoboError";
    this.refusal = refusal;
    // Not enumerable: JSON.stringify of the error (and anything that spreads it) leaves it out.
    Object.defineProperty(this, "coboErrorMessage", { value: failure.coboErrorMessage, enumerable: false });
    this.kind = failure.kind;
    this.coboHttpStatus = failure.httpStatus;
    this.coboErrorCode = failure.coboErrorCode;
    this.coboErrorId = failure.coboErrorId;
    this.operation = operation;
    this.outcomeUnknown = outcomeUnknown(failure);
  }
}

function refusalMessage(r: CoboRefusal, f: CallFailure): string {
  const ref = f.coboErrorCode !== undefined ? `Cobo error ${f.coboErrorCode}` : `HTTP ${f.httpStatus ?? "?"}`;
  const text = r.description.charAt(0).toUpperCase() + r.description.slice(1);
  return `${text} (${ref}).`;
}

function genericMessage(f: CallFailure): string {
  switch (f.kind) {
    case "rejected":
      return f.coboErrorCode !== undefined
        ? `Cobo rejected the request (error ${f.coboErrorCode})`
        : `Cobo rejected the request (HTTP ${f.httpStatus ?? "?"})`;
    case "rate_limited":
      return "Cobo is rate limiting requests; try again shortly";
    case "server_error":
      return `Cobo is unavailable (HTTP ${f.httpStatus ?? "?"})`;
    case "timeout":
      return "Cobo did not answer in time";
    case "not_connected":
    case "network":
      return "Cobo could not be reached";
    case "invalid_response":
      return "Cobo returned an unexpected response";
  }
}

/** True for a CoboError made by any copy of this module (a brand, not `instanceof`: see lib/errors.ts). */
export function isCoboError(error: unknown): error is CoboError {
  return typeof error === "object" && error !== null && (error as { [COBO_ERROR_BRAND]?: unknown })[COBO_ERROR_BRAND] === true;
}

/**
 * True when Cobo says the object does not exist (or is not visible to this API key): HTTP 404, or
 * one of Cobo's not-found error codes (2028, 4001, …) under whatever HTTP status it came with.
 */
export function isCoboNotFound(error: unknown): boolean {
  if (!isCoboError(error) || error.kind !== "rejected") return false;
  return error.coboHttpStatus === 404 || (error.coboErrorCode !== undefined && COBO_NOT_FOUND_CODES.includes(error.coboErrorCode));
}

/** True when Cobo refused a request_id it had already seen. */
export function isDuplicateRequestId(error: unknown): boolean {
  return (
    isCoboError(error) &&
    error.kind === "rejected" &&
    error.coboErrorCode !== undefined &&
    COBO_DUPLICATE_REQUEST_ID_ERRORS.includes(error.coboErrorCode)
  );
}

/**
 * Cobo's answer to a failed call as the console keeps it (a timeline entry's payload, never an app
 * answer): the operation, HTTP status, Cobo's error code with Cobo's own message (or, when the
 * answer had none, what Cobo documents for the code), and the error id Cobo support asks for.
 */
export type CoboErrorRecord = {
  operation: string;
  http_status: number | null;
  error_code: number | null;
  /** Cobo's own text, as it answered (bounded to 300 characters) */
  error_message: string | null;
  /** what Cobo documents for the code, when it documents one */
  documented: string | null;
  error_id: string | null;
};

/** The record of a CoboError for the console (see CoboErrorRecord). */
export function coboErrorRecord(error: CoboError): CoboErrorRecord {
  return {
    operation: error.operation,
    http_status: error.coboHttpStatus ?? null,
    error_code: error.coboErrorCode ?? null,
    error_message: error.coboErrorMessage ?? null,
    documented: documentedCoboError(error.coboErrorCode) ?? null,
    error_id: error.coboErrorId ?? null,
  };
}
