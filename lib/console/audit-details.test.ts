import { describe, expect, it } from "vitest";
import { auditDetailItems, auditDetailsLine } from "@/lib/console/audit-details";

describe("audit details, readable", () => {
  it("labels known keys, puts them first, and explains a denial's reason", () => {
    expect(auditDetailItems({ reason: "role" })).toEqual([{ label: "Reason", value: "needs the admin role (role)" }]);
    expect(auditDetailItems({ code: "cobo_error", reason: "lost phone" })).toEqual([
      { label: "Reason", value: "lost phone" },
      { label: "Error code", value: "cobo_error" },
    ]);
  });

  it("turns other keys into words and nested objects into key = value lists", () => {
    expect(
      auditDetailItems({ unreadFilters: "from, stuck", filters: { user: "a@b.c", token: "XTN", to: undefined }, sort: "amount.asc" }),
    ).toEqual([
      { label: "Filters", value: "user = a@b.c, token = XTN" },
      { label: "Sort", value: "amount.asc" },
      { label: "Unread filters", value: "from, stuck" },
    ]);
    expect(auditDetailItems({ filters: {} })).toEqual([{ label: "Filters", value: "none" }]);
    expect(auditDetailItems({ count: 3, ok: false, list: ["a", "b"], empty: null })).toEqual([
      { label: "Count", value: "3" },
      { label: "Empty", value: "—" },
      { label: "List", value: "a, b" },
      { label: "Ok", value: "false" },
    ]);
  });

  it("has nothing for no details, and one item for a bare value", () => {
    expect(auditDetailItems(null)).toEqual([]);
    expect(auditDetailItems("text")).toEqual([{ label: "Details", value: "text" }]);
  });

  it("reads as one line for CSV cells", () => {
    expect(auditDetailsLine({ reason: "fraud", code: "conflict" })).toBe("Reason: fraud; Error code: conflict");
    expect(auditDetailsLine(null)).toBe("");
  });
});
