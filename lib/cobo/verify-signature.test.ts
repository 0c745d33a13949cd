import { createPublicKey, verify as opensslVerify } from "node:crypto";
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clearCoboWebhookPublicKeyCache, coboWebhookPublicKey, verifyCoboSignature, verifyEd25519 } from "@/lib/cobo/verify-signature";
import { COBO_WEBHOOK_PUBLIC_KEYS } from "@/lib/env";

const seed = new Uint8Array(32).fill(7);
const publicKeyHex = bytesToHex(ed25519.getPublicKey(seed));
// As Cobo signs (its ServerDemo.js; docs/cobo.md#inbound-signatures):
// Ed25519 over SHA256(SHA256(`${body}|${timestamp}`)).
const sign = (body: string, ts: string) => bytesToHex(ed25519.sign(sha256(sha256(utf8ToBytes(`${body}|${ts}`))), seed));

const rawBody = '{"event_id":"e1","type":"wallets.transaction.updated","data":{"data_type":"Transaction","amount":"1.50"}}';
const timestamp = "1732500000000";

describe("verifyCoboSignature", () => {
  it("accepts Cobo's signature over the exact raw body and timestamp", () => {
    expect(verifyCoboSignature({ rawBody, timestamp, signatureHex: sign(rawBody, timestamp), publicKeyHex })).toBe(true);
    expect(verifyCoboSignature({ rawBody, timestamp, signatureHex: sign(rawBody, timestamp).toUpperCase(), publicKeyHex })).toBe(true);
  });

  it("rejects a re-serialised body, another timestamp, another key", () => {
    const signatureHex = sign(rawBody, timestamp);
    const reserialised = JSON.stringify(JSON.parse(rawBody), null, 1);
    expect(verifyCoboSignature({ rawBody: reserialised, timestamp, signatureHex, publicKeyHex })).toBe(false);
    expect(verifyCoboSignature({ rawBody, timestamp: "1732500000001", signatureHex, publicKeyHex })).toBe(false);
    expect(verifyCoboSignature({ rawBody, timestamp, signatureHex, publicKeyHex: COBO_WEBHOOK_PUBLIC_KEYS.prod })).toBe(false);
  });

  it("returns false, never throws, for malformed input", () => {
    const good = { rawBody, timestamp, signatureHex: sign(rawBody, timestamp), publicKeyHex };
    for (const bad of [
      { ...good, signatureHex: "" },
      { ...good, signatureHex: "zz".repeat(64) },
      { ...good, signatureHex: good.signatureHex.slice(2) },
      { ...good, publicKeyHex: "00" },
      { ...good, publicKeyHex: "ff".repeat(32) }, // not a curve point
      { ...good, timestamp: "" },
      { ...good, rawBody: undefined as unknown as string },
    ]) {
      expect(() => verifyCoboSignature(bad)).not.toThrow();
      expect(verifyCoboSignature(bad)).toBe(false);
    }
  });
});

