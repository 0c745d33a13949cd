import { describe, expect, it } from "vitest";
import {
  checkTotpCode,
  decryptTotpSecret,
  encryptTotpSecret,
  newTotpSecret,
  normaliseTotpCode,
  totpCodeAt,
  totpStepAt,
  totpUri,
} from "@/lib/server/console-users/totp";

// The TOTP codes at fixed times (the clock is an argument): RFC 6238's SHA-1 test vectors, the
// drift allowed, replays, and the stored form of the secret.

/** RFC 6238 appendix B's SHA-1 seed, "12345678901234567890", in base32. */
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const at = (unixSeconds: number) => new Date(unixSeconds * 1000);
const USER = "0b6f1a52-8f0e-4d7c-9a51-3c1f0e2d4b6a";
const AUTH_SECRET = "an auth secret of at least 32 characters!";

describe("TOTP codes", () => {
  it("are RFC 6238's (SHA-1, 30 s steps), cut to 6 digits", () => {
    // appendix B's 8-digit values: 94287082, 07081804, 14050471, 89005924, 69279037, 65353130
    expect(totpCodeAt(RFC_SECRET, at(59))).toBe("287082");
    expect(totpCodeAt(RFC_SECRET, at(1111111109))).toBe("081804");
    expect(totpCodeAt(RFC_SECRET, at(1111111111))).toBe("050471");
    expect(totpCodeAt(RFC_SECRET, at(1234567890))).toBe("005924");
    expect(totpCodeAt(RFC_SECRET, at(2000000000))).toBe("279037");
    expect(totpCodeAt(RFC_SECRET, at(20000000000))).toBe("353130");
    expect(totpStepAt(at(59))).toBe(1);
    expect(totpStepAt(at(1111111109))).toBe(37037036);
  });

  it("accepts the current step's code and answers its step", () => {
    expect(checkTotpCode(RFC_SECRET, "005924", at(1234567890), null)).toEqual({ ok: true, step: 41152263 });
    // anywhere within the step
    expect(checkTotpCode(RFC_SECRET, "005924", at(41152263 * 30), null)).toEqual({ ok: true, step: 41152263 });
    expect(checkTotpCode(RFC_SECRET, "005924", at(41152263 * 30 + 29), null)).toEqual({ ok: true, step: 41152263 });
  });

  it("allows one step of clock drift either way, not two", () => {
    const now = at(1234567890); // step 41152263
    const code = (step: number) => totpCodeAt(RFC_SECRET, at(step * 30 + 5));
    expect(checkTotpCode(RFC_SECRET, code(41152262), now, null)).toEqual({ ok: true, step: 41152262 });
    expect(checkTotpCode(RFC_SECRET, code(41152264), now, null)).toEqual({ ok: true, step: 41152264 });
    expect(checkTotpCode(RFC_SECRET, code(41152261), now, null)).toEqual({ ok: false, reason: "wrong" });
    expect(checkTotpCode(RFC_SECRET, code(41152265), now, null)).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses a code of the last accepted step or an older one (replay), and accepts a later one", () => {
    const now = at(1234567890);
    const code = (step: number) => totpCodeAt(RFC_SECRET, at(step * 30));
    expect(checkTotpCode(RFC_SECRET, "005924", now, 41152263)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotpCode(RFC_SECRET, code(41152262), now, 41152263)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotpCode(RFC_SECRET, "005924", now, 41152262)).toEqual({ ok: true, step: 41152263 });
    // the next step's code, while the clock is still in this one (drift), after this one was used
    expect(checkTotpCode(RFC_SECRET, code(41152264), now, 41152263)).toEqual({ ok: true, step: 41152264 });
    // once a drifted-ahead code was used, the current one is older: refused
    expect(checkTotpCode(RFC_SECRET, "005924", now, 41152264)).toEqual({ ok: false, reason: "replayed" });
  });

  it("refuses what cannot be a code, and reads one typed with spaces or a dash", () => {
    const now = at(1234567890);
    for (const bad of [undefined, null, "", "12345", "1234567", "abcdef", "00592４", "005924\u0000"])
      expect(checkTotpCode(RFC_SECRET, bad, now, null)).toEqual({ ok: false, reason: "malformed" });
    expect(checkTotpCode(RFC_SECRET, " 005 924 ", now, null)).toEqual({ ok: true, step: 41152263 });
    expect(checkTotpCode(RFC_SECRET, "005-924", now, null)).toEqual({ ok: true, step: 41152263 });
    expect(normaliseTotpCode("12 34 56")).toBe("123456");
    expect(checkTotpCode(RFC_SECRET, "005925", now, null)).toEqual({ ok: false, reason: "wrong" });
  });

  it("makes random 160-bit secrets and the otpauth URI authenticator apps read", () => {
    const a = newTotpSecret();
    const b = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(a).not.toBe(b);
    const uri = new URL(totpUri(a, "ops@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/UCW Console:ops@example.com");
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      secret: a,
      issuer: "UCW Console",
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
  });
});

describe("the stored secret", () => {
  it("is AES-256-GCM ciphertext that decrypts only for the same user with the same AUTH_SECRET", () => {
    const secret = newTotpSecret();
    const stored = encryptTotpSecret(secret, USER, AUTH_SECRET);
    expect(stored).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(stored).not.toContain(secret);
    expect(Buffer.from(stored.split(".")[3]!, "base64url").toString("latin1")).not.toContain(secret);
    // a fresh nonce each time
    expect(encryptTotpSecret(secret, USER, AUTH_SECRET)).not.toBe(stored);
    expect(decryptTotpSecret(stored, USER, AUTH_SECRET)).toBe(secret);
    expect(decryptTotpSecret(stored, "another-user", AUTH_SECRET)).toBeNull();
    expect(decryptTotpSecret(stored, USER, "another auth secret of 32 characters or more")).toBeNull();
  });

  it("refuses an altered value, a cut tag and anything else", () => {
    const stored = encryptTotpSecret(newTotpSecret(), USER, AUTH_SECRET);
    const [version, nonce, tag, ciphertext] = stored.split(".") as [string, string, string, string];
    const flipped = Buffer.from(ciphertext, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(decryptTotpSecret([version, nonce, tag, flipped.toString("base64url")].join("."), USER, AUTH_SECRET)).toBeNull();
    expect(decryptTotpSecret([version, nonce, tag.slice(0, 6), ciphertext].join("."), USER, AUTH_SECRET)).toBeNull();
    expect(decryptTotpSecret(["v2", nonce, tag, ciphertext].join("."), USER, AUTH_SECRET)).toBeNull();
    expect(decryptTotpSecret(`${stored}.x`, USER, AUTH_SECRET)).toBeNull();
    expect(decryptTotpSecret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", USER, AUTH_SECRET)).toBeNull();
  });
});
