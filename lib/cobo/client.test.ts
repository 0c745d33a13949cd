import { inspect } from "node:util";
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import { createCoboGateway } from "@/lib/cobo/client";

const SECRET = "5e".repeat(32);

describe("createCoboGateway", () => {
  it("exposes the typed functions and the public API key, never the secret", () => {
    const gw = createCoboGateway({ baseUrl: "http://127.0.0.1:4010/v2/", apiSecret: SECRET });
    expect(gw.baseUrl).toBe("http://127.0.0.1:4010/v2");
    expect(gw.apiKey).toBe(bytesToHex(ed25519.getPublicKey(hexToBytes(SECRET))));
    for (const fn of [
      "createMpcVault",
      "createTssRequest",
      "createWallet",
      "createAddress",
      "createTransfer",
      "listWebhookEvents",
      "listCallbackMessages",
    ] as const)
      expect(typeof gw[fn]).toBe("function");
    expect(JSON.stringify(gw)).not.toContain(SECRET);
    expect(inspect(gw, { depth: 5, showHidden: true })).not.toContain(SECRET);
  });

  it("refuses a malformed secret or URL without echoing the value", () => {
    const bad = "not-a-seed-" + "x".repeat(20);
    expect(() => createCoboGateway({ baseUrl: "http://127.0.0.1/v2", apiSecret: bad })).toThrow(/32-byte hex/);
    try {
      createCoboGateway({ baseUrl: "http://127.0.0.1/v2", apiSecret: bad });
    } catch (e) {
      expect(String(e)).not.toContain(bad);
    }
    expect(() => createCoboGateway({ baseUrl: "api.cobo.com/v2", apiSecret: SECRET })).toThrow(/absolute/);
  });
});
