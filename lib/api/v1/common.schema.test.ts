import { describe, expect, it } from "vitest";
import { CursorQuery, DecimalString, decodeKeysetCursor, encodeKeysetCursor } from "@/lib/api/v1/common.schema";

const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const ID = "0e18c9db-405e-42fe-999c-5287708e24ce";

describe("DecimalString", () => {
  it("accepts what numeric(65, 30) holds and refuses more digits", () => {
    for (const ok of ["0", "0.015", "1".repeat(35), `1.${"0".repeat(30)}`]) expect(DecimalString.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["1".repeat(36), "1".repeat(40), `1.${"0".repeat(31)}`, "01", "-1", "1e5", " 1"])
      expect(DecimalString.safeParse(bad).success, bad).toBe(false);
  });
});

describe("keyset cursors", () => {
  it("round-trip", () => {
    const at = new Date("2026-12-03T10:00:00.123Z");
    expect(decodeKeysetCursor(encodeKeysetCursor({ createdAt: at, id: ID }))).toEqual({ createdAt: at, id: ID });
  });

  it("refuse dates the database cannot compare, non-UUID ids and anything else", () => {
    for (const raw of [
      cursor(["+275760-09-13T00:00:00.000Z", ID]),
      cursor(["-271821-04-20T00:00:00.000Z", ID]),
      cursor(["+010000-01-01T00:00:00.000Z", ID]),
      cursor(["1969-12-31T23:59:59.999Z", ID]),
      cursor(["not a date", ID]),
      cursor(["2026-01-01T00:00:00.000Z", "-".repeat(36)]),
      cursor(["2026-01-01T00:00:00.000Z", ID, "extra"]),
      cursor({ at: "2026-01-01T00:00:00.000Z", id: ID }),
      "not base64 !",
    ]) {
      expect(decodeKeysetCursor(raw), raw).toBeNull();
      expect(CursorQuery.safeParse({ cursor: raw }).success, raw).toBe(false);
    }
    expect(CursorQuery.safeParse({ cursor: "" }).success).toBe(true);
  });
});
