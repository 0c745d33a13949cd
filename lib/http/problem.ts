import { ZodError } from "zod";
import { AppError, isAppError, type FieldIssue } from "@/lib/errors";

// One error envelope for every API answer: RFC 9457 application/problem+json.

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: FieldIssue[];
};

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  408: "Request timeout",
  409: "Conflict",
  412: "Precondition failed",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Invalid input",
  429: "Too many requests",
  500: "Internal server error",
  502: "Upstream error",
  503: "Service unavailable",
};

/** Zod issues as `{path, message}` pairs (path joined with dots, "" for the root). */
export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/** Builds the problem+json response for a status and code. */
export function problemResponse(
  status: number,
  code: string,
  detail: string,
  requestId: string,
  extra: { errors?: FieldIssue[]; headers?: Record<string, string> } = {},
): Response {
  const body: Problem = {
    type: `https://ucw-console.dev/problems/${code.replaceAll("_", "-")}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
    requestId,
    ...(extra.errors && extra.errors.length > 0 ? { errors: extra.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", "x-request-id": requestId, ...extra.headers },
  });
}

/** A ZodError from any copy of zod (the build may bundle more than one). */
function isZodError(error: unknown): error is ZodError {
  return (
    error instanceof ZodError ||
    (error instanceof Error && error.name === "ZodError" && Array.isArray((error as { issues?: unknown }).issues))
  );
}

/** Maps any thrown value to a problem response; unknown errors become a detail-free 500. */
export function problemFromError(error: unknown, requestId: string): { response: Response; expected: boolean } {
  if (isAppError(error)) {
    const e = error as AppError;
    const headers: Record<string, string> = {};
    if (e.options.retryAfterSeconds !== undefined) headers["retry-after"] = String(e.options.retryAfterSeconds);
    return { response: problemResponse(e.status, e.code, e.message, requestId, { errors: e.options.issues, headers }), expected: true };
  }
  if (isZodError(error)) {
    return {
      response: problemResponse(422, "invalid_input", "The request is invalid.", requestId, { errors: zodIssues(error) }),
      expected: true,
    };
  }
  return {
    response: problemResponse(
      500,
      "internal_error",
      "Something went wrong on our side. Quote the request id if you contact support.",
      requestId,
    ),
    expected: false,
  };
}
