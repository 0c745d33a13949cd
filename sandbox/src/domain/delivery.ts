import { signWebhookBody } from "../auth/cobo-signature.js";

// Outbound POSTs signed like Cobo's webhooks and callbacks (docs/cobo.md#inbound-signatures):
// headers `Biz-Timestamp` (ms) and `Biz-Resp-Signature`, hex Ed25519 over the
// double SHA-256 of `${rawBody}|${timestamp}`. Redirects are not followed.

/** What one delivery attempt produced. */
export interface DeliveryOutcome {
  requestHeaders: Record<string, string>;
  statusCode: number | null;
  responseBody: string;
  responseTimeMs: number;
  error: string | null;
}

const MAX_RESPONSE_CHARS = 4096;

/** POSTs `rawBody` to `url`, signed with `secretHex`, giving up after `timeoutMs`. */
export async function postSigned(url: string, rawBody: string, secretHex: string, timeoutMs: number): Promise<DeliveryOutcome> {
  const timestamp = String(Date.now());
  const requestHeaders: Record<string, string> = {
    "Content-Type": "application/json",
    "Biz-Timestamp": timestamp,
    "Biz-Resp-Signature": signWebhookBody(secretHex, rawBody, timestamp),
    "User-Agent": "cobo-sandbox",
  };
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: requestHeaders,
      body: rawBody,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await res.text()).slice(0, MAX_RESPONSE_CHARS);
    return {
      requestHeaders,
      statusCode: res.status,
      responseBody: text,
      responseTimeMs: Math.round(performance.now() - started),
      error: null,
    };
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    const reason = name === "TimeoutError" || name === "AbortError" ? `no response within ${timeoutMs} ms` : `request failed: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`;
    return { requestHeaders, statusCode: null, responseBody: "", responseTimeMs: Math.round(performance.now() - started), error: reason };
  }
}

/** Exponential backoff: base, 2·base, 4·base … capped at `maxMs`. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  const exp = Math.min(30, Math.max(0, attempt - 1));
  return Math.min(maxMs, baseMs * 2 ** exp);
}