// Edge cases where Ed25519 implementations disagree (small-order and non-canonical points, the
// cofactored vs cofactorless equation), built here from the curve's arithmetic. Our verifier must
// accept an honest signature and refuse every one of them; @noble/curves' default (ZIP-215) and
// OpenSSL's bare verify each accept some, which is why the rules are checked before OpenSSL runs.
// What OpenSSL does with small-order points depends on its version (Node 20 and 22 bundle one that
// accepts them, Node 24 one that refuses them), so those cases do not assert OpenSSL's answer.
describe("verifyEd25519 on edge cases", () => {
  const { Point } = ed25519;
  const L = Point.Fn.ORDER;
  const le = (b: Uint8Array) => BigInt(`0x${bytesToHex(Uint8Array.from(b).reverse()) || "0"}`);
  const leBytes = (n: bigint) => hexToBytes(n.toString(16).padStart(64, "0")).reverse();
  const { scalar: a, pointBytes: A } = ed25519.utils.getExtendedPublicKey(seed);
  const message = sha256(sha256(utf8ToBytes(`${rawBody}|${timestamp}`)));
  const h = (R: Uint8Array, key: Uint8Array) => le(sha512(concatBytes(R, key, message))) % L;
  /** R ‖ S with S = r + h·a: what the holder of `a` can make for any R whose discrete log r it knows. */
  const withR = (R: Uint8Array, r = 0n) => concatBytes(R, leBytes((r + h(R, A) * a) % L));
  const noble = (sig: Uint8Array, key: Uint8Array) => ed25519.verify(sig, message, key);
  const openssl = (sig: Uint8Array, key: Uint8Array) => {
    try {
      const spki = concatBytes(hexToBytes("302a300506032b6570032100"), key);
      return opensslVerify(null, message, createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" }), sig);
    } catch {
      return false;
    }
  };
  const identity = hexToBytes(`01${"00".repeat(31)}`);
  const order8 = Point.fromBytes(hexToBytes("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"));
  const smallOrderPoints = Array.from({ length: 8 }, (_, k) => (k === 0 ? Point.ZERO : order8.multiply(BigInt(k))));

  it("accepts an honest signature, as every implementation does", () => {
    const sig = ed25519.sign(message, seed);
    expect([verifyEd25519(sig, message, bytesToHex(A)), noble(sig, A), openssl(sig, A)]).toEqual([true, true, true]);
  });

  it("refuses S ≥ L (the same signature with L added to S)", () => {
    const sig = ed25519.sign(message, seed);
    const malleated = concatBytes(sig.subarray(0, 32), leBytes(le(sig.subarray(32)) + L));
    expect([verifyEd25519(malleated, message, bytesToHex(A)), noble(malleated, A), openssl(malleated, A)]).toEqual([false, false, false]);
  });

  it("refuses R of small order even when the cofactorless equation holds (older OpenSSL accepts it)", () => {
    const sig = withR(identity);
    expect([verifyEd25519(sig, message, bytesToHex(A)), noble(sig, A)]).toEqual([false, true]);
  });

  it("refuses R of order 8, which only the cofactored equation accepts (ZIP-215)", () => {
    const sig = withR(order8.toBytes());
    expect([verifyEd25519(sig, message, bytesToHex(A)), noble(sig, A), openssl(sig, A)]).toEqual([false, true, false]);
  });

  it("refuses a non-canonical encoding of R (y = p + 1 for the identity)", () => {
    const sig = withR(hexToBytes(`ee${"ff".repeat(30)}7f`));
    expect([verifyEd25519(sig, message, bytesToHex(A)), noble(sig, A), openssl(sig, A)]).toEqual([false, true, false]);
  });

  it("refuses a public key of small order, with which anyone can 'sign' anything", () => {
    const forged = concatBytes(identity, new Uint8Array(32)); // R = identity, S = 0
    expect([verifyEd25519(forged, message, bytesToHex(identity)), noble(forged, identity)]).toEqual([false, true]);
    // every point of small order, in both sign encodings, and the non-canonical encodings of 0 and 1
    const encodings = smallOrderPoints.flatMap((p) => {
      const b = p.toBytes();
      const flipped = Uint8Array.from(b);
      flipped[31]! ^= 0x80;
      return [b, flipped];
    });
    encodings.push(hexToBytes(`ed${"ff".repeat(30)}7f`), hexToBytes(`ee${"ff".repeat(30)}7f`), hexToBytes(`ee${"ff".repeat(31)}`));
    expect(smallOrderPoints.every((p) => p.isSmallOrder())).toBe(true);
    for (const key of encodings) {
      expect(verifyEd25519(forged, message, bytesToHex(key)), bytesToHex(key)).toBe(false);
      expect(verifyEd25519(withR(identity), message, bytesToHex(key)), bytesToHex(key)).toBe(false);
    }
  });

  it("through verifyCoboSignature: only the honest signature of the body and timestamp passes", () => {
    const honest = bytesToHex(ed25519.sign(message, seed));
    expect(verifyCoboSignature({ rawBody, timestamp, signatureHex: honest, publicKeyHex })).toBe(true);
    for (const sig of [withR(identity), withR(order8.toBytes())]) {
      expect(verifyCoboSignature({ rawBody, timestamp, signatureHex: bytesToHex(sig), publicKeyHex })).toBe(false);
    }
  });
});

describe("coboWebhookPublicKey", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    clearCoboWebhookPublicKeyCache();
  });
  const sandbox = { COBO_ENV: "sandbox" as const, COBO_BASE_URL: "http://127.0.0.1:4999/v2", COBO_WEBHOOK_PUBLIC_KEY: undefined };

  it("prefers COBO_WEBHOOK_PUBLIC_KEY, else Cobo's published key for dev/prod", async () => {
    await expect(coboWebhookPublicKey({ ...sandbox, COBO_ENV: "prod", COBO_WEBHOOK_PUBLIC_KEY: "AB".repeat(32) })).resolves.toBe(
      "ab".repeat(32),
    );
    await expect(coboWebhookPublicKey({ ...sandbox, COBO_ENV: "dev" })).resolves.toBe(COBO_WEBHOOK_PUBLIC_KEYS.dev);
    await expect(coboWebhookPublicKey({ ...sandbox, COBO_ENV: "prod" })).resolves.toBe(COBO_WEBHOOK_PUBLIC_KEYS.prod);
  });

  it("in sandbox mode fetches /_sandbox/info from the base URL's origin once, and retries after a failure", async () => {
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockRejectedValueOnce(new TypeError("fetch failed"))
      .mockResolvedValue(new Response(JSON.stringify({ webhook_public_key: publicKeyHex, api_key: "x" }), { status: 200 }));
    vi.stubGlobal("fetch", fetchMock);
    await expect(coboWebhookPublicKey(sandbox)).rejects.toThrow("fetch failed");
    await expect(coboWebhookPublicKey(sandbox)).resolves.toBe(publicKeyHex);
    await expect(coboWebhookPublicKey(sandbox)).resolves.toBe(publicKeyHex);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(String(fetchMock.mock.calls[1]?.[0])).toBe("http://127.0.0.1:4999/_sandbox/info");
  });

  it("refuses a sandbox answer without a valid key", async () => {
    vi.stubGlobal("fetch", vi.fn<typeof fetch>().mockResolvedValue(new Response(JSON.stringify({ webhook_public_key: "nope" }))));
    await expect(coboWebhookPublicKey(sandbox)).rejects.toThrow(/webhook_public_key/);
  });
});
