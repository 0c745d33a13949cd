import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/server/console-users/password";

describe("password hashing", () => {
  it("stores an argon2id hash, never the password, and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain("correct horse battery");
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterY")).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    expect(await hashPassword("same password twice")).not.toBe(await hashPassword("same password twice"));
  });

  it("refuses passwords that are too short or too long", async () => {
    await expect(hashPassword("short")).rejects.toThrow(/at least 12/);
    await expect(hashPassword("x".repeat(257))).rejects.toThrow(/at most 256/);
  });

  it("answers false, never throws, for malformed or missing hashes", async () => {
    expect(await verifyPassword("not-a-hash", "whatever password")).toBe(false);
    expect(await verifyPassword(null, "whatever password")).toBe(false);
    expect(await verifyPassword(await hashPassword("a long password"), "")).toBe(false);
  });
});
