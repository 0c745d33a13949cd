import { describe, expect, it } from "vitest";
import { base64 } from "@scure/base";
import { openWithPassphrase, sealWithPassphrase } from "./passphrase-box";

const PASS = "correct horse battery";
const TEST = { cost: "test" } as const;
const data = new TextEncoder().encode("secret share material");

type Env = Record<string, unknown> & { params: Record<string, unknown> };
function edit(envelope: string, change: (e: Env) => void): string {
  const e = JSON.parse(envelope) as Env;
  change(e);
  return JSON.stringify(e);
}

describe("passphrase-box", () => {
  it("round-trips and writes the documented envelope", () => {
    const env = sealWithPassphrase(data, PASS, TEST);
    const parsed = JSON.parse(env) as Env;
    expect(Object.keys(parsed).sort()).toEqual(["ciphertext", "kdf", "nonce", "params", "salt", "v"]);
    expect(parsed.v).toBe(1);
    expect(parsed.kdf).toBe("argon2id");
    expect(parsed.params).toEqual({ m: 64, t: 1, p: 1 });
    expect(base64.decode(String(parsed.salt))).toHaveLength(16);
    expect(base64.decode(String(parsed.nonce))).toHaveLength(24);
    expect(base64.decode(String(parsed.ciphertext))).toHaveLength(data.length + 16);
    expect(openWithPassphrase(env, PASS)).toEqual(data);
    expect(env).not.toContain("secret share");
  });

  it("uses the standard profile by default and records its params", () => {
    const env = sealWithPassphrase(data, PASS);
    expect((JSON.parse(env) as Env).params).toEqual({ m: 19456, t: 2, p: 1 });
    expect(openWithPassphrase(env, PASS)).toEqual(data);
  });

  it("uses fresh salt and nonce every time", () => {
    const a = JSON.parse(sealWithPassphrase(data, PASS, TEST)) as Env;
    const b = JSON.parse(sealWithPassphrase(data, PASS, TEST)) as Env;
    expect(a.salt).not.toBe(b.salt);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it("fails with one message on a wrong passphrase or any tampering", () => {
    const env = sealWithPassphrase(data, PASS, TEST);
    const msg = "wrong passphrase or corrupted data";
    expect(() => openWithPassphrase(env, "correct horse battery!")).toThrow(msg);
    expect(() => openWithPassphrase(env, "short")).toThrow(msg);
    const ct = base64.decode(String((JSON.parse(env) as Env).ciphertext));
    ct[0] = (ct[0] ?? 0) ^ 1;
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.ciphertext = base64.encode(ct))),
        PASS,
      ),
    ).toThrow(msg);
    const tag = base64.decode(String((JSON.parse(env) as Env).ciphertext));
    tag[tag.length - 1] = (tag[tag.length - 1] ?? 0) ^ 0x80;
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.ciphertext = base64.encode(tag))),
        PASS,
      ),
    ).toThrow(msg);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.params.t = 2)),
        PASS,
      ),
    ).toThrow(msg);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.salt = base64.encode(new Uint8Array(16)))),
        PASS,
      ),
    ).toThrow(msg);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.nonce = base64.encode(new Uint8Array(24)))),
        PASS,
      ),
    ).toThrow(msg);
  });

  it("validates the envelope shape and caps the KDF cost", () => {
    const env = sealWithPassphrase(data, PASS, TEST);
    expect(() => openWithPassphrase("not json", PASS)).toThrow(/invalid passphrase envelope/);
    expect(() => openWithPassphrase("[]", PASS)).toThrow(/not an object/);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.v = 2)),
        PASS,
      ),
    ).toThrow(/unsupported version/);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.kdf = "pbkdf2")),
        PASS,
      ),
    ).toThrow(/unsupported kdf/);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.params.m = 4 * 1024 * 1024)),
        PASS,
      ),
    ).toThrow(/memory out of range/);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.params.t = 1000)),
        PASS,
      ),
    ).toThrow(/passes out of range/);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.params.p = 64)),
        PASS,
      ),
    ).toThrow(/lanes out of range/);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => Object.assign(e.params, { m: 262144, t: 10 })),
        PASS,
      ),
    ).toThrow(/cost too high/);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.params.m = "64")),
        PASS,
      ),
    ).toThrow(/integers/);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.salt = "!!")),
        PASS,
      ),
    ).toThrow(/salt is not valid base64/);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => (e.nonce = base64.encode(new Uint8Array(12)))),
        PASS,
      ),
    ).toThrow(/nonce length/);
    expect(() =>
      openWithPassphrase(
        edit(env, (e) => delete e.ciphertext),
        PASS,
      ),
    ).toThrow(/ciphertext/);
  });

  it("refuses passphrases shorter than 8 characters and normalizes Unicode", () => {
    expect(() => sealWithPassphrase(data, "1234567", TEST)).toThrow(/at least 8 characters/);
    expect(() => sealWithPassphrase(data, "", TEST)).toThrow(/at least 8 characters/);
    const cjk = "密码密码密码密码"; // 8 code points
    expect(openWithPassphrase(sealWithPassphrase(data, cjk, TEST), cjk)).toEqual(data);
    const composed = "caf\u00e9 au lait";
    const decomposed = "cafe\u0301 au lait";
    expect(openWithPassphrase(sealWithPassphrase(data, composed, TEST), decomposed)).toEqual(data);
  });

  it("handles empty plaintext", () => {
    const env = sealWithPassphrase(new Uint8Array(0), PASS, TEST);
    expect(openWithPassphrase(env, PASS)).toEqual(new Uint8Array(0));
  });
});
