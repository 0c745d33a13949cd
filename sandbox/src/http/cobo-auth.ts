import type { MiddlewareHandler } from "hono";
import { verifyApiRequest } from "../auth/cobo-signature.js";
import type { NonceCache } from "../auth/nonce-cache.js";
import type { AppEnv } from "./app-env.js";
import { CoboError, ErrorCode } from "./errors.js";

// Cobo Auth (docs/cobo.md#signing): BIZ-API-KEY, BIZ-API-NONCE, BIZ-API-SIGNATURE =
// Ed25519 over SHA-256(SHA-256(`METHOD|PATH|NONCE|QUERY|BODY`)). The query is
// checked exactly as sent and, because the JS SDK signs `+` for spaces while its
// HTTP client sends `%20`, also in the SDK's own encoding of the same pairs.

/** The SDK's encoding of a query string: `k=encodeURIComponent(v)` with `%20` → `+`, in sent order. */
export function sdkQueryForm(rawQuery: string): string {
  if (rawQuery === "") return "";
  return rawQuery
    .split("&")
    .filter((p) => p.length > 0)
    .map((pair) => {
      const eq = pair.indexOf("=");
      const k = eq < 0 ? pair : pair.slice(0, eq);
      const v = eq < 0 ? "" : pair.slice(eq + 1);
      const decode = (s: string) => {
        try {
          return decodeURIComponent(s.replace(/\+/g, " "));
        } catch {
          return s;
        }
      };
      return `${decode(k)}=${encodeURIComponent(decode(v)).replace(/%20/g, "+")}`;
    })
    .join("&");
}

function authError(message: string): CoboError {
  return new CoboError(401, ErrorCode.authFailed, message);
}

/** Middleware that admits only requests signed by the trusted API key. */
export function coboAuth(apiKey: string, nonces: NonceCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header("biz-api-key");
    const nonce = c.req.header("biz-api-nonce");
    const signature = c.req.header("biz-api-signature");
    if (!key || !nonce || !signature) throw authError("Missing BIZ-API-KEY, BIZ-API-NONCE or BIZ-API-SIGNATURE header");
    if (key.toLowerCase() !== apiKey.toLowerCase()) {
      throw authError("Your API key is not registered in this environment (the sandbox trusts only the key of COBO_API_SECRET)");
    }
    const rawBody = await c.req.text();
    const url = new URL(c.req.url);
    const rawQuery = url.search.startsWith("?") ? url.search.slice(1) : url.search;
    const forms = new Set([rawQuery, sdkQueryForm(rawQuery)]);
    const valid = [...forms].some((query) =>
      verifyApiRequest(apiKey, { method: c.req.method, path: url.pathname, nonce, query, body: rawBody }, signature),
    );
    if (!valid) throw authError("API signature verification failed");
    const verdict = nonces.check(apiKey, nonce);
    if (verdict === "replayed") throw authError("The nonce has already been used");
    if (verdict === "stale") throw authError("The nonce is outside the accepted time window");
    c.set("rawBody", rawBody);
    await next();
  };
}
