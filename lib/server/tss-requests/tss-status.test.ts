import { describe, expect, it } from "vitest";
import { isFinalTssStatus, tssTransitionAllowed } from "@/lib/server/tss-requests/tss-status";

describe("TSS request transitions", () => {
  it("moves forward through Cobo's statuses", () => {
    expect(tssTransitionAllowed("PendingKeyHolderConfirmation", "MPCProcessing")).toBe(true);
    expect(tssTransitionAllowed("MPCProcessing", "KeyGenerating")).toBe(true);
    expect(tssTransitionAllowed("KeyGenerating", "Success")).toBe(true);
    expect(tssTransitionAllowed("PendingKeyHolderConfirmation", "KeyHolderConfirmationFailed")).toBe(true);
  });

  it("never moves back, and never out of a final state", () => {
    expect(tssTransitionAllowed("KeyGenerating", "PendingKeyHolderConfirmation")).toBe(false);
    expect(tssTransitionAllowed("Success", "KeyGenerating")).toBe(false);
    expect(tssTransitionAllowed("Success", "KeyGeneratingFailed")).toBe(false);
    expect(tssTransitionAllowed("KeyGeneratingFailed", "Success")).toBe(false);
    expect(tssTransitionAllowed("MPCProcessing", "MPCProcessing")).toBe(false);
  });

  it("keeps unknown statuses as data between waiting and generating", () => {
    expect(tssTransitionAllowed("PendingKeyHolderConfirmation", "SomethingNew")).toBe(true);
    expect(tssTransitionAllowed("SomethingNew", "KeyGenerating")).toBe(true);
    expect(tssTransitionAllowed("KeyGenerating", "SomethingNew")).toBe(false);
    expect(isFinalTssStatus("SomethingNew")).toBe(false);
  });
});
