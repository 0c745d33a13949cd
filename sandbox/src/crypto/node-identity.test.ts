import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base58 } from "@scure/base";
import { hexToBytes } from "@noble/hashes/utils.js";
import { generateNodeKey, nodeIdFromPublicKey, publicKeyFromSeed, signNodeMessage, verifyNodeMessage } from "./node-identity";

// RFC 8032 section 7.1, TEST 1 (empty message).
const RFC_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const RFC_PUB = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const RFC_SIG =
  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

describe("node-identity", () => {
  it("matches the RFC 8032 Ed25519 test vector", () => {
    expect(publicKeyFromSeed(RFC_SEED)).toBe(RFC_PUB);
    expect(signNodeMessage(RFC_SEED, "")).toBe(RFC_SIG);
    expect(verifyNodeMessage(RFC_PUB, "", RFC_SIG)).toBe(true);
  });

  it("derives nodeId = coboNode + base58(sha256(pub)[0..20])", () => {
    const digest = createHash("sha256").update(hexToBytes(RFC_PUB)).digest();
    expect(nodeIdFromPublicKey(RFC_PUB)).toBe(`coboNode${base58.encode(digest.subarray(0, 20))}`);
    expect(nodeIdFromPublicKey(RFC_PUB.toUpperCase())).toBe(nodeIdFromPublicKey(RFC_PUB));
    expect(() => nodeIdFromPublicKey("abcd")).toThrow(/32 bytes/);
  });

  it("generates distinct self-consistent identities", () => {
    const a = generateNodeKey();
    const b = generateNodeKey();
    expect(a.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(a.publicKey).toBe(publicKeyFromSeed(a.seed));
    expect(a.nodeId).toBe(nodeIdFromPublicKey(a.publicKey));
    expect(a.nodeId.startsWith("coboNode")).toBe(true);
    expect(a.nodeId).not.toBe(b.nodeId);
  });

  it("verifies only the signer's exact message", () => {
    const a = generateNodeKey();
    const b = generateNodeKey();
    const msg = "approve:tx-123:nodeX";
    const sig = signNodeMessage(a.seed, msg);
    expect(verifyNodeMessage(a.publicKey, msg, sig)).toBe(true);
    expect(verifyNodeMessage(a.publicKey, `${msg}4`, sig)).toBe(false);
    expect(verifyNodeMessage(b.publicKey, msg, sig)).toBe(false);
    const tampered = (sig[0] === "0" ? "1" : "0") + sig.slice(1);
    expect(verifyNodeMessage(a.publicKey, msg, tampered)).toBe(false);
    expect(verifyNodeMessage("zz", msg, sig)).toBe(false);
    expect(verifyNodeMessage(a.publicKey, msg, "00")).toBe(false);
  });
});
