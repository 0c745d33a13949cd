// Passphrase encryption for Secrets files, Secrets backups and recovery share exports.
//
// Envelope (JSON string): {"v":1,"kdf":"argon2id","params":{"m":<KiB>,"t":<passes>,"p":<lanes>},
//   "salt":<b64 16 bytes>,"nonce":<b64 24 bytes>,"ciphertext":<b64>}
// - KDF: Argon2id (RFC 9106, @noble/hashes), 32-byte key, passphrase NFKC-normalized.
//   "standard" = m 19 MiB, t 2, p 1 (OWASP's recommended Argon2id minimum); "test" = m 64 KiB,
//   t 1 (fast, for tests only). The params used are stored, and opening always uses them.
// - AEAD: XChaCha20-Poly1305 (@noble/ciphers) with the canonical header (v, kdf, params,
//   salt, nonce) as associated data, so any edit of the header fails authentication.
// - Opening validates the shape and caps the KDF cost (memory, passes, lanes) so a
//   crafted envelope cannot be used to exhaust memory or CPU.
import { argon2id } from "@noble/hashes/argon2.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { base64 } from "@scure/base";

export type KdfCost = "standard" | "test";
export type SealOptions = { cost?: KdfCost };
export type Argon2Params = { m: number; t: number; p: number };

export const MIN_PASSPHRASE_LENGTH = 8;
export const WRONG_PASSPHRASE_MESSAGE = "wrong passphrase or corrupted data";

const KDF_PROFILES: Record<KdfCost, Argon2Params> = {
  standard: { m: 19_456, t: 2, p: 1 },
  test: { m: 64, t: 1, p: 1 },
};
/** Upper bounds accepted when opening (DoS guard): 256 MiB, 10 passes, 4 lanes, 512 MiB·passes total. */
const MAX_M_KIB = 262_144;
const MAX_T = 10;
const MAX_P = 4;
const MAX_WORK_KIB_PASSES = 524_288;
const MAX_ENVELOPE_CHARS = 16 * 1024 * 1024;
const SALT_BYTES = 16;
const NONCE_BYTES = 24;
const KEY_BYTES = 32;
const TAG_BYTES = 16;

type Header = { v: 1; kdf: "argon2id"; params: Argon2Params; salt: string; nonce: string };

// Encrypts bytes under a passphrase (>= 8 characters) into a self-describing JSON envelope.
export function sealWithPassphrase(plaintext: Uint8Array, passphrase: string, opts?: SealOptions): string {
  if (!(plaintext instanceof Uint8Array)) throw new Error("plaintext must be a Uint8Array");
  assertPassphrasePolicy(passphrase);
  const params = KDF_PROFILES[opts?.cost ?? "standard"];
  if (!params) throw new Error(`unknown KDF cost profile: ${String(opts?.cost)}`);
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const header: Header = { v: 1, kdf: "argon2id", params: { ...params }, salt: base64.encode(salt), nonce: base64.encode(nonce) };
  const key = deriveKey(passphrase, salt, params);
  try {
    const ciphertext = xchacha20poly1305(key, nonce, headerBytes(header)).encrypt(plaintext);
    return JSON.stringify({ ...header, ciphertext: base64.encode(ciphertext) });
  } finally {
    key.fill(0);
  }
}

// Decrypts an envelope; throws Error("wrong passphrase or corrupted data") on any authentication failure.
export function openWithPassphrase(envelope: string, passphrase: string): Uint8Array {
  const { header, ciphertext } = parseEnvelope(envelope);
  if (typeof passphrase !== "string" || [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    // Could never have sealed anything: skip the KDF and fail like any wrong passphrase.
    throw new Error(WRONG_PASSPHRASE_MESSAGE);
  }
  const key = deriveKey(passphrase, base64.decode(header.salt), header.params);
  try {
    return xchacha20poly1305(key, base64.decode(header.nonce), headerBytes(header)).decrypt(ciphertext);
  } catch {
    throw new Error(WRONG_PASSPHRASE_MESSAGE);
  } finally {
    key.fill(0);
  }
}

// Throws unless the passphrase has at least 8 characters (Unicode code points).
export function assertPassphrasePolicy(passphrase: string): void {
  if (typeof passphrase !== "string" || [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new Error(`passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
}

function deriveKey(passphrase: string, salt: Uint8Array, params: Argon2Params): Uint8Array {
  return argon2id(passphrase.normalize("NFKC"), salt, {
    m: params.m,
    t: params.t,
    p: params.p,
    dkLen: KEY_BYTES,
    maxmem: (MAX_M_KIB + 1) * 1024,
  });
}

function headerBytes(h: Header): Uint8Array {
  // Fixed key order: this exact string is the AEAD associated data.
  const canonical = JSON.stringify({
    v: h.v,
    kdf: h.kdf,
    params: { m: h.params.m, t: h.params.t, p: h.params.p },
    salt: h.salt,
    nonce: h.nonce,
  });
  return new TextEncoder().encode(canonical);
}

function parseEnvelope(envelope: string): { header: Header; ciphertext: Uint8Array } {
  const bad = (why: string): Error => new Error(`invalid passphrase envelope: ${why}`);
  if (typeof envelope !== "string") throw bad("not a string");
  if (envelope.length > MAX_ENVELOPE_CHARS) throw bad("too large");
  let raw: unknown;
  try {
    raw = JSON.parse(envelope);
  } catch {
    throw bad("not JSON");
  }
  if (!isRecord(raw)) throw bad("not an object");
  if (raw.v !== 1) throw bad("unsupported version");
  if (raw.kdf !== "argon2id") throw bad("unsupported kdf");
  const params = raw.params;
  if (!isRecord(params)) throw bad("missing kdf params");
  const { m, t, p } = params;
  if (!isInt(m) || !isInt(t) || !isInt(p)) throw bad("kdf params must be integers");
  if (p < 1 || p > MAX_P) throw bad("kdf lanes out of range");
  if (t < 1 || t > MAX_T) throw bad("kdf passes out of range");
  if (m < 8 * p || m > MAX_M_KIB) throw bad("kdf memory out of range");
  if (m * t > MAX_WORK_KIB_PASSES) throw bad("kdf cost too high");
  const salt = decodeB64(raw.salt, bad, "salt");
  const nonce = decodeB64(raw.nonce, bad, "nonce");
  const ciphertext = decodeB64(raw.ciphertext, bad, "ciphertext");
  if (salt.length !== SALT_BYTES) throw bad("bad salt length");
  if (nonce.length !== NONCE_BYTES) throw bad("bad nonce length");
  if (ciphertext.length < TAG_BYTES) throw bad("ciphertext too short");
  const header: Header = { v: 1, kdf: "argon2id", params: { m, t, p }, salt: String(raw.salt), nonce: String(raw.nonce) };
  return { header, ciphertext };
}

function decodeB64(value: unknown, bad: (why: string) => Error, field: string): Uint8Array {
  if (typeof value !== "string") throw bad(`${field} must be a base64 string`);
  try {
    return base64.decode(value);
  } catch {
    throw bad(`${field} is not valid base64`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v);
}
