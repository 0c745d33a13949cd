import { describe, expect, it } from "vitest";
import { isInputDataError, isUniqueViolation } from "@/lib/db/errors";
import { setupTestDatabase } from "../helpers/db";

// The backstop behind the boundary checks: every way a value from a request can make the real
// database (PGlite or PostgreSQL) or Prisma's query compiler refuse a query is recognised as the
// request's fault (a 4xx), and nothing else is.

const database = setupTestDatabase();

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("the query was expected to fail");
}

describe("isInputDataError", () => {
  it("recognises each refusal a hostile value causes", async () => {
    const db = database.current.db;
    const cases: [string, () => Promise<unknown>][] = [
      ["NUL in text (22021)", () => db.user.findFirst({ where: { email: "a\u0000b" } })],
      ["an unpaired surrogate", () => db.user.findFirst({ where: { email: "a\uD800b" } })],
      ["not a uuid (22P02)", () => db.user.findFirst({ where: { id: "------------------------------------" } })],
      ["an invalid Date", () => db.user.findFirst({ where: { createdAt: { lt: new Date(Number.NaN) } } })],
      ["a date past year 9999", () => db.user.findFirst({ where: { createdAt: { lt: new Date(8.64e15) } } })],
      ["a date before year 1", () => db.user.findFirst({ where: { createdAt: { lt: new Date(-8.64e15) } } })],
      ["a bigint overflow (22003)", () => db.$queryRawUnsafe("select $1::bigint", "99999999999999999999")],
      [
        "a numeric(65, 30) overflow",
        () => db.riskLimit.create({ data: { scope: "user", tokenId: "ETH", windowSeconds: 60, maxAmount: "1".repeat(40) } }),
      ],
    ];
    for (const [what, run] of cases) expect(isInputDataError(await failure(run)), what).toBe(true);
  });

  it("does not take the database's own state or a programming error for bad input", async () => {
    const db = database.current.db;
    await db.user.create({ data: { email: "taken@example.com" } });
    const duplicate = await failure(() => db.user.create({ data: { email: "taken@example.com" } }));
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isInputDataError(duplicate)).toBe(false);
    expect(isInputDataError(await failure(() => db.$queryRawUnsafe("select * from no_such_table")))).toBe(false);
    expect(isInputDataError(new Error("boom"))).toBe(false);
  });
});
