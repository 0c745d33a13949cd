import { describe, expect, it } from "vitest";
import { coboErrorOf } from "@/lib/console/timeline";
import { documentedCoboError } from "@/lib/cobo/refusals";

describe("Cobo errors on timelines", () => {
  it("reads the recorded error: Cobo's code, own message and error id", () => {
    expect(
      coboErrorOf({
        cobo_error: {
          operation: "createTransfer",
          http_status: 400,
          error_code: 30014,
          error_message: "Invalid destination address",
          documented: "the destination address is invalid for this token",
          error_id: "e-1",
        },
      }),
    ).toEqual({
      code: 30014,
      httpStatus: 400,
      message: "Invalid destination address",
      documented: "the destination address is invalid for this token",
      errorId: "e-1",
      operation: "createTransfer",
    });
  });

  it("is null for payloads without one (Cobo's transaction JSON, nothing)", () => {
    expect(coboErrorOf({ transaction_id: "t" })).toBeNull();
    expect(coboErrorOf(null)).toBeNull();
    expect(coboErrorOf({ cobo_error: "x" })).toBeNull();
  });

  it("knows what Cobo documents for a code, and nothing for an undocumented one", () => {
    expect(documentedCoboError(30014)).toBe("the destination address is invalid for this token");
    expect(documentedCoboError(30039)).toMatch(/Fee Station/);
    expect(documentedCoboError(99999)).toBeUndefined();
    expect(documentedCoboError(undefined)).toBeUndefined();
  });
});
