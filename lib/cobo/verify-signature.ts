import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { COBO_WEBHOOK_PUBLIC_KEYS, type Env } from "@/lib/env";
import { processSlot } from "@/lib/process-state";

// Verifying what Cobo (or the sandbox) sends us: webhooks and risk-control callbacks carry
// `Biz-Timestamp` and `Biz-Resp-Signature`, an Ed25519 signature over
// SHA256(SHA256(`${rawBody}|${timestamp}`)) (docs/cobo.md#inbound-signatures). The body must be the exact raw text:
// re-serialised JSON breaks the signature.
//
// Verification is Node's (OpenSSL's) Ed25519 with the public key parsed once into a KeyObject and
// kept (process state): RFC 8032's cofactorless check, S < L, and R compared as its canonical
// encoding. On top of that, and before it, the rules libsodium applies, so what is accepted does
// not depend on the library underneath: the public key must be a canonical encoding of a point
// that is not of small order, and so must R. Implementations differ exactly there (a ZIP-215
// verifier such as @noble/curves' default accepts small-order and non-canonical points and checks
// the cofactored equation); a signature Cobo makes with its real key is never such a case.

const HEX_32 = /^[0-9a-fA-F]{64}$/;
const HEX_64 = /^[0-9a-fA-F]{128}$/;

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const L = Buffer.from("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010", "hex");

/**
 * Encodings of the eight points of small order, with the sign bit cleared (each stands for both
 * signs): y = 0, 1, the two order-8 values, p − 1, and the non-canonical p and p + 1 (libsodium's list).
 */
const SMALL_ORDER = [
  "0000000000000000000000000000000000000000000000000000000000000000",
  "0100000000000000000000000000000000000000000000000000000000000000",
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
  "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
].map((hex) => Buffer.from(hex, "hex"));

/** True when the 32-byte point encoding names a point of small order (either sign). */
function isSmallOrder(point: Uint8Array): boolean {
  return SMALL_ORDER.some((bad) => {
    for (let i = 0; i < 31; i++) if (point[i] !== bad[i]) return false;
    return (point[31]! & 0x7f) === bad[31];
  });
}

/** True when the encoded y (sign bit aside) is below p = 2^255 − 19, i.e. the encoding is canonical. */
function isCanonicalPoint(point: Uint8Array): boolean {
  if ((point[31]! & 0x7f) !== 0x7f) return true;
  for (let i = 30; i > 0; i--) if (point[i] !== 0xff) return true;
  return point[0]! < 0xed;
}

/** True when the little-endian scalar is below the group order L. */
function isCanonicalScalar(s: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (s[i]! < L[i]!) return true;
    if (s[i]! > L[i]!) return false;
  }
  return false; // equal to L
}

/** Parsed public keys by their lowercase hex (null: not a key any signature may verify under). */
const keySlot = processSlot("coboWebhookKeyObjects", () => new Map<string, KeyObject | null>(), { envDerived: false });

function publicKeyObject(hex: string): KeyObject | null {
  const cache = keySlot.get();
  const cached = cache.get(hex);
  if (cached !== undefined) return cached;
  const raw = Buffer.from(hex, "hex");
  let key: KeyObject | null = null;
  if (isCanonicalPoint(raw) && !isSmallOrder(raw)) {
    try {
      key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: "der", type: "spki" });
    } catch {
      key = null;
    }
  }
  if (cache.size >= 16) cache.clear(); // a handful of keys exist (one per Cobo environment)
  cache.set(hex, key);
  return key;
}

/**
 * Ed25519 verification under the rules above: `signature` (64 bytes, R ‖ S) over `message` by the
 * 32-byte public key given in hex. False, never an exception, for anything that does not verify.
 */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKeyHex: string): boolean {
  if (signature.length !== 64 || !HEX_32.test(publicKeyHex)) return false;
  const key = publicKeyObject(publicKeyHex.toLowerCase());
  if (!key) return false;
  const r = signature.subarray(0, 32);
  if (!isCanonicalScalar(signature.subarray(32)) || !isCanonicalPoint(r) || isSmallOrder(r)) return false;
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

export type CoboSignatureInput = { rawBody: string; timestamp: string; signatureHex: string; publicKeyHex: string };

/** True only for a valid signature; malformed input (bad hex, wrong lengths) is false, never an exception. */
export function verifyCoboSignature({ rawBody, timestamp, signatureHex, publicKeyHex }: CoboSignatureInput): boolean {
  if (typeof rawBody !== "string" || typeof timestamp !== "string" || timestamp === "") return false;
  if (typeof signatureHex !== "string" || typeof publicKeyHex !== "string") return false;
  const sig = signatureHex.trim();
  const key = publicKeyHex.trim();
  if (!HEX_64.test(sig) || !HEX_32.test(key)) return false;
  const inner = createHash("sha256").update(`${rawBody}|${timestamp}`, "utf8").digest();
  const digest = createHash("sha256").update(inner).digest();
  return verifyEd25519(Buffer.from(sig, "hex"), digest, key);
}

const SandboxInfoSchema = z.looseObject({ webhook_public_key: z.string().regex(HEX_32) });
const sandboxKeys = new Map<string, Promise<string>>();

/**
 * The public key Cobo's webhooks/callbacks must verify against: COBO_WEBHOOK_PUBLIC_KEY when set,
 * else Cobo's published key for dev/prod, else (sandbox) the sandbox's own key read once from
 * `${origin}/_sandbox/info` and cached per origin (a failed fetch is not cached, so it is retried).
 */
export function coboWebhookPublicKey(
  env: Pick<Env, "COBO_ENV" | "COBO_BASE_URL" | "COBO_WEBHOOK_PUBLIC_KEY">,
  opts: { timeoutMs?: number } = {},
): Promise<string> {
  if (env.COBO_WEBHOOK_PUBLIC_KEY) return Promise.resolve(env.COBO_WEBHOOK_PUBLIC_KEY.toLowerCase());
  if (env.COBO_ENV === "dev" || env.COBO_ENV === "prod") return Promise.resolve(COBO_WEBHOOK_PUBLIC_KEYS[env.COBO_ENV]);
  const origin = new URL(env.COBO_BASE_URL).origin;
  let pending = sandboxKeys.get(origin);
  if (!pending) {
    pending = fetchSandboxKey(origin, opts.timeoutMs ?? 5_000);
    sandboxKeys.set(origin, pending);
    pending.catch(() => sandboxKeys.delete(origin));
  }
  return pending;
}

async function fetchSandboxKey(origin: string, timeoutMs: number): Promise<string> {
  const res = await fetch(`${origin}/_sandbox/info`, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`the sandbox at ${origin} answered HTTP ${res.status} for /_sandbox/info`);
  const parsed = SandboxInfoSchema.safeParse(await res.json());
  if (!parsed.success) throw new Error(`the sandbox at ${origin} did not return a webhook_public_key`);
  return parsed.data.webhook_public_key.toLowerCase();
}

/** Forgets cached sandbox keys (tests restart the sandbox with a new key on the same origin). */
export function clearCoboWebhookPublicKeyCache(): void {
  sandboxKeys.clear();
}
