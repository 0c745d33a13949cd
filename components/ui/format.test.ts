import { describe, expect, it } from "vitest";
import { statusTone } from "@/components/ui/badge";
import { formatAge, formatUtc } from "@/components/ui/format";

describe("formatUtc", () => {
  it("prints the UTC instant by slicing text, so server and browser agree", () => {
    expect(formatUtc("2026-11-25T11:44:03.120Z")).toBe("2026-11-25 11:44:03");
    expect(formatUtc("2026-11-25T11:44:03.120Z", "ms")).toBe("2026-11-25 11:44:03.120");
    expect(formatUtc("2026-11-25T11:44:03Z", "ms")).toBe("2026-11-25 11:44:03.000");
    expect(formatUtc("garbage")).toBe("garbage");
  });
});

describe("statusTone", () => {
  it("colours known outcomes and leaves values Cobo adds later neutral", () => {
    expect(["Completed", "Success", "applied", "valid", "SignatureVerificationSuccess"].map(statusTone)).toEqual(Array(5).fill("success"));
    expect(["Failed", "Rejected", "KeyGeneratingFailed", "RejectedbyMobileCosigner", "invalid", "denied"].map(statusTone)).toEqual(
      Array(6).fill("danger"),
    );
    expect(
      ["PendingSignature", "MPCProcessing", "KeyGenerating", "received", "Created", "NotActivated", "pending"].map(statusTone),
    ).toEqual(Array(7).fill("warning"));
    expect(["SomethingNew2027", "superseded", "ReOrged"].map(statusTone)).toEqual(Array(3).fill("neutral"));
  });
});

describe("formatAge", () => {
  it("is coarse and never negative", () => {
    expect(formatAge(-5)).toBe("0 s");
    expect(formatAge(59)).toBe("59 s");
    expect(formatAge(60 * 12)).toBe("12 min");
    expect(formatAge(3 * 3600 + 5 * 60 + 9)).toBe("3 h 5 min");
    expect(formatAge(2 * 3600)).toBe("2 h");
    expect(formatAge(50 * 3600)).toBe("2 d 2 h");
  });
});
