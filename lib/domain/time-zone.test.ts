import { describe, expect, it } from "vitest";
import { formatInTimeZone, isValidTimeZone } from "@/lib/domain/time-zone";

describe("time zones", () => {
  it("accepts IANA names and refuses anything else", () => {
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone("Europe/Berlin; DROP")).toBe(false);
  });

  it("prints a timestamp in the zone with its offset, across a DST change", () => {
    expect(formatInTimeZone("2026-12-04T08:44:03.123Z", "UTC")).toBe("2026-12-04 08:44:03 UTC");
    expect(formatInTimeZone("2026-12-04T08:44:03.123Z", "UTC", "ms")).toBe("2026-12-04 08:44:03.123 UTC");
    expect(formatInTimeZone("2026-12-04T08:44:03.123Z", "Europe/Berlin")).toBe("2026-12-04 09:44:03 UTC+1");
    expect(formatInTimeZone("2026-07-04T08:44:03.123Z", "Europe/Berlin", "ms")).toBe("2026-07-04 10:44:03.123 UTC+2");
    expect(formatInTimeZone("2026-12-04T20:00:00.000Z", "Asia/Kolkata")).toBe("2026-12-05 01:30:00 UTC+5:30");
    expect(formatInTimeZone("2026-12-04T03:00:00.000Z", "America/New_York")).toBe("2026-12-03 22:00:00 UTC-5");
  });

  it("prints text that is not a timestamp as it came, and an unknown zone as UTC", () => {
    expect(formatInTimeZone("not a date", "UTC")).toBe("not a date");
    expect(formatInTimeZone("2026-12-04T08:44:03Z", "Nowhere/Land")).toBe("2026-12-04 08:44:03 UTC");
  });
});
