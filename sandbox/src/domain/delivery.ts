import { signWebhookBody } from "../auth/cobo-signature.js";
import { deliveryTimestamp, type SandboxProfile } from "../control/profile.js";

// Outbound POSTs signed like Cobo's webhooks and callbacks (docs/cobo.md#inbound-signatures):
// headers `Biz-Timestamp` and `Biz-Resp-Signature`, hex Ed25519 over the double SHA-256 of
// `${rawBody}|${timestamp}`. Redirects are not followed. The timestamp's unit and whether a retry
// is signed afresh are profile settings (control/profile.ts): the caller passes the headers' values.

/** What one delivery attempt produced. */
export interface DeliveryOutcome {
  requestHeaders: Record<string, string>;
  statusCode: number | null;
  responseBody: string;
  responseTimeMs: number;
  error: string | null;
}

const MAX_RESPONSE_CHARS = 4096;

/** The signature headers of one delivery attempt. */
export interface DeliverySignature {
  timestamp: string;
  signature: string;
}

/** Signs `rawBody` with `timestamp` as Cobo signs webhooks and callbacks. */
export function signDelivery(secretHex: string, rawBody: string, timestamp: string): DeliverySignature {
  return { timestamp, signature: signWebhookBody(secretHex, rawBody, timestamp) };
}

/**
 * The signature headers of the next attempt: signed now (the default), or, under the
 * `retry_signature: "first_attempt"` profile, the first attempt's own headers once there was one.
 */
export function attemptSignature(
  profile: SandboxProfile,
  first: DeliverySignature | null | undefined,
  secretHex: string,
  rawBody: string,
): DeliverySignature {
  if (profile.retry_signature === "first_attempt" && first) return { ...first };
  return signDelivery(secretHex, rawBody, deliveryTimestamp(profile));
}

/** POSTs `rawBody` to `url` with the given signature headers, giving up after `timeoutMs`. */
export async function postSigned(url: string, rawBody: string, signed: DeliverySignature, timeoutMs: number): Promise<DeliveryOutcome> {
  const requestHeaders: Record<string, string> = {
    "Content-Type": "application/json",
    "Biz-Timestamp": signed.timestamp,
    "Biz-Resp-Signature": signed.signature,
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
    const reason =
      name === "TimeoutError" || name === "AbortError"
        ? `no response within ${timeoutMs} ms`
        : `request failed: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`;
    return { requestHeaders, statusCode: null, responseBody: "", responseTimeMs: Math.round(performance.now() - started), error: reason };
  }
}

/** Exponential backoff: base, 2·base, 4·base … capped at `maxMs`. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  const exp = Math.min(30, Math.max(0, attempt - 1));
  return Math.min(maxMs, baseMs * 2 ** exp);
}
