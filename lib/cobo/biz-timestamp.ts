// Cobo's `Biz-Timestamp` on webhooks and callbacks: signed together with the body, unit not
// documented (docs/cobo-assumptions.md#1-biz-timestamp-unit). Cobo's demo sends milliseconds; seconds
// are as plausible. The signature covers the header's text as sent, so verification never needs
// the unit; only an age bound (COBO_WEBHOOK_MAX_AGE_SECONDS, off by default) and the console do.
// The unit is read from the number of digits: within this millennium a time in seconds has 10
// digits, in milliseconds 13, in microseconds 16, so the ranges below never overlap.

export type BizTimestampUnit = "seconds" | "milliseconds" | "microseconds";

export type BizTimestamp = { text: string; unit: BizTimestampUnit; ms: number };

/** Reads a `Biz-Timestamp` header: 10–16 digits, as seconds (≤ 11), milliseconds (12–14) or microseconds (15–16); null otherwise. */
export function parseBizTimestamp(header: string | null | undefined): BizTimestamp | null {
  if (!header || !/^\d{10,16}$/.test(header)) return null;
  const value = Number(header);
  if (header.length <= 11) return { text: header, unit: "seconds", ms: value * 1000 };
  if (header.length <= 14) return { text: header, unit: "milliseconds", ms: value };
  return { text: header, unit: "microseconds", ms: Math.floor(value / 1000) };
}

/** Whether a timestamp is older than `maxAgeSeconds` before `now` (0: no bound, never too old). */
export function isOlderThan(ts: BizTimestamp, maxAgeSeconds: number, now = Date.now()): boolean {
  return maxAgeSeconds > 0 && now - ts.ms > maxAgeSeconds * 1000;
}
