import { describe, expect, it } from "vitest";
import { isOlderThan, parseBizTimestamp } from "@/lib/cobo/biz-timestamp";

describe("Biz-Timestamp", () => {
  const now = Date.UTC(2026, 11, 4, 8, 0, 0, 123);

  it("reads seconds, milliseconds and microseconds as the same instant", () => {
    expect(parseBizTimestamp(String(Math.floor(now / 1000)))).toEqual({ text: "1796371200", unit: "seconds", ms: 1796371200000 });
    expect(parseBizTimestamp(String(now))).toEqual({ text: String(now), unit: "milliseconds", ms: now });
    expect(parseBizTimestamp(`${now}456`)).toEqual({ text: `${now}456`, unit: "microseconds", ms: now });
  });

  it("refuses anything that is not 10 to 16 digits", () => {
    for (const bad of [null, undefined, "", "123456789", "12345678901234567", "-1796371200", "1796371200.5", " 1796371200", "0x12345678ab"])
      expect(parseBizTimestamp(bad)).toBeNull();
  });

  it("has no age bound unless one is configured, and then measures it in either unit", () => {
    const hourAgoSeconds = parseBizTimestamp(String(Math.floor((now - 3_600_000) / 1000)))!;
    const hourAgoMs = parseBizTimestamp(String(now - 3_600_000))!;
    for (const ts of [hourAgoSeconds, hourAgoMs]) {
      expect(isOlderThan(ts, 0, now)).toBe(false);
      expect(isOlderThan(ts, 3_599, now)).toBe(true);
      expect(isOlderThan(ts, 3_601, now)).toBe(false);
    }
  });
});
