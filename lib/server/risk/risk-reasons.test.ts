import { describe, expect, it } from "vitest";
import { boundedText } from "@/lib/server/risk/record-risk-decision";
import { deny, formatReason, parseReason } from "@/lib/server/risk/risk-reasons";

describe("stored reasons and bodies", () => {
  it("stores code and detail in one column and splits them back", () => {
    const stored = formatReason(deny("limit_exceeded", "user limit of 1 SETH: 2"));
    expect(stored).toBe("limit_exceeded: user limit of 1 SETH: 2");
    expect(parseReason(stored)).toEqual({ code: "limit_exceeded", detail: "user limit of 1 SETH: 2" });
    expect(parseReason("free text")).toEqual({ code: "", detail: "free text" });
    expect(formatReason(deny("record_mismatch", "x".repeat(5000))).length).toBe(1000);
  });

  it("bounds bodies without splitting a surrogate pair and without NULs", () => {
    expect(boundedText("ab😀cd", 3)).toBe("ab");
    expect(boundedText("a\u0000b", 10)).toBe("a\uFFFDb");
    expect(boundedText("short", 10)).toBe("short");
  });
});
