import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";

// The TOTP second factor of console users (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, what
// every authenticator app reads from an otpauth:// QR code), as plain functions of their inputs:
// the clock is an argument, so the tests fix it. The database side (enrolment, sign-in, replay
// memory) is two-factor.ts; the CLI reset is totp-reset.ts.
//
// A code is accepted for the current step and one step either side (clock drift of up to 30 s
// each way), and only for a step later than the last one accepted for that user: a code, once
// used, can never be used again, nor can any older one.
//
// The secret is stored encrypted (AES-256-GCM, a fresh 96-bit nonce each time, the console user's
// id as associated data, so a value copied onto another user's row does not decrypt), with a key
// derived from AUTH_SECRET by HKDF-SHA256 for this one purpose. (No server-only import: the unit
// tests and the console-user command use it.)

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_DRIFT_STEPS = 1;
/** What authenticator apps show above the code. */
export const TOTP_ISSUER = "UCW Console";

const SECRET_BYTES = 20; // 160 bits, RFC 4226's recommendation for HMAC-SHA1
const CIPHER_VERSION = "v1";
const KEY_INFO = "ucw-console/console-user-totp-secret/v1";

/** A new random secret, in base32 (what the QR code carries and a person can type instead). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

function totpFor(secretBase32: string, account = ""): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: account,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The otpauth:// URI an authenticator app enrols from (the QR code's content). */
export function totpUri(secretBase32: string, account: string): string {
  return totpFor(secretBase32, account).toString();
}

/** The code for `at` (tests, and the e2e spec that plays the authenticator app). */
export function totpCodeAt(secretBase32: string, at: Date): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() });
}

/** The time step `at` falls in. */
export function totpStepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** A typed code as digits only: spaces and dashes people copy with it are dropped; null when it cannot be a code. */
export function normaliseTotpCode(raw: string | null | undefined): string | null {
  if (typeof raw !== "string") return null;
  const code = raw.replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code) ? code : null;
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "malformed" | "wrong" | "replayed" };

/**
 * Checks `code` against the secret at `now`: the step it belongs to (within the drift allowed), or
 * why not. `lastStep` is the last step accepted for this secret (null: none yet): that step and
 * older ones are replays.
 */
export function checkTotpCode(secretBase32: string, code: string | null | undefined, now: Date, lastStep: number | null): TotpCheck {
  const token = normaliseTotpCode(code);
  if (!token) return { ok: false, reason: "malformed" };
  const delta = totpFor(secretBase32).validate({ token, timestamp: now.getTime(), window: TOTP_DRIFT_STEPS });
  if (delta === null) return { ok: false, reason: "wrong" };
  const step = totpStepAt(now) + delta;
  if (lastStep !== null && step <= lastStep) return { ok: false, reason: "replayed" };
  return { ok: true, step };
}

function secretKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, Buffer.alloc(0), KEY_INFO, 32));
}

/** The stored form of a secret: `v1.<nonce>.<tag>.<ciphertext>`, base64url, bound to the console user's id. */
export function encryptTotpSecret(secretBase32: string, consoleUserId: string, authSecret: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(authSecret), nonce, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(consoleUserId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(secretBase32, "utf8"), cipher.final()]);
  return [CIPHER_VERSION, nonce, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The secret back from its stored form; null when it does not decrypt (another key or user, or altered). */
export function decryptTotpSecret(stored: string, consoleUserId: string, authSecret: string): string | null {
  const [version, nonce, tag, ciphertext, ...rest] = stored.split(".");
  if (version !== CIPHER_VERSION || !nonce || !tag || ciphertext === undefined || rest.length > 0) return null;
  try {
    // (the tag's length is fixed: GCM would otherwise accept a truncated one)
    const decipher = createDecipheriv("aes-256-gcm", secretKey(authSecret), Buffer.from(nonce, "base64url"), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(consoleUserId, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
