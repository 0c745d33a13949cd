import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clearCoboWebhookPublicKeyCache, coboWebhookPublicKey, verifyCoboSignature } from "@/lib/cobo/verify-signature";
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

describe("coboWebhookPublicKey", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    clearCoboWebhookPublicKeyCache();
  });
  const sandbox = { COBO_ENV: "sandbox" as const, COBO_BASE_URL: "http://127.0.0.1:4999/v2", COBO_WEBHOOK_PUBLIC_KEY: undefined };

  it("prefers COBO_WEBHOOK_PUBLIC_KEY, else Cobo's published key for dev/prod", async () => {
    await expect(coboWebhookPublicKey({ ...sandbox, COBO_ENV: "prod", COBO_WEBHOOK_PUBLIC_KEY: "AB".repeat(32) })).resolves.toBe("ab".repeat(32));
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
