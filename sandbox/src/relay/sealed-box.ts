import { x25519 } from "@noble/curves/ed25519.js";
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, concatBytes, hexToBytes, randomBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { base64 } from "@scure/base";

// Key shares the relay produces for a device (KeyGen / reshare results) are
// sealed to that device's delivery key (X25519, derived from its node seed)
// before they are stored, so the sandbox never keeps a device's share in
// readable form: only the device can open it.

const DELIVERY_KEY_CONTEXT = "ucw-sandbox/delivery-key/v1";
const SEAL_INFO = utf8ToBytes("ucw-sandbox/sealed-share/v1");

/** A device's delivery key pair (secret stays on the device). */
export interface DeliveryKey {
  secretKey: Uint8Array;
  publicKeyHex: string;
}

/** Derives the device's X25519 delivery key from its node seed (hex). */
export function deliveryKeyFromSeed(nodeSeedHex: string): DeliveryKey {
  const secretKey = sha256(concatBytes(utf8ToBytes(DELIVERY_KEY_CONTEXT), hexToBytes(nodeSeedHex)));
  return { secretKey, publicKeyHex: bytesToHex(x25519.getPublicKey(secretKey)) };
}

function sealKey(shared: Uint8Array, ephemeralPub: Uint8Array, recipientPub: Uint8Array): Uint8Array {
  return hkdf(sha256, shared, concatBytes(ephemeralPub, recipientPub), SEAL_INFO, 32);
}

/** Encrypts `plaintext` so only the holder of `recipientPublicKeyHex` can read it. */
export function seal(recipientPublicKeyHex: string, plaintext: string): string {
  const recipient = hexToBytes(recipientPublicKeyHex);
  if (recipient.length !== 32) throw new Error("delivery public key must be 32 bytes");
  const ephemeral = x25519.utils.randomSecretKey();
  const ephemeralPub = x25519.getPublicKey(ephemeral);
  const key = sealKey(x25519.getSharedSecret(ephemeral, recipient), ephemeralPub, recipient);
  const nonce = randomBytes(24);
  const ct = xchacha20poly1305(key, nonce).encrypt(utf8ToBytes(plaintext));
  key.fill(0);
  ephemeral.fill(0);
  return JSON.stringify({ v: 1, epk: bytesToHex(ephemeralPub), nonce: base64.encode(nonce), ct: base64.encode(ct) });
}

/** Opens a sealed box with the device's delivery key; throws if it was not sealed to it. */
export function open(key: DeliveryKey, sealed: string): string {
  const parsed = JSON.parse(sealed) as { v?: unknown; epk?: unknown; nonce?: unknown; ct?: unknown };
  if (parsed.v !== 1 || typeof parsed.epk !== "string" || typeof parsed.nonce !== "string" || typeof parsed.ct !== "string") {
    throw new Error("malformed sealed share");
  }
  const ephemeralPub = hexToBytes(parsed.epk);
  const recipient = hexToBytes(key.publicKeyHex);
  const k = sealKey(x25519.getSharedSecret(key.secretKey, ephemeralPub), ephemeralPub, recipient);
  try {
    return new TextDecoder().decode(xchacha20poly1305(k, base64.decode(parsed.nonce)).decrypt(base64.decode(parsed.ct)));
  } finally {
    k.fill(0);
  }
}
