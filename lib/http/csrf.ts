import "server-only";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Cross-site request forgery protection for everything the console's session cookie authorises.
// SameSite cookies do not separate origins of the same site (another port of the same host, a
// sibling subdomain), and next-auth's double-submit token does not either (cookies are shared
// across ports), so every state-changing request that a cookie authenticates must come from our
// own origin: its Origin header (or, when a client sends none, its Referer) must be APP_URL's
// origin or the origin the request itself was addressed to, scheme, host and port exactly. A
// request with neither header is refused too: browsers always send Origin on such requests.
// Server actions (the console's writes) get Next.js's own check (Origin against Host) and this one,
// from the console's action client (app/(console)/_lib/console-action.ts).

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(value: string | null): string | null {
  if (!value || value === "null") return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** The origins a same-origin request may carry: APP_URL's, and the one the request was sent to. */
function ownOrigins(req: Request): Set<string> {
  const origins = new Set<string>();
  const app = originOf(getEnv().APP_URL);
  if (app) origins.add(app);
  const protocol = new URL(req.url).protocol;
  const host = req.headers.get("host");
  if (host) {
    const own = originOf(`${protocol}//${host}`);
    if (own) origins.add(own);
  }
  return origins;
}

/**
 * Why a state-changing request does not come from our own origin, or null when it does (or the
 * method is safe, so there is nothing to protect).
 */
export function crossOriginRefusal(req: Request): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const originHeader = req.headers.get("origin");
  const claimed = originHeader !== null ? originOf(originHeader) : originOf(req.headers.get("referer"));
  if (claimed === null) {
    return originHeader !== null || req.headers.has("referer")
      ? "This request comes from an opaque or unknown origin."
      : "Send the Origin header: state-changing console requests must come from the console's own origin.";
  }
  return ownOrigins(req).has(claimed) ? null : "This request comes from another origin.";
}

/** Whether a request carries a body (a declared length above zero, a chunked one, or any stream). */
function hasBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  if (length !== null) return Number(length) > 0;
  return req.headers.has("transfer-encoding") || req.body !== null;
}

/**
 * For route handlers the console's session cookie authenticates: refuses a state-changing request
 * from another origin (403), and one whose body is not JSON (415): a cross-site form or a
 * `no-cors` fetch can only send form encodings, text/plain or an untyped body.
 */
export function assertSameOriginJson(req: Request): void {
  const refusal = crossOriginRefusal(req);
  if (refusal) throw new AppError("forbidden", refusal);
  if (SAFE_METHODS.has(req.method.toUpperCase()) || !hasBody(req)) return;
  const type = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
}
