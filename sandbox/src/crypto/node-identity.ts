// A virtual UCW device's identity: an Ed25519 key pair and the node id derived from it.
//
// nodeId = "coboNode" + base58(first 20 bytes of sha256(raw 32-byte Ed25519 public key)),
// base58 with the Bitcoin alphabet. It is a pure function of the public key, so anyone
// (e.g. the relay) can check that a claimed node id matches a presented public key.
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { base58 } from "@scure/base";

export const NODE_ID_PREFIX = "coboNode";

export type NodeKey = { seed: string; publicKey: string; nodeId: string };

// Creates a fresh Ed25519 identity: 32-byte seed (secret, hex), public key (hex) and its node id.
export function generateNodeKey(): NodeKey {
  const { secretKey, publicKey } = ed25519.keygen();
  try {
    const publicKeyHex = bytesToHex(publicKey);
    return { seed: bytesToHex(secretKey), publicKey: publicKeyHex, nodeId: nodeIdFromPublicKey(publicKeyHex) };
  } finally {
    secretKey.fill(0);
  }
}

// Derives the node id of a 32-byte Ed25519 public key (hex); throws if the key is not 32 bytes of hex.
export function nodeIdFromPublicKey(pubHex: string): string {
  const pub = parseHex(pubHex, 32, "public key");
  return NODE_ID_PREFIX + base58.encode(sha256(pub).subarray(0, 20));
}

// Returns the Ed25519 public key (hex) of a seed (hex); used to check a stored identity is self-consistent.
export function publicKeyFromSeed(seedHex: string): string {
  const seed = parseHex(seedHex, 32, "seed");
  try {
    return bytesToHex(ed25519.getPublicKey(seed));
  } finally {
    seed.fill(0);
  }
}

// Signs a UTF-8 message with the node's seed; hex Ed25519 signature (64 bytes). Callers should put context (purpose, ids) in the message.
export function signNodeMessage(seedHex: string, message: string): string {
  const seed = parseHex(seedHex, 32, "seed");
  try {
    return bytesToHex(ed25519.sign(utf8ToBytes(message), seed));
  } finally {
    seed.fill(0);
  }
}

// True iff signatureHex is the node's Ed25519 signature of message; never throws (malformed input -> false).
export function verifyNodeMessage(publicKeyHex: string, message: string, signatureHex: string): boolean {
  try {
    const pub = parseHex(publicKeyHex, 32, "public key");
    const sig = parseHex(signatureHex, 64, "signature");
    // Strict RFC 8032 verification (no ZIP-215 leniency): non-canonical encodings are rejected.
    return ed25519.verify(sig, utf8ToBytes(message), pub, { zip215: false });
  } catch {
    return false;
  }
}

function parseHex(value: string, bytes: number, what: string): Uint8Array {
  if (typeof value !== "string" || value.length !== bytes * 2 || !/^[0-9a-fA-F]*$/.test(value)) {
    throw new Error(`${what} must be ${bytes} bytes of hex`);
  }
  return hexToBytes(value);
}
