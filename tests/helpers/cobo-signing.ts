import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";

// A test stand-in for Cobo's webhook/callback signing key: real Ed25519 signatures over the double
// SHA-256 of `${rawBody}|${timestamp}` (docs/cobo.md#inbound-signatures), so the app's verification runs for real.

export type TestSigner = { publicKey: string; headers(rawBody: string, timestamp?: number): Record<string, string> };

/** A signing key (fresh, or from a 32-byte hex seed); `headers` signs a body as Cobo would. */
export function newTestSigner(seedHex?: string): TestSigner {
  const secret = seedHex ? hexToBytes(seedHex) : ed25519.utils.randomSecretKey();
  const publicKey = bytesToHex(ed25519.getPublicKey(secret));
  return {
    publicKey,
    headers(rawBody, timestamp = Date.now()) {
      const digest = sha256(sha256(utf8ToBytes(`${rawBody}|${timestamp}`)));
      return {
        "content-type": "application/json",
        "biz-timestamp": String(timestamp),
        "biz-resp-signature": bytesToHex(ed25519.sign(digest, secret)),
      };
    },
  };
}
