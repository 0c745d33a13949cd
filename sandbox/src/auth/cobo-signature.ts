import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";

// Cobo's request and webhook signatures (docs/cobo.md#signing,
// docs/cobo.md#inbound-signatures): Ed25519 over the double SHA-256 of a
// `|`-joined string. Used by the sandbox server to verify API calls and to sign
// its own webhooks and callbacks.

const HEX_RE = /^[0-9a-fA-F]*$/;

/** True when `value` is a hex string of exactly `bytes` bytes. */
export function isHexOfLength(value: string, bytes: number): boolean {
  return value.length === bytes * 2 && HEX_RE.test(value);
}

/** Hex of SHA-256(SHA-256(utf8(message))), the digest Cobo signs. */
export function doubleSha256Hex(message: string): string {
  return bytesToHex(sha256(sha256(utf8ToBytes(message))));
}

/** Ed25519 public key (hex) of a 32-byte hex seed: Cobo calls it the API key. */
export function ed25519PublicKeyHex(seedHex: string): string {
  if (!isHexOfLength(seedHex, 32)) throw new Error("an Ed25519 seed must be 32 bytes of hex");
  return bytesToHex(ed25519.getPublicKey(hexToBytes(seedHex)));
}

/** A fresh random 32-byte Ed25519 seed, hex encoded. */
export function randomSeedHex(): string {
  return bytesToHex(ed25519.utils.randomSecretKey());
}

/** The parts of an API request that Cobo's signature covers. */
export interface ApiRequestParts {
  method: string;
  /** URL path including `/v2`. */
  path: string;
  nonce: string;
  /** Query string exactly as sent, without `?` ("" when none). */
  query: string;
  /** Raw body text ("" when none). */
  body: string;
}

/** The string Cobo signs for an API request: `METHOD|PATH|NONCE|QUERY|BODY`. */
export function apiStringToSign(parts: ApiRequestParts): string {
  return [parts.method.toUpperCase(), parts.path, parts.nonce, parts.query, parts.body].join("|");
}

/** Signs a hex digest with an Ed25519 seed; returns the hex signature. */
export function signDigestHex(seedHex: string, digestHex: string): string {
  return bytesToHex(ed25519.sign(hexToBytes(digestHex), hexToBytes(seedHex)));
}

/** Verifies a hex Ed25519 signature over a hex digest; never throws. */
export function verifyDigestHex(publicKeyHex: string, digestHex: string, signatureHex: string): boolean {
  if (!isHexOfLength(publicKeyHex, 32) || !isHexOfLength(signatureHex, 64) || !HEX_RE.test(digestHex)) return false;
  try {
    return ed25519.verify(hexToBytes(signatureHex), hexToBytes(digestHex), hexToBytes(publicKeyHex));
  } catch {
    return false;
  }
}

/** Headers a Cobo API client sends: API key, nonce and signature. */
export interface CoboAuthHeaders {
  "BIZ-API-KEY": string;
  "BIZ-API-NONCE": string;
  "BIZ-API-SIGNATURE": string;
}

/** Signs an API request the way Cobo's SDKs do (for the CLI and tests). */
export function signApiRequest(secretHex: string, parts: ApiRequestParts): CoboAuthHeaders {
  return {
    "BIZ-API-KEY": ed25519PublicKeyHex(secretHex),
    "BIZ-API-NONCE": parts.nonce,
    "BIZ-API-SIGNATURE": signDigestHex(secretHex, doubleSha256Hex(apiStringToSign(parts))),
  };
}

/** Verifies an API request signature against the API key (public key hex). */
export function verifyApiRequest(apiKeyHex: string, parts: ApiRequestParts, signatureHex: string): boolean {
  return verifyDigestHex(apiKeyHex, doubleSha256Hex(apiStringToSign(parts)), signatureHex);
}

/** Signs a webhook or callback body as Cobo does: over `${rawBody}|${timestamp}`. */
export function signWebhookBody(secretHex: string, rawBody: string, timestamp: string): string {
  return signDigestHex(secretHex, doubleSha256Hex(`${rawBody}|${timestamp}`));
}

/** Verifies `Biz-Resp-Signature` for a raw webhook/callback body and its `Biz-Timestamp`. */
export function verifyWebhookBody(publicKeyHex: string, rawBody: string, timestamp: string, signatureHex: string): boolean {
  return verifyDigestHex(publicKeyHex, doubleSha256Hex(`${rawBody}|${timestamp}`), signatureHex);
}
