import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods } from "@/lib/api/v1/allowed-methods";
import { problemResponse } from "@/lib/http/problem";

// Runs before every request: gives it a request id, a per-request CSP nonce (scripts run only with
// it), HSTS over HTTPS, and the path, which pages use to send a signed-out visitor back after sign-in.

function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && /^[A-Za-z0-9._:-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");

  // A wrong method on a Client API path gets the API's problem+json 405, not Next.js's bare one.
  const allowed = request.nextUrl.pathname.startsWith("/api/v1/") ? allowedMethods(request.nextUrl.pathname) : null;
  if (allowed && !allowed.includes(request.method)) {
    return problemResponse(405, "method_not_allowed", `This endpoint answers ${allowed.join(", ")}.`, requestId, {
      headers: { allow: allowed.join(", ") },
    });
  }

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("x-request-id", requestId);
  headers.set("x-ucw-pathname", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  // HSTS only means something over HTTPS (browsers ignore it on plain HTTP), so it is sent when this
  // request reached us over HTTPS, directly or through a TLS-terminating proxy.
  if (request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https") {
    response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  }
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
