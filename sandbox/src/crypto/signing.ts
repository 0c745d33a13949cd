// ECDSA signing with the (reassembled) root key, standing in for a TSS signature.
//
// Signature format (hex, 65 bytes = 130 hex chars): r (32 bytes, big-endian) || s (32
// bytes, big-endian, low-s normalized, s <= n/2) || v (1 byte recovery id, 0 or 1;
// raw, NOT the Ethereum 27/28 or EIP-155 form). Nonces are deterministic (RFC 6979).
// The digest is signed as-is (no extra hashing).
import type { HDKey } from "@scure/bip32";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { parseRootXprv } from "./root-key";

// Signs a 32-byte digest with the child key at `path` of the root xprv; returns r||s||v hex and the child's compressed pubkey.
export function signDigest(xprv: string, path: string, digestHex: string): { signature: string; pubkey: string } {
  const digest = parseDigest(digestHex);
  const root = parseRootXprv(xprv);
  let child: HDKey;
  try {
    child = root.derive(path);
  } finally {
    root.wipePrivateData();
  }
  const priv = child.privateKey;
  const pub = child.publicKey;
  if (!priv || !pub) throw new Error("derived key has no private key");
  try {
    const recovered = secp256k1.sign(digest, priv, { prehash: false, lowS: true, format: "recovered" });
    // noble's "recovered" layout is v||r||s; move v to the end.
    const rs = recovered.subarray(1);
    const v = recovered[0];
    if (v === undefined || rs.length !== 64) throw new Error("unexpected signature length");
    return { signature: bytesToHex(rs) + bytesToHex(Uint8Array.of(v)), pubkey: bytesToHex(pub) };
  } finally {
    child.wipePrivateData();
  }
}

// True iff signatureHex is a valid low-s r||s||v signature of digestHex by pubkeyHex (v must recover that key); never throws.
export function verifyDigestSignature(pubkeyHex: string, digestHex: string, signatureHex: string): boolean {
  try {
    const digest = parseDigest(digestHex);
    if (!/^[0-9a-fA-F]{130}$/.test(signatureHex)) return false;
    const sig = hexToBytes(signatureHex);
    const rs = sig.subarray(0, 64);
    const v = sig[64];
    if (v === undefined || v > 3) return false;
    const pub = secp256k1.Point.fromBytes(hexToBytes(pubkeyHex));
    if (!secp256k1.verify(rs, digest, pub.toBytes(true), { prehash: false, lowS: true, format: "compact" })) return false;
    const recovered = secp256k1.Signature.fromBytes(rs, "compact").addRecoveryBit(v).recoverPublicKey(digest);
    return recovered.equals(pub);
  } catch {
    return false;
  }
}

// The sandbox's stand-in for a sighash: sha256 (hex) of canonical JSON of the fields, keys sorted by UTF-16 code units.
// Deterministic: the same field values give the same digest regardless of key insertion order. Numbers must be finite.
export function transactionDigest(fields: Record<string, string | number>): string {
  const members = Object.keys(fields)
    .sort()
    .map((key) => {
      const value = fields[key];
      if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new Error(`transaction field ${key} is not a finite number`);
      } else if (typeof value !== "string") {
        throw new Error(`transaction field ${key} must be a string or number`);
      }
      return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    });
  return bytesToHex(sha256(utf8ToBytes(`{${members.join(",")}}`)));
}

function parseDigest(digestHex: string): Uint8Array {
  if (typeof digestHex !== "string" || !/^[0-9a-fA-F]{64}$/.test(digestHex)) {
    throw new Error("digest must be 32 bytes of hex (64 chars)");
  }
  return hexToBytes(digestHex);
}
