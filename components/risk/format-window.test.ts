import { describe, expect, it } from "vitest";
import { formatWindow } from "@/components/risk/format-window";

describe("formatWindow", () => {
  it("names a window in the largest unit that divides it", () => {
    expect(formatWindow(3_600)).toBe("1 h");
    expect(formatWindow(86_400)).toBe("24 h");
    expect(formatWindow(604_800)).toBe("7 d");
    expect(formatWindow(5_400)).toBe("90 min");
    expect(formatWindow(90)).toBe("90 s");
  });
});
