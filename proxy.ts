import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods } from "@/lib/api/v1/allowed-methods";
import { problemResponse } from "@/lib/http/problem";

// Runs before pages and bodiless API requests. Pages get a request id, a per-request CSP nonce
// (scripts run only with it), HSTS over HTTPS, and the path, which pages use to send a signed-out
// visitor back after sign-in. API requests pass untouched unless their path does not decode (400)
// or a Client API path is asked with a method it does not serve (the API's 405); their routes set
// their own request id.
//
// Next.js reads a request's whole body into memory before a proxy runs and hands it to the route
// only once the last byte arrived. So the proxy never runs for an API request that carries a body
// (see `config` below): those stream straight to their route, which reads them within its own
// limit and idle timeout (lib/http/route.ts) and answers 413/408 early. Route handlers set their
// own request id (lib/http/observe.ts).

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

/** True when every %-escape of the path decodes (Next.js answers a bare 500 for one that does not). */
function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** The path with each segment that does not decode taken literally (its `%` escaped). */
function literalPath(pathname: string): string {
  return pathname
    .split("/")
    .map((segment) => {
      try {
        decodeURIComponent(segment);
        return segment;
      } catch {
        return segment.replaceAll("%", "%25");
      }
    })
    .join("/");
}

/** HSTS only means something over HTTPS (browsers ignore it on plain HTTP): sent when this request reached us over HTTPS, directly or through a TLS-terminating proxy. */
function overHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

const HSTS = "max-age=31536000; includeSubDomains";

/**
 * An API request (without a body): only what its route cannot do itself, so the common case
 * passes untouched (no request headers rewritten, which costs Next.js a round of header copying):
 * a path that does not decode is a 400 and a wrong method on a Client API path a 405, both
 * problem+json; the route sets its own request id (lib/http/observe.ts).
 */
function apiProxy(request: NextRequest, pathname: string) {
  const refuse = (status: 400 | 405, code: string, detail: string, headers?: Record<string, string>) => {
    const incoming = request.headers.get("x-request-id");
    const requestId = incoming && /^[A-Za-z0-9._:-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();
    return problemResponse(status, code, detail, requestId, headers ? { headers } : undefined);
  };
  // A path whose percent-encoding does not decode (Next.js would answer a bare 500).
  if (pathname.includes("%") && !decodablePath(pathname)) return refuse(400, "bad_request", "The path is not valid percent-encoded UTF-8.");
  // A wrong method on a Client API path gets the API's problem+json 405, not Next.js's bare one.
  const allowed = pathname.startsWith("/api/v1/") ? allowedMethods(pathname) : null;
  if (allowed && !allowed.includes(request.method)) {
    return refuse(405, "method_not_allowed", `This endpoint answers ${allowed.join(", ")}.`, { allow: allowed.join(", ") });
  }
  const response = NextResponse.next();
  if (overHttps(request)) response.headers.set("strict-transport-security", HSTS);
  return response;
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/")) return apiProxy(request, pathname);

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && /^[A-Za-z0-9._:-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("x-request-id", requestId);
  headers.set("x-ucw-pathname", pathname + request.nextUrl.search);
  headers.set("content-security-policy", csp);

  // A page path whose percent-encoding does not decode: look for the literal text (an id that is
  // not found renders the console's not-found page).
  let response: NextResponse;
  if (decodablePath(pathname)) {
    response = NextResponse.next({ request: { headers } });
  } else {
    const url = request.nextUrl.clone();
    url.pathname = literalPath(pathname);
    response = NextResponse.rewrite(url, { request: { headers } });
  }
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  if (overHttps(request)) response.headers.set("strict-transport-security", HSTS);
  return response;
}

// Next.js reads `config` statically, so it is written out literally. "missing" skips the proxy for
// requests that carry a body: a non-zero Content-Length, or Transfer-Encoding (chunked).
export const config = {
  matcher: [
    // pages (and a page's server actions, bounded by experimental.proxyClientMaxBodySize)
    { source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" },
    // API requests without a body (the 405 and a request id for reads)
    {
      source: "/api/:path*",
      missing: [
        { type: "header", key: "content-length", value: "0*[1-9][0-9]*" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    // API paths with a percent-escape, which may not decode (a 400 instead of Next.js's 500)
    { source: "/api/:path(.*%.*)" },
  ],
};
