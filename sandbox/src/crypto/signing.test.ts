import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { deriveAddress } from "./chains";
import { generateRootKey } from "./root-key";
import { signDigest, transactionDigest, verifyDigestSignature } from "./signing";

const N = secp256k1.Point.Fn.ORDER;

function flipHexChar(hex: string, at: number): string {
  const c = hex[at] === "0" ? "1" : "0";
  return hex.slice(0, at) + c + hex.slice(at + 1);
}

describe("signDigest / verifyDigestSignature", () => {
  const root = generateRootKey();
  const addr = deriveAddress(root.xpub, "SETH", 2);
  const digest = transactionDigest({ to: "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", amount: "1.5", nonce: 7 });

  it("signs with the address's child key in the documented r||s||v low-s format", () => {
    const { signature, pubkey } = signDigest(root.xprv, addr.path, digest);
    expect(pubkey).toBe(addr.pubkey);
    expect(signature).toMatch(/^[0-9a-f]{130}$/);
    const s = BigInt(`0x${signature.slice(64, 128)}`);
    expect(s <= N / 2n).toBe(true);
    expect(["00", "01"]).toContain(signature.slice(128));
    expect(verifyDigestSignature(pubkey, digest, signature)).toBe(true);
    // Independent check: the digest itself (not sha256(digest)) was signed.
    expect(secp256k1.verify(hexToBytes(signature.slice(0, 128)), hexToBytes(digest), hexToBytes(pubkey), { prehash: false })).toBe(true);
    // Deterministic nonces (RFC 6979).
    expect(signDigest(root.xprv, addr.path, digest).signature).toBe(signature);
  });

  it("fails verification when anything is tampered with", () => {
    const { signature, pubkey } = signDigest(root.xprv, addr.path, digest);
    expect(verifyDigestSignature(pubkey, flipHexChar(digest, 10), signature)).toBe(false);
    expect(verifyDigestSignature(pubkey, digest, flipHexChar(signature, 5))).toBe(false); // r
    expect(verifyDigestSignature(pubkey, digest, flipHexChar(signature, 100))).toBe(false); // s
    const wrongV = signature.slice(0, 128) + (signature.endsWith("00") ? "01" : "00");
    expect(verifyDigestSignature(pubkey, digest, wrongV)).toBe(false);
    expect(verifyDigestSignature(deriveAddress(root.xpub, "SETH", 3).pubkey, digest, signature)).toBe(false);
    // The malleated high-s twin (n - s, flipped v) is rejected.
    const s = BigInt(`0x${signature.slice(64, 128)}`);
    const highS = (N - s).toString(16).padStart(64, "0");
    const v = signature.endsWith("00") ? "01" : "00";
    expect(verifyDigestSignature(pubkey, digest, signature.slice(0, 64) + highS + v)).toBe(false);
    // Garbage never throws.
    expect(verifyDigestSignature("zz", digest, signature)).toBe(false);
    expect(verifyDigestSignature(pubkey, "00", signature)).toBe(false);
    expect(verifyDigestSignature(pubkey, digest, signature.slice(0, 128))).toBe(false);
  });

  it("refuses malformed digests and keys", () => {
    expect(() => signDigest(root.xprv, addr.path, "abcd")).toThrow(/32 bytes/);
    expect(() => signDigest(root.xpub, addr.path, digest)).toThrow(/public key/);
    expect(() => signDigest(root.xprv, "44/60/0/0/0", digest)).toThrow();
  });
});

describe("transactionDigest", () => {
  it("is sha256 of canonical sorted-key JSON, independent of insertion order", () => {
    const expected = createHash("sha256").update('{"10":"x","9":1,"amount":"0.1","to":"tb1q"}').digest("hex");
    expect(transactionDigest({ to: "tb1q", amount: "0.1", 9: 1, 10: "x" })).toBe(expected);
    expect(transactionDigest({ 10: "x", amount: "0.1", to: "tb1q", 9: 1 })).toBe(expected);
  });

  it("changes with any field and refuses non-finite numbers", () => {
    const base = transactionDigest({ amount: "1", to: "a" });
    expect(transactionDigest({ amount: "2", to: "a" })).not.toBe(base);
    expect(transactionDigest({ amount: 1, to: "a" })).not.toBe(base);
    expect(() => transactionDigest({ amount: Number.NaN })).toThrow(/finite/);
    expect(() => transactionDigest({ amount: Number.POSITIVE_INFINITY })).toThrow(/finite/);
  });

  it("produces a digest signDigest accepts", () => {
    const d = transactionDigest({ a: "b" });
    expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(bytesToHex(hexToBytes(d))).toBe(d);
  });
});
