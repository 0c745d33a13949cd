import {
  ApiClient,
  DevelopersApi,
  DevelopersWebhooksApi,
  Env,
  TransactionsApi,
  WalletsApi,
  WalletsMPCWalletsApi,
  type SdkHttpResponse,
  type SdkResult,
} from "@cobo/cobo-waas2";
import pRetry, { AbortError } from "p-retry";
import type { z } from "zod";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";
import { classifySdkFailure, CoboError, isRetryable, type CallFailure, type CallSafety } from "@/lib/cobo/errors";

// The one place requests to Cobo are sent: the SDK's ApiClient (it signs), made quiet and raw,
// wrapped in retries with backoff, logging, metrics and zod validation of every answer.

const log = logger.child({ component: "cobo" });

/** The first argument of the SDK's `console.log("strToSign:", …)` (dist/ApiClient.js, crypto/ApiSigner.js). */
export const SDK_SIGNING_LOG_TAG = "strToSign:";

/**
 * Runs `fn` with console.log filtered so the SDK's "strToSign:" line (method, path, nonce, query and
 * the full JSON body: addresses, amounts) is dropped; every other line passes through.
 * Scoped to the synchronous run of `fn`: ApiClient.callApi logs synchronously before it returns its
 * promise, and no other code can run in between, so nothing else in the process is ever filtered
 * and no global hook is left installed. The previous console.log is always restored.
 */
export function withoutSdkSigningLog<T>(fn: () => T): T {
  const original = console.log;
  console.log = function coboQuietLog(this: unknown, ...args: unknown[]): void {
    if (args[0] === SDK_SIGNING_LOG_TAG) return;
    original.apply(console, args);
  };
  try {
    return fn();
  } finally {
    console.log = original;
  }
}

/**
 * The SDK client lib/cobo uses: signs like the SDK (Ed25519 over the double SHA-256 of the request),
 * but never prints what it signs, and hands back Cobo's raw JSON instead of the SDK's model objects
 * (which drop unknown fields and can throw on new oneOf variants): zod validates it instead.
 */
class QuietApiClient extends ApiClient {
  constructor(baseUrl: string, apiSecretHex: string, timeoutMs: number) {
    // The base URL is always explicit: the SDK's default Env is PROD (docs/cobo.md#environments).
    // No key through the constructor: it compares the curve name as "SECP256k1" (docs/cobo.md#signing);
    // setPrivateKey is the path that checks the curve properly.
    super(new Env(baseUrl));
    this.setPrivateKey(apiSecretHex, "ED25519");
    this.timeout = timeoutMs;
  }

  override callApi(...args: Parameters<ApiClient["callApi"]>): Promise<SdkResult> {
    assertSignableQuery(args[3]);
    return withoutSdkSigningLog(() => super.callApi(...args));
  }

  override deserialize(response: SdkHttpResponse): unknown {
    return response.body;
  }
}

// The SDK signs query values with encodeURIComponent (space as "+") but superagent sends them
// RFC 3986-encoded (space as "%20", and !'()* escaped): for such values the signature cannot match
// the query Cobo receives (verified against a local server). Ids, cursors and addresses never
// contain them; fail loudly rather than with a puzzling 401 from Cobo.
const UNSIGNABLE_QUERY_CHARS = /[ !'()*]/;

function assertSignableQuery(query: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === "string" && UNSIGNABLE_QUERY_CHARS.test(value)) {
      throw new Error(`Cobo query parameter "${key}" contains a character the SDK cannot sign consistently (space or !'()*)`);
    }
  }
}

/** The SDK API classes, bound to one quiet client. */
export type SdkApis = {
  mpc: WalletsMPCWalletsApi;
  wallets: WalletsApi;
  transactions: TransactionsApi;
  webhooks: DevelopersWebhooksApi;
  developers: DevelopersApi;
};

export type TransportConfig = {
  baseUrl: string;
  apiSecret: string;
  timeoutMs: number;
  /** Retries after the first attempt (so attempts = retries + 1). */
  retries: number;
  /** First backoff delay; doubles each retry, randomised ×1–2 (jitter), capped at maxRetryDelayMs. */
  minRetryDelayMs: number;
  maxRetryDelayMs: number;
  /**
   * Time budget of one call, every attempt and wait included. An attempt still running when it is
   * spent counts as a timeout (outcome unknown), and no retry starts that the budget cannot hold.
   */
  budgetMs: number;
};

type RetryConfig = Pick<TransportConfig, "retries" | "minRetryDelayMs" | "maxRetryDelayMs" | "budgetMs">;

/** What an attempt cut short by the call's time budget is classified as. */
const BUDGET_SPENT = Symbol("cobo call budget spent");

