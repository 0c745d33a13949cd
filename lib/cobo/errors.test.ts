import { describe, expect, it } from "vitest";
import {
  classifySdkFailure,
  CoboError,
  isCoboNotFound,
  isDuplicateRequestId,
  isRetryable,
  type CallFailure,
  type CallSafety,
} from "@/lib/cobo/errors";
import { isAppError } from "@/lib/errors";
import { problemFromError } from "@/lib/http/problem";

// Shapes below are what the SDK (superagent) rejects with; see the probe in the integration test.
const httpError = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  statusText: "x",
  body,
  response: { status, body, headers },
  error: Object.assign(new Error("HTTP"), { status }),
});
const transportError = (props: Record<string, unknown>) => ({ error: Object.assign(new Error("transport"), props) });

describe("classifySdkFailure", () => {
  it("reads Cobo's error body from a 4xx answer", () => {
    expect(classifySdkFailure(httpError(400, { error_code: 2006, error_message: "bad", error_id: "id1" }))).toEqual({
      kind: "rejected",
      httpStatus: 400,
      coboErrorCode: 2006,
      coboErrorId: "id1",
      coboErrorMessage: "bad",
    });
  });

  it("treats 429 and Cobo error 2026 (whatever the status) as rate limiting, with Retry-After", () => {
    expect(classifySdkFailure(httpError(429, {}, { "retry-after": "7" }))).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 7 });
    expect(classifySdkFailure(httpError(403, { error_code: 2026, error_id: "r" }))).toMatchObject({
      kind: "rate_limited",
      coboErrorCode: 2026,
    });
  });

  it("treats 5xx as a server error even without a JSON body", () => {
    expect(classifySdkFailure(httpError(503, {}))).toEqual({ kind: "server_error", httpStatus: 503 });
  });

  it("tells a timeout, a refused connection and a broken connection apart", () => {
    expect(classifySdkFailure(transportError({ timeout: 300, code: "ECONNABORTED", errno: "ETIME" }))).toMatchObject({ kind: "timeout" });
    expect(classifySdkFailure(transportError({ code: "ECONNREFUSED" }))).toEqual({ kind: "not_connected", networkCode: "ECONNREFUSED" });
    expect(classifySdkFailure(transportError({ code: "ENOTFOUND" }))).toMatchObject({ kind: "not_connected" });
    expect(classifySdkFailure(transportError({ code: "ECONNRESET" }))).toEqual({ kind: "network", networkCode: "ECONNRESET" });
  });

  it("classifies an unparseable answer by the status superagent saw", () => {
    expect(classifySdkFailure(transportError({ statusCode: 200, rawResponse: "{not json" }))).toEqual({
      kind: "invalid_response",
      httpStatus: 200,
    });
    expect(classifySdkFailure(transportError({ statusCode: 502, rawResponse: "{" }))).toMatchObject({ kind: "server_error" });
  });

  it("leaves anything that is not an SDK rejection alone (a bug, not a Cobo failure)", () => {
    expect(classifySdkFailure(new Error("Missing the required parameter 'vault_id'"))).toBeUndefined();
    expect(classifySdkFailure("boom")).toBeUndefined();
  });
});

describe("isRetryable (the retry rule)", () => {
  const f = (kind: CallFailure["kind"], httpStatus?: number): CallFailure => ({ kind, ...(httpStatus ? { httpStatus } : {}) });
  const table: [CallFailure, Record<CallSafety, boolean>][] = [
    [f("rate_limited", 429), { read: true, idempotent: true, unsafe: true }],
    [f("not_connected"), { read: true, idempotent: true, unsafe: true }],
    [f("server_error", 503), { read: true, idempotent: true, unsafe: true }],
    [f("server_error", 500), { read: true, idempotent: true, unsafe: false }],
    [f("server_error", 502), { read: true, idempotent: true, unsafe: false }],
    [f("server_error", 504), { read: true, idempotent: true, unsafe: false }],
    [f("server_error", 501), { read: false, idempotent: false, unsafe: false }],
    [f("timeout"), { read: true, idempotent: true, unsafe: false }],
    [f("network"), { read: true, idempotent: true, unsafe: false }],
    [f("rejected", 400), { read: false, idempotent: false, unsafe: false }],
    [f("rejected", 404), { read: false, idempotent: false, unsafe: false }],
    [f("invalid_response", 200), { read: false, idempotent: false, unsafe: false }],
  ];
  it.each(table)("%o", (failure, expected) => {
    for (const safety of ["read", "idempotent", "unsafe"] as const)
      expect([safety, isRetryable(failure, safety)]).toEqual([safety, expected[safety]]);
  });
});

