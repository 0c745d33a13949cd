import { ApiClient, Env, type SdkResult } from "@cobo/cobo-waas2";
import { gatewayFunctions } from "@/lib/cobo/client";
import { transportOver } from "@/lib/cobo/transport";

// Test support for lib/cobo unit tests (no network): an SDK ApiClient whose callApi answers from a
// script instead of sending. The real SDK API classes still build paths, query and body, and the
// rejections have the exact shapes superagent produces (checked against a real server in
// tests/integration/cobo-gateway.test.ts).

export type FakeRequest = {
  method: string;
  /** Path template as the SDK passes it, e.g. `/wallets/mpc/vaults/{vault_id}`. */
  path: string;
  pathParams: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
};

export type FakeAnswer =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { networkError: "ECONNREFUSED" | "ECONNRESET" | "ENOTFOUND" | "EPIPE" }
  | { timeout: true }
  /** never answers */
  | { hang: true };

/** An ApiClient that records each request and answers with `respond(request, attemptIndex)`. */
export class FakeApiClient extends ApiClient {
  readonly requests: FakeRequest[] = [];

  constructor(private readonly respond: (req: FakeRequest, index: number) => FakeAnswer) {
    super(new Env("http://fake.invalid/v2"));
  }

  override callApi(...args: Parameters<ApiClient["callApi"]>): Promise<SdkResult> {
    const [path, method, pathParams, queryParams, , , body] = args;
    const query = Object.fromEntries(Object.entries(queryParams).filter(([, v]) => v !== undefined && v !== ""));
    const req: FakeRequest = { method, path, pathParams, query, body };
    this.requests.push(req);
    const answer = this.respond(req, this.requests.length - 1);
    if ("hang" in answer) return new Promise<SdkResult>(() => undefined);
    if ("networkError" in answer) {
      return Promise.reject({ error: Object.assign(new Error(`connect ${answer.networkError}`), { code: answer.networkError }) });
    }
    if ("timeout" in answer) {
      return Promise.reject({
        error: Object.assign(new Error("Timeout of 50ms exceeded"), { timeout: 50, code: "ECONNABORTED", errno: "ETIME" }),
      });
    }
    const response = { status: answer.status, body: answer.body, headers: answer.headers ?? {} };
    if (answer.status >= 400) {
      return Promise.reject({
        status: answer.status,
        statusText: "error",
        body: answer.body,
        response,
        error: Object.assign(new Error(`HTTP ${answer.status}`), { status: answer.status }),
      });
    }
    return Promise.resolve({ data: answer.body, response });
  }
}

/** A gateway over a FakeApiClient, with instant retries. */
export function fakeGateway(
  respond: (req: FakeRequest, index: number) => FakeAnswer,
  retries = 3,
  timing: { budgetMs?: number; minRetryDelayMs?: number } = {},
) {
  const client = new FakeApiClient(respond);
  const minRetryDelayMs = timing.minRetryDelayMs ?? 1;
  const gateway = gatewayFunctions(
    transportOver(client, { retries, minRetryDelayMs, maxRetryDelayMs: Math.max(2, minRetryDelayMs), budgetMs: timing.budgetMs ?? 60_000 }),
  );
  return { client, gateway };
}

/** Cobo's error body. */
export function coboError(
  status: number,
  code: number,
  opts: { message?: string; id?: string; headers?: Record<string, string> } = {},
): FakeAnswer {
  const body = { error_code: code, error_message: opts.message ?? "raw cobo text: 0xdeadbeef", error_id: opts.id ?? `err-${code}` };
  return { status, body, ...(opts.headers ? { headers: opts.headers } : {}) };
}