/** One call to Cobo: what it is, how repeatable, how to send it and what the answer must look like. */
export type CallSpec<S extends z.ZodType> = {
  operation: string;
  safety: CallSafety;
  send: (apis: SdkApis) => Promise<SdkResult>;
  schema: S;
};

export type Transport = {
  call<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.output<S>>;
};

/** Builds the transport: the quiet SDK client, its API classes and the retrying `call`. */
export function createTransport(config: TransportConfig): Transport {
  return transportOver(new QuietApiClient(config.baseUrl, config.apiSecret, config.timeoutMs), config);
}

/** The transport over any ApiClient: unit tests pass a subclass that answers without a network. */
export function transportOver(client: ApiClient, config: RetryConfig): Transport {
  const apis: SdkApis = {
    mpc: new WalletsMPCWalletsApi(client),
    wallets: new WalletsApi(client),
    transactions: new TransactionsApi(client),
    webhooks: new DevelopersWebhooksApi(client),
    developers: new DevelopersApi(client),
  };
  return { call: (spec) => callWithRetry(spec, apis, config) };
}

/** Sends one call with the retry rule of errors.ts, then validates the answer. */
async function callWithRetry<S extends z.ZodType>(spec: CallSpec<S>, apis: SdkApis, config: RetryConfig): Promise<z.output<S>> {
  const { operation, safety } = spec;
  const deadline = Date.now() + config.budgetMs;
  const result = await pRetry(
    async (attempt: number) => {
      try {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw BUDGET_SPENT;
        // `send` may throw synchronously (the SDK checks required parameters that way).
        return await withinBudget(
          Promise.resolve().then(() => spec.send(apis)),
          remaining,
        );
      } catch (reason) {
        const failure: CallFailure | undefined =
          reason === BUDGET_SPENT ? { kind: "timeout", networkCode: "BUDGET_SPENT" } : classifySdkFailure(reason);
        if (!failure) {
          metrics.coboCalls.inc({ operation, outcome: "bug" });
          log.error({ operation, attempt, err: reason instanceof Error ? reason : String(reason) }, "cobo call could not be sent");
          throw new AbortError(reason instanceof Error ? reason : new Error(String(reason)));
        }
        // Honour Cobo's Retry-After when it fits in our backoff budget; when it asks for longer,
        // give up now and hand the wait to our caller (CoboError carries retryAfterSeconds).
        const waitMs = failure.kind === "rate_limited" ? (failure.retryAfterSeconds ?? 0) * 1000 : 0;
        // A retry needs room in the budget for the backoff (at least the minimum) and an attempt.
        const roomMs = deadline - Date.now() - waitMs - config.minRetryDelayMs;
        const willRetry = attempt <= config.retries && isRetryable(failure, safety) && waitMs <= config.maxRetryDelayMs && roomMs > 0;
        metrics.coboCalls.inc({ operation, outcome: failure.kind });
        logFailure(operation, attempt, failure, willRetry);
        const error = new CoboError(operation, failure);
        if (!willRetry) throw new AbortError(error);
        if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
        throw error;
      }
    },
    {
      retries: config.retries,
      factor: 2,
      minTimeout: config.minRetryDelayMs,
      maxTimeout: Math.max(config.minRetryDelayMs, config.maxRetryDelayMs),
      randomize: true,
      // p-retry stops retrying once this much time has passed since the first attempt.
      maxRetryTime: config.budgetMs,
    },
  );

  const parsed = spec.schema.safeParse(result.data);
  if (!parsed.success) {
    metrics.coboCalls.inc({ operation, outcome: "invalid_response" });
    // Paths and zod's messages only: they name the field and the expected type, never the value.
    log.error(
      {
        operation,
        httpStatus: result.response.status,
        issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
      },
      "cobo answered with an unexpected shape",
    );
    throw new CoboError(operation, { kind: "invalid_response", httpStatus: result.response.status });
  }
  metrics.coboCalls.inc({ operation, outcome: "ok" });
  return parsed.data;
}

/** Settles like `work`, or rejects with BUDGET_SPENT after `ms` (the request itself runs on to its own timeout). */
function withinBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const spent = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(BUDGET_SPENT), ms);
  });
  return Promise.race([work, spent]).finally(() => clearTimeout(timer));
}

function logFailure(operation: string, attempt: number, f: CallFailure, willRetry: boolean): void {
  const fields = {
    operation,
    attempt,
    kind: f.kind,
    willRetry,
    httpStatus: f.httpStatus,
    coboErrorCode: f.coboErrorCode,
    coboErrorId: f.coboErrorId,
    // Cobo's text stays in our logs (operators need it) and never reaches callers.
    coboErrorMessage: f.coboErrorMessage,
    networkCode: f.networkCode,
  };
  if (willRetry || f.kind === "rejected") log.warn(fields, "cobo call failed");
  else log.error(fields, "cobo call failed");
}