describe("CoboError", () => {
  it("is an AppError with a generic message: Cobo's own text never reaches callers", () => {
    const e = new CoboError("createMpcVault", {
      kind: "rejected",
      httpStatus: 400,
      coboErrorCode: 12009,
      coboErrorId: "abc123",
      coboErrorMessage: "request_id r-1 for 0xabc already used",
    });
    expect(isAppError(e)).toBe(true);
    expect(e.code).toBe("cobo_error");
    expect(e.status).toBe(502);
    expect(e.message).toBe("Cobo refused the request (Cobo error 12009).");
    // Cobo's text is kept for logs and support staff, but not as an enumerable field of the error.
    expect(e.coboErrorMessage).toBe("request_id r-1 for 0xabc already used");
    expect(e).toMatchObject({
      coboHttpStatus: 400,
      coboErrorCode: 12009,
      coboErrorId: "abc123",
      operation: "createMpcVault",
      outcomeUnknown: false,
    });
    expect(JSON.stringify(e) + e.message + String(e.stack)).not.toContain("0xabc");
  });

  it("maps unavailability to 503 with Retry-After, and marks ambiguous outcomes", () => {
    const limited = new CoboError("getMpcVault", { kind: "rate_limited", httpStatus: 429, retryAfterSeconds: 4 });
    expect(limited.code).toBe("cobo_unavailable");
    expect(limited.options.retryAfterSeconds).toBe(4);
    const { response } = problemFromError(limited, "req-1");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("4");
    expect(new CoboError("createMpcVault", { kind: "timeout" }).outcomeUnknown).toBe(true);
    expect(new CoboError("createMpcVault", { kind: "server_error", httpStatus: 503 }).outcomeUnknown).toBe(false);
    expect(new CoboError("createMpcVault", { kind: "not_connected" }).outcomeUnknown).toBe(false);
  });

  it("recognises not-found and duplicate request_id answers", () => {
    expect(isCoboNotFound(new CoboError("getMpcVault", { kind: "rejected", httpStatus: 404, coboErrorCode: 2028 }))).toBe(true);
    expect(isDuplicateRequestId(new CoboError("createTransfer", { kind: "rejected", httpStatus: 400, coboErrorCode: 30001 }))).toBe(true);
    expect(isDuplicateRequestId(new CoboError("createTransfer", { kind: "rejected", httpStatus: 400, coboErrorCode: 12009 }))).toBe(true);
    expect(isDuplicateRequestId(new CoboError("createTransfer", { kind: "rejected", httpStatus: 400, coboErrorCode: 30012 }))).toBe(false);
  });
});

describe("Cobo's refusals as problems", () => {
  const refused = (code: number, httpStatus = 400) =>
    new CoboError("createTransfer", { kind: "rejected", httpStatus, coboErrorCode: code });
  it("a refusal of the request's values is a 422 naming the field", async () => {
    for (const [code, field] of [
      [30012, "body.amount"],
      [30010, "body.amount"],
      [30014, "body.to_address"],
      [30031, "body.token_id"],
      [30013, "body.fee"],
    ] as const) {
      const { response } = problemFromError(refused(code), "req-1");
      expect(response.status).toBe(422);
      const body = (await response.json()) as { code: string; errors: { path: string }[] };
      expect(body.code).toBe("invalid_input");
      expect(body.errors.map((e) => e.path)).toEqual([field]);
    }
  });
  it("a state that forbids it now is a 409; not found by Cobo's code is a 404 under any HTTP status", () => {
    expect(refused(2105).status).toBe(409);
    expect(refused(60005).status).toBe(409);
    expect(refused(2028, 400).status).toBe(404);
    expect(isCoboNotFound(refused(2028, 400))).toBe(true);
    expect(isCoboNotFound(refused(4001, 403))).toBe(true);
    expect(isCoboNotFound(refused(30012))).toBe(false);
  });
  it("our key, permissions or plan at fault is a 502 the app cannot fix; unknown codes too", () => {
    expect(refused(2024, 401).status).toBe(502);
    expect(refused(2050, 403).status).toBe(502);
    expect(refused(99999).status).toBe(502);
  });
  it("an unavailable Cobo is a 503 with a Retry-After even when Cobo gave none", () => {
    const { response } = problemFromError(new CoboError("getWalletBalances", { kind: "not_connected", networkCode: "ECONNREFUSED" }), "r");
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
