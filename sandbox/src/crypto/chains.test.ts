import { describe, expect, it } from "vitest";
import { HDKey } from "@scure/bip32";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import {
  addressFromPubkey,
  addressPath,
  deriveAddress,
  isSupportedChain,
  isValidAddress,
  SANDBOX_CHAIN_IDS,
  toChecksumAddress,
} from "./chains";
import { rootKeyFromSeed } from "./root-key";

// secp256k1 generator G (private key 1): BIP173's example key.
const G_COMPRESSED = "0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798";
const ROOT = rootKeyFromSeed(hexToBytes("000102030405060708090a0b0c0d0e0f"));

describe("address encodings (known answers)", () => {
  it("encodes BIP173's example pubkey as a testnet P2WPKH address", () => {
    expect(addressFromPubkey("XTN", G_COMPRESSED)).toBe("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx");
  });

  it("encodes private key 1's pubkey as the well-known EIP-55 Ethereum address", () => {
    expect(addressFromPubkey("SETH", G_COMPRESSED)).toBe("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    const uncompressed = bytesToHex(secp256k1.Point.fromHex(G_COMPRESSED.toLowerCase()).toBytes(false));
    expect(addressFromPubkey("SETH", uncompressed)).toBe("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
  });

  it("applies EIP-55 checksums (EIP-55 vectors)", () => {
    for (const v of [
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
      "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
      "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
      "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ]) {
      expect(toChecksumAddress(v.toLowerCase())).toBe(v);
      expect(isValidAddress("SETH", v)).toBe(true);
    }
  });

  it("rejects invalid public keys", () => {
    expect(() => addressFromPubkey("XTN", "02" + "00".repeat(32))).toThrow(/public key/);
    expect(() => addressFromPubkey("SETH", "zz")).toThrow(/public key/);
  });
});

describe("isValidAddress", () => {
  it("accepts tb1 v0 20-byte programs only", () => {
    expect(isValidAddress("XTN", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx")).toBe(true);
    expect(isValidAddress("XTN", "TB1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KXPJZSX")).toBe(true);
    // mainnet HRP
    expect(isValidAddress("XTN", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")).toBe(false);
    // P2WSH (32-byte program, BIP173 testnet example)
    expect(isValidAddress("XTN", "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7")).toBe(false);
    // mixed case, bad checksum, garbage
    expect(isValidAddress("XTN", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kXpjzsx")).toBe(false);
    expect(isValidAddress("XTN", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsy")).toBe(false);
    expect(isValidAddress("XTN", "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")).toBe(false);
  });

  it("accepts EVM addresses in one case or with a valid checksum", () => {
    expect(isValidAddress("SETH", "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf")).toBe(true);
    expect(isValidAddress("SETH", "0x7E5F4552091A69125D5DFCB7B8C2659029395BDF")).toBe(true);
    // one letter's case flipped breaks the checksum
    expect(isValidAddress("SETH", "0x7e5F4552091A69125d5DfCb7b8C2659029395Bdf")).toBe(false);
    expect(isValidAddress("SETH", "0x7E5F4552091A69125d5DfCb7b8C2659029395Bd")).toBe(false);
    expect(isValidAddress("SETH", "7E5F4552091A69125d5DfCb7b8C2659029395Bdf00")).toBe(false);
    expect(isValidAddress("SETH", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx")).toBe(false);
  });
});

describe("deriveAddress", () => {
  it("derives from the xpub the same keys as private derivation, on non-hardened paths", () => {
    const priv = HDKey.fromExtendedKey(ROOT.xprv);
    for (const chainId of SANDBOX_CHAIN_IDS) {
      for (const index of [0, 1, 7]) {
        const a = deriveAddress(ROOT.xpub, chainId, index);
        const childPub = priv.derive(a.path).publicKey;
        expect(childPub).not.toBeNull();
        expect(a.pubkey).toBe(bytesToHex(childPub ?? new Uint8Array()));
        expect(a.address).toBe(addressFromPubkey(chainId, a.pubkey));
        expect(a.chain_id).toBe(chainId);
        expect(isValidAddress(chainId, a.address)).toBe(true);
      }
    }
  });

  it("reports Cobo's encodings and the documented paths", () => {
    const btc = deriveAddress(ROOT.xpub, "XTN", 5);
    expect(btc.path).toBe("m/44/1/0/0/5");
    expect(btc.encoding).toBe("ENCODING_BECH32");
    expect(btc.address.startsWith("tb1q")).toBe(true);
    const eth = deriveAddress(ROOT.xpub, "SETH", 5);
    expect(eth.path).toBe("m/44/60/0/0/5");
    expect(eth.encoding).toBe("ENCODING_P2PKH");
    expect(eth.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(deriveAddress(ROOT.xpub, "SETH", 5)).toEqual(eth);
    expect(deriveAddress(ROOT.xpub, "SETH", 6).address).not.toBe(eth.address);
  });

  it("refuses private roots, bad indexes and unsupported chains", () => {
    expect(() => deriveAddress(ROOT.xprv, "XTN", 0)).toThrow(/xpub/);
    expect(() => deriveAddress(ROOT.xpub, "XTN", -1)).toThrow(/index/);
    expect(() => deriveAddress(ROOT.xpub, "XTN", 2 ** 31)).toThrow(/index/);
    expect(() => deriveAddress(ROOT.xpub, "XTN", 1.5)).toThrow(/index/);
    expect(() => addressPath("SETH", Number.NaN)).toThrow(/index/);
    expect(() => deriveAddress(ROOT.xpub, "ETH" as "SETH", 0)).toThrow(/unsupported chain/);
  });

  it("knows which chains are supported", () => {
    expect(isSupportedChain("XTN")).toBe(true);
    expect(isSupportedChain("SETH")).toBe(true);
    expect(isSupportedChain("ETH")).toBe(false);
    expect(isSupportedChain("xtn")).toBe(false);
  });
});
