import { describe, expect, it } from "vitest";
import { NonceCache } from "../src/auth/nonce-cache.js";
import { formatAmount, parseAmount } from "../src/domain/amounts.js";
import { resolveFee } from "../src/domain/catalog.js";
import { findToken } from "../src/domain/catalog.js";
import { sdkQueryForm } from "../src/http/cobo-auth.js";
import { paginate } from "../src/http/pagination.js";
import { deliveryKeyFromSeed, open, seal } from "../src/relay/sealed-box.js";
import { randomSeedHex } from "../src/auth/cobo-signature.js";

// Small pure pieces: exact decimals, cursor paging, the SDK's query encoding,
// nonce windows, fees, and sealed share delivery.

describe("amounts", () => {
  it("parses and formats decimal strings exactly", () => {
    expect(parseAmount("1.5", 8)).toBe(150_000_000n);
    expect(parseAmount("0.000000000000000001", 18)).toBe(1n);
    expect(parseAmount("1.10", 1)).toBe(11n);
    expect(parseAmount("0.123456789", 8)).toBeNull();
    expect(parseAmount("-1", 8)).toBeNull();
    expect(parseAmount("1e3", 8)).toBeNull();
    expect(formatAmount(150_000_000n, 8)).toBe("1.5");
    expect(formatAmount(1n, 18)).toBe("0.000000000000000001");
    expect(formatAmount(0n, 8)).toBe("0");
    expect(formatAmount(-5n, 2)).toBe("-0.05");
  });
});

describe("pagination", () => {
  const items = ["a", "b", "c", "d", "e"];
  const page = (p: { limit: number; before?: string; after?: string }) => paginate(items, (x) => x, p);
  it("follows Cobo's before/after cursors", () => {
    expect(page({ limit: 2 })).toEqual({ data: ["a", "b"], pagination: { before: "", after: "b", total_count: 5 } });
    expect(page({ limit: 2, after: "b" })).toEqual({ data: ["c", "d"], pagination: { before: "c", after: "d", total_count: 5 } });
    expect(page({ limit: 2, after: "d" }).data).toEqual(["e"]);
    expect(page({ limit: 2, before: "c" })).toEqual({ data: ["a", "b"], pagination: { before: "", after: "b", total_count: 5 } });
    expect(page({ limit: 2, before: "infinity" }).data).toEqual(["d", "e"]);
    expect(() => page({ limit: 2, before: "c", after: "a" })).toThrow(/before and after/);
  });
});

describe("query signing form", () => {
  it("re-encodes the sent query the way the JS SDK signs it", () => {
    expect(sdkQueryForm("")).toBe("");
    expect(sdkQueryForm("chain_ids=XTN%2CSETH&limit=10")).toBe("chain_ids=XTN%2CSETH&limit=10");
    expect(sdkQueryForm("description=a%20b")).toBe("description=a+b");
  });
});

describe("nonce cache", () => {
  it("rejects replays inside the window and stale timestamps", () => {
    const cache = new NonceCache(1000);
    const now = 1_700_000_000_000;
    expect(cache.check("k", String(now), now)).toBe("ok");
    expect(cache.check("k", String(now), now + 10)).toBe("replayed");
    expect(cache.check("other", String(now), now + 10)).toBe("ok");
    expect(cache.check("k", String(now - 5000), now)).toBe("stale");
    expect(cache.check("k", "random-nonce", now)).toBe("ok");
    expect(cache.check("k", "random-nonce", now + 1)).toBe("replayed");
  });
});

describe("fees", () => {
  it("computes UTXO and EVM fees in base units and checks the fee token", () => {
    const xtn = findToken("XTN");
    const seth = findToken("SETH");
    if (!xtn || !seth) throw new Error("catalog");
    expect(resolveFee(xtn, { fee_type: "UTXO", token_id: "XTN", fee_rate: "5" }).base).toBe(1250n);
    expect(resolveFee(seth, { fee_type: "EVM_EIP_1559", token_id: "SETH", max_fee_per_gas: "2", max_priority_fee_per_gas: "1" }).base).toBe(
      42_000n,
    );
    expect(() => resolveFee(seth, { fee_type: "UTXO", token_id: "SETH", fee_rate: "1" })).toThrow();
    expect(() => resolveFee(seth, { fee_type: "EVM_Legacy", token_id: "XTN", gas_price: "1" })).toThrow();
    expect(() => resolveFee(xtn, { fee_type: "UTXO", token_id: "XTN", fee_rate: "5", max_fee_amount: "0.00001" })).toThrow();
  });
});

describe("sealed delivery", () => {
  it("opens only with the recipient's delivery key", () => {
    const alice = deliveryKeyFromSeed(randomSeedHex());
    const bob = deliveryKeyFromSeed(randomSeedHex());
    const box = seal(alice.publicKeyHex, "secret share");
    expect(box).not.toContain("secret share");
    expect(open(alice, box)).toBe("secret share");
    expect(() => open(bob, box)).toThrow();
  });
});
