import { describe, expect, it } from "vitest";
import { findUnsafeInput, isSafeText, MAX_INPUT_DEPTH, safeString } from "@/lib/safe-input";

describe("isSafeText", () => {
  it("accepts any well-formed text, including astral characters and other control characters", () => {
    for (const s of ["", "plain", "Ünïcødé", "😀 emoji pair", "\u200f\u202e rtl", "tab\tnewline\n", "\u0001", "\uFFFF"])
      expect(isSafeText(s)).toBe(true);
  });

  it("refuses NUL and unpaired surrogates wherever they are", () => {
    for (const s of ["\u0000", "a\u0000b", "\uD800", "x\uDBFFy", "\uDC00", "ok\uDFFF", "\uDE00\uD83D", "😀".slice(0, 1)])
      expect(isSafeText(s)).toBe(false);
  });
});

describe("findUnsafeInput", () => {
  it("names the path of the first bad string, key, or number", () => {
    expect(findUnsafeInput({ a: { b: ["ok", "x\u0000"] } })).toEqual({ path: "a.b.1", message: expect.stringContaining("NUL") });
    expect(findUnsafeInput({ a: { "k\uD800": 1 } })).toEqual({ path: "a.(key)", message: expect.stringContaining("surrogate") });
    expect(findUnsafeInput({ n: Number.POSITIVE_INFINITY })).toEqual({ path: "n", message: "must be a finite number" });
    expect(findUnsafeInput("\uDC00")).toEqual({ path: "", message: expect.any(String) });
  });

  it("passes ordinary JSON", () => {
    expect(findUnsafeInput({ email: "a@b.c", n: 1.5, list: [true, null, { deep: "é😀" }] })).toBeNull();
    expect(findUnsafeInput(undefined)).toBeNull();
  });

  it("refuses nesting past the limit without recursing (no stack overflow on 100 000 levels)", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeInput(deep)?.message).toContain(`${MAX_INPUT_DEPTH} levels`);
    let ok: unknown = "leaf";
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) ok = [ok];
    expect(findUnsafeInput(ok)).toBeNull();
  });

  it("refuses a value with too many parts", () => {
    expect(findUnsafeInput(new Array(30_000).fill(0))?.message).toContain("more than");
  });
});

describe("safeString", () => {
  it("is a zod string that refuses what isSafeText refuses", () => {
    expect(safeString().safeParse("fine").success).toBe(true);
    expect(safeString().safeParse("bad\u0000").success).toBe(false);
  });
});
