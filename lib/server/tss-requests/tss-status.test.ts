import { describe, expect, it } from "vitest";
import { isFinalTssStatus, tssObservedAt, tssTransitionAllowed } from "@/lib/server/tss-requests/tss-status";

const at = (s: number) => new Date(Date.UTC(2026, 11, 4, 8, 0, s));

describe("TSS request transitions", () => {
  it("without observation times, moves forward through the catalog's ranks", () => {
    expect(tssTransitionAllowed("PendingKeyHolderConfirmation", "MPCProcessing")).toBe(true);
    expect(tssTransitionAllowed("MPCProcessing", "KeyGenerating")).toBe(true);
    expect(tssTransitionAllowed("KeyGenerating", "Success")).toBe(true);
    expect(tssTransitionAllowed("PendingKeyHolderConfirmation", "KeyHolderConfirmationFailed")).toBe(true);
    expect(tssTransitionAllowed("KeyGenerating", "PendingKeyHolderConfirmation")).toBe(false);
    expect(tssTransitionAllowed("KeyGenerating", "MPCProcessing")).toBe(false);
  });

  it("between open statuses observed at Cobo, the later observation wins in either order of MPCProcessing and KeyGenerating", () => {
    for (const [first, second] of [
      ["MPCProcessing", "KeyGenerating"],
      ["KeyGenerating", "MPCProcessing"],
    ] as const) {
      expect(tssTransitionAllowed("PendingKeyHolderConfirmation", first, { current: at(1), next: at(2) })).toBe(true);
      expect(tssTransitionAllowed(first, second, { current: at(2), next: at(3) })).toBe(true);
      // an older read arriving late changes nothing
      expect(tssTransitionAllowed(second, first, { current: at(3), next: at(2) })).toBe(false);
      expect(tssTransitionAllowed(second, first, { current: at(3), next: at(3) })).toBe(false);
    }
    // an observed status beats one never observed (our own create answer)
    expect(tssTransitionAllowed("KeyGenerating", "PendingKeyHolderConfirmation", { current: null, next: at(5) })).toBe(true);
  });

  it("never leaves a final status, and any final status ends an open one, whatever the times", () => {
    expect(tssTransitionAllowed("Success", "KeyGenerating", { current: at(1), next: at(9) })).toBe(false);
    expect(tssTransitionAllowed("Success", "KeyGeneratingFailed", { current: at(1), next: at(9) })).toBe(false);
    expect(tssTransitionAllowed("KeyGeneratingFailed", "Success")).toBe(false);
    expect(tssTransitionAllowed("MPCProcessing", "MPCProcessing", { current: at(1), next: at(9) })).toBe(false);
    expect(tssTransitionAllowed("KeyGenerating", "Success", { current: at(9), next: at(1) })).toBe(true);
    expect(tssTransitionAllowed("MPCProcessing", "KeyHolderConfirmationFailed")).toBe(true);
  });

  it("keeps unknown statuses as open data", () => {
    expect(tssTransitionAllowed("PendingKeyHolderConfirmation", "SomethingNew")).toBe(true);
    expect(tssTransitionAllowed("SomethingNew", "KeyGenerating")).toBe(true);
    expect(tssTransitionAllowed("KeyGenerating", "SomethingNew")).toBe(false);
    expect(tssTransitionAllowed("KeyGenerating", "SomethingNew", { current: at(1), next: at(2) })).toBe(true);
    expect(isFinalTssStatus("SomethingNew")).toBe(false);
  });

  it("dates an observation by Cobo's updated_timestamp when present, else by our read", () => {
    expect(tssObservedAt({ updated_timestamp: at(7).getTime() }, at(9))).toEqual(at(7));
    expect(tssObservedAt({}, at(9))).toEqual(at(9));
    expect(tssObservedAt({ updated_timestamp: null }, at(9))).toEqual(at(9));
  });
});
