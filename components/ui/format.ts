// Dates reach the UI as ISO-8601 UTC strings and are formatted by slicing text, never through
// Date/Intl: the server and the browser then print exactly the same characters (no hydration
// mismatch, no dependence on the viewer's time zone or locale).

/** "2026-11-25T11:44:03.123Z" → "2026-11-25 11:44:03" (or with ".123" when precision is "ms"). */
export function formatUtc(iso: string, precision: "s" | "ms" = "s"): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?/.exec(iso);
  if (!match) return iso;
  const [, date, time, fraction] = match;
  const ms = precision === "ms" ? (fraction ?? ".000").slice(0, 4).padEnd(4, "0") : "";
  return `${date} ${time}${ms}`;
}

/** Counts only: amounts never pass through here, they stay verbatim decimal strings. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** A duration in seconds, coarsely: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
