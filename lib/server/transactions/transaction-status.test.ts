import { describe, expect, it } from "vitest";
import { transactionUpdateAllowed } from "@/lib/server/transactions/transaction-status";

const at = (s: number) => new Date(1_800_000_000_000 + s * 1000);
const st = (status: string, t: number | null, subStatus: string | null = null) => ({
  status,
  subStatus,
  updatedAt: t === null ? null : at(t),
});

describe("transaction transitions", () => {
  it("applies forward moves, even without timestamps", () => {
    expect(transactionUpdateAllowed(st("Created", null), st("Submitted", 1))).toBe(true);
    expect(transactionUpdateAllowed(st("PendingSignature", 5), st("Broadcasting", 4))).toBe(true);
    expect(transactionUpdateAllowed(st("Confirming", 5), st("Completed", 6))).toBe(true);
  });

  it("a late PendingSignature never overwrites Completed", () => {
    expect(transactionUpdateAllowed(st("Completed", 10), st("PendingSignature", 20))).toBe(false);
    expect(transactionUpdateAllowed(st("Broadcasting", 10), st("PendingSignature", 20))).toBe(false);
  });

  it("sub-status changes apply only when newer", () => {
    expect(
      transactionUpdateAllowed(st("PendingSignature", 5, "PendingApprovalStart"), st("PendingSignature", 6, "PendingSignerApproval")),
    ).toBe(true);
    expect(
      transactionUpdateAllowed(st("PendingSignature", 6, "PendingSignerApproval"), st("PendingSignature", 5, "PendingApprovalStart")),
    ).toBe(false);
    expect(transactionUpdateAllowed(st("PendingSignature", 6, "X"), st("PendingSignature", 6, "X"))).toBe(false);
  });

  it("Completed may still become Failed (re-org / dropped), only when Cobo reports it later", () => {
    expect(transactionUpdateAllowed(st("Completed", 10), st("Failed", 11, "FailedOnChain"))).toBe(true);
    expect(transactionUpdateAllowed(st("Completed", 10), st("Failed", 9))).toBe(false);
    expect(transactionUpdateAllowed(st("Completed", 10), st("Failed", 10))).toBe(false);
    expect(transactionUpdateAllowed(st("Completed", 10), st("Failed", null))).toBe(false);
    expect(transactionUpdateAllowed(st("Completed", 10), st("Completed", 11))).toBe(false);
  });

  it.each([
    ["Rejected", "Completed"],
    ["Rejected", "Failed"],
    ["Failed", "Completed"],
    ["Failed", "Rejected"],
    ["Completed", "Rejected"],
  ])("refuses the final move %s → %s however new the report", (from, to) => {
    expect(transactionUpdateAllowed(st(from, 10), st(to, 1_000))).toBe(false);
    expect(transactionUpdateAllowed(st(from, null), st(to, 1_000))).toBe(false);
  });

  it("a final state never moves back to an open one", () => {
    for (const final of ["Completed", "Failed", "Rejected"]) {
      expect(transactionUpdateAllowed(st(final, 10), st("Confirming", 20))).toBe(false);
      expect(transactionUpdateAllowed(st(final, 10), st("SomethingNew", 20))).toBe(false);
    }
  });
});
