import { describe, expect, it } from "vitest";
import { cursorParam, idParam, mergeOptions, pageSizeParam, sortParam, textParam } from "@/lib/console/list-query";

describe("list query parsing", () => {
  it("reads the first value of repeated keys and falls back on garbage", () => {
    expect(pageSizeParam.parse(["10", "50"])).toBe(10);
    expect(pageSizeParam.parse("50")).toBe(50);
    expect(pageSizeParam.parse("51")).toBe(25);
    expect(textParam.parse("  ETH ")).toBe("ETH");
    expect(textParam.parse("   ")).toBeUndefined();
    expect(textParam.parse("x".repeat(201))).toBeUndefined();
    // text the database cannot compare is no filter, like any other malformed value
    expect(textParam.parse("a\u0000b")).toBeUndefined();
    expect(textParam.parse("\uD800")).toBeUndefined();
    expect(idParam.parse("not-an-id")).toBeUndefined();
    expect(idParam.parse("3f0c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f")).toBe("3f0c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f");
  });

  it("accepts only the allowed sort columns and directions", () => {
    const sort = sortParam(["email", "createdAt"] as const, { id: "createdAt", desc: true });
    expect(sort.parse("email.asc")).toEqual({ id: "email", desc: false });
    expect(sort.parse("passwordHash.asc")).toEqual({ id: "createdAt", desc: true });
    expect(sort.parse("email.sideways")).toEqual({ id: "createdAt", desc: true });
    expect(sort.parse(undefined)).toEqual({ id: "createdAt", desc: true });
  });

  it("takes a cursor only in its own alphabet (base64url), else none", () => {
    expect(cursorParam.parse(["eyJzIjoiIn0", "x"])).toBe("eyJzIjoiIn0");
    expect(cursorParam.parse("a b")).toBeUndefined();
    expect(cursorParam.parse("x".repeat(4001))).toBeUndefined();
    expect(cursorParam.parse(undefined)).toBeUndefined();
  });

  it("keeps known filter values first and appends stored unknown ones", () => {
    expect(mergeOptions(["b", "a"], ["z", "a", "c"])).toEqual(["b", "a", "c", "z"]);
  });
});
