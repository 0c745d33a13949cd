// Time zones of console users: which names are accepted, and how a timestamp is printed in one.
// Plain functions (no server-only): the console's DateTime component formats with them, on the
// server and in the browser alike. Formatting names the zone's offset with every timestamp
// ("2026-12-04 09:44:03 UTC+1"), so a reader never has to guess.

/** The cookie in which the browser tells the server its own zone (used while the user has chosen none). */
export const BROWSER_TIME_ZONE_COOKIE = "ucw_tz";

/** The zone a console page renders in, and where it came from. */
export type TimeZoneSetting = { zone: string; source: "account" | "browser" | "default" };

/** Whether `zone` is an IANA time zone name this runtime knows ("UTC" included). */
export function isValidTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zones offered in Settings: UTC first, then the runtime's IANA list. */
export function timeZoneChoices(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...all.filter((z) => z !== "UTC")];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "shortOffset",
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * "2026-12-04T08:44:03.123Z" in "Europe/Berlin" → "2026-12-04 09:44:03 UTC+1" (".123" before the
 * zone when precision is "ms"); in "UTC" → "2026-12-04 08:44:03 UTC". Text that is not a
 * timestamp, or a zone this runtime does not know, prints as UTC.
 */
export function formatInTimeZone(iso: string, zone: string, precision: "s" | "ms" = "s"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const fraction = precision === "ms" ? `.${String(date.getUTCMilliseconds()).padStart(3, "0")}` : "";
  if (zone === "UTC" || !isValidTimeZone(zone)) {
    const s = date.toISOString();
    return `${s.slice(0, 10)} ${s.slice(11, 19)}${fraction} UTC`;
  }
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? "GMT").replace(/^GMT/, "UTC");
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}${fraction} ${offset}`;
}
