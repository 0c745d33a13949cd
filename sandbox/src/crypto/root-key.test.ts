import { describe, expect, it } from "vitest";
import { HDKey } from "@scure/bip32";
import { hexToBytes } from "@noble/hashes/utils.js";
import { generateRootKey, parseRootXprv, rootKeyFromSeed, rootPubkeyOf } from "./root-key";

// BIP32 test vector 1 (bitcoin/bips bip-0032.mediawiki), chain m and m/0H.
const V1_SEED = "000102030405060708090a0b0c0d0e0f";
const V1_XPRV = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi";
const V1_XPUB = "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";
const V1_ROOT_PUBKEY = "0339a36013301597daef41fbe593a02cc513d0b55527ec2df1050e2e8ff49c85c2";
const V1_M0H_XPRV = "xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7";

describe("root-key", () => {
  it("matches BIP32 test vector 1 for a known seed", () => {
    const key = rootKeyFromSeed(hexToBytes(V1_SEED));
    expect(key).toEqual({ xprv: V1_XPRV, xpub: V1_XPUB, rootPubkey: V1_ROOT_PUBKEY });
    expect(rootPubkeyOf(V1_XPRV)).toBe(V1_ROOT_PUBKEY);
  });

  it("generates distinct random mainnet-serialized root keys with a compressed root pubkey", () => {
    const a = generateRootKey();
    const b = generateRootKey();
    expect(a.xprv).not.toBe(b.xprv);
    expect(a.xprv.startsWith("xprv")).toBe(true);
    expect(a.xpub.startsWith("xpub")).toBe(true);
    expect(a.rootPubkey).toMatch(/^0[23][0-9a-f]{64}$/);
    expect(rootPubkeyOf(a.xprv)).toBe(a.rootPubkey);
    // xpub and xprv describe the same root.
    expect(HDKey.fromExtendedKey(a.xprv).publicExtendedKey).toBe(a.xpub);
    expect(parseRootXprv(a.xprv).depth).toBe(0);
  });

  it("refuses xpubs, non-root keys and garbage", () => {
    expect(() => rootPubkeyOf(V1_XPUB)).toThrow(/public key/);
    expect(() => rootPubkeyOf(V1_M0H_XPRV)).toThrow(/depth 0/);
    expect(() => rootPubkeyOf("xprv-not-a-key")).toThrow(/invalid extended private key/);
    // One changed character breaks the base58check checksum.
    const corrupted = V1_XPRV.slice(0, -1) + (V1_XPRV.endsWith("i") ? "j" : "i");
    expect(() => rootPubkeyOf(corrupted)).toThrow(/invalid extended private key/);
  });
});
