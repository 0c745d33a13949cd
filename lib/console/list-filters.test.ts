import { describe, expect, it } from "vitest";
import { dateBound, dateParam, decimalParam, durationMs, durationParam, unreadFilters } from "@/lib/console/list-query";

describe("filter parameters", () => {
  it("dates: a day or an instant with a zone; anything else is no filter", () => {
    expect(dateParam.parse("2026-12-01")).toBe("2026-12-01");
    expect(dateParam.parse(["2026-12-01T10:30:00Z", "x"])).toBe("2026-12-01T10:30:00Z");
    expect(dateParam.parse("2026-12-01T10:30:00+02:00")).toBe("2026-12-01T10:30:00+02:00");
    for (const bad of ["2026-13-01", "2026-02-30", "yesterday", "2026-12-01T10:30:00", "", undefined, 5])
      expect(dateParam.parse(bad), String(bad)).toBeUndefined();
  });

  it("a day range covers whole UTC days, both ends included", () => {
    expect(dateBound("2026-12-01", "from").toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(dateBound("2026-12-01", "to").toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(dateBound("2026-12-01T10:30:00+02:00", "to").toISOString()).toBe("2026-12-01T08:30:00.000Z");
  });

  it("amounts: non-negative decimals as text", () => {
    expect(decimalParam.parse("0.5")).toBe("0.5");
    expect(decimalParam.parse(" 1000 ")).toBe("1000");
    for (const bad of ["-1", "1e5", "1,5", ".5", "abc", ""]) expect(decimalParam.parse(bad), bad).toBeUndefined();
  });

  it("durations: minutes, hours or days, up to a year", () => {
    expect(durationParam.parse("30m")).toBe("30m");
    expect(durationMs("30m")).toBe(1_800_000);
    expect(durationMs("2h")).toBe(7_200_000);
    expect(durationMs("3d")).toBe(259_200_000);
    expect(durationParam.parse("365d")).toBe("365d");
    for (const bad of ["0h", "366d", "2 h", "2w", "h", "-1h", "9999999m"]) expect(durationParam.parse(bad), bad).toBeUndefined();
  });

  it("names the filters given but not read", () => {
    expect(unreadFilters({ a: "x", b: "  ", c: "y", d: ["z"] }, { a: "x", c: undefined, d: undefined }, ["a", "b", "c", "d", "e"])).toEqual(
      ["c", "d"],
    );
  });
});
