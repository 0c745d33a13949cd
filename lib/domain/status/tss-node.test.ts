import { describe, expect, it } from "vitest";
import {
  mainGroupMustRecover,
  secretsBackupMethodLabel,
  supersededGroupSigning,
  supersededGroupSigningText,
} from "@/lib/domain/status/tss-node";

describe("a superseded Main Group's signing state", () => {
  it("is unknown unless every device of the user in it is retired", () => {
    expect(supersededGroupSigning(["active"])).toEqual({ state: "unknown", devices: 1, notRetired: 1 });
    expect(supersededGroupSigning(["retired", "active"])).toEqual({ state: "unknown", devices: 2, notRetired: 1 });
    // no device recorded: nothing can be said
    expect(supersededGroupSigning([])).toEqual({ state: "unknown", devices: 0, notRetired: 0 });
    expect(supersededGroupSigning(["retired"])).toEqual({ state: "devices_retired", devices: 1 });
    expect(supersededGroupSigning(["retired", "retired"])).toEqual({ state: "devices_retired", devices: 2 });
  });

  it("says so in words", () => {
    expect(supersededGroupSigningText(supersededGroupSigning(["active"]))).toBe(
      "whether it can still sign is unknown (Cobo does not document it), because its device is not retired. Retire the old device if it is lost or no longer used.",
    );
    expect(supersededGroupSigningText(supersededGroupSigning(["retired", "active", "active"]))).toContain(
      "unknown (Cobo does not document it), because 2 of its 3 devices are not retired",
    );
    expect(supersededGroupSigningText(supersededGroupSigning(["retired"]))).toBe(
      "its device is retired, so it cannot sign with the user's device any more (a retired device is never used again).",
    );
    expect(supersededGroupSigningText(supersededGroupSigning(["retired", "retired"]))).toMatch(/^all 2 of its devices are retired/);
  });
});

describe("a Main Group that must be recovered", () => {
  it("is one whose devices are all retired (and that has devices)", () => {
    expect(mainGroupMustRecover(["retired"])).toBe(true);
    expect(mainGroupMustRecover(["retired", "active"])).toBe(false);
    expect(mainGroupMustRecover(["active"])).toBe(false);
    expect(mainGroupMustRecover([])).toBe(false);
  });
});

it("labels backup methods, keeping values it does not know", () => {
  expect(secretsBackupMethodLabel("cloud")).toBe("Cloud backup");
  expect(secretsBackupMethodLabel("file")).toBe("Exported file");
  expect(secretsBackupMethodLabel("carrier")).toBe("carrier");
});
