import { afterEach, describe, expect, it } from "vitest";
import { assertSameOriginJson, crossOriginRefusal } from "@/lib/http/csrf";
import { resetEnvCache } from "@/lib/env";

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  resetEnvCache();
});

function withAppUrl(url: string) {
  process.env.APP_URL = url;
  resetEnvCache();
}

const post = (headers: Record<string, string>, body?: string, url = "http://127.0.0.1:3000/settings") =>
  new Request(url, { method: "POST", headers: { host: new URL(url).host, ...headers }, body });

describe("cross-origin refusal", () => {
  it("accepts APP_URL's origin and the request's own origin, exactly", () => {
    withAppUrl("https://console.example.com");
    expect(crossOriginRefusal(post({ origin: "https://console.example.com" }))).toBeNull();
    expect(crossOriginRefusal(post({ origin: "http://127.0.0.1:3000" }))).toBeNull();
    expect(crossOriginRefusal(post({ referer: "http://127.0.0.1:3000/settings?x=1" }))).toBeNull();
  });

  it("refuses another port, scheme or host, an opaque origin, and a write naming no origin", () => {
    withAppUrl("http://127.0.0.1:3000");
    const foreign: Record<string, string>[] = [
      { origin: "http://127.0.0.1:3001" },
      { origin: "https://127.0.0.1:3000" },
      { origin: "http://localhost:3000" },
      { origin: "null" },
      { origin: "http://127.0.0.1:3001", referer: "http://127.0.0.1:3000/" },
      { referer: "http://127.0.0.1:3001/page" },
      {},
    ];
    for (const headers of foreign) {
      expect(crossOriginRefusal(post(headers)), JSON.stringify(headers)).not.toBeNull();
    }
  });

  it("lets reads through: there is nothing to protect", () => {
    expect(crossOriginRefusal(new Request("http://127.0.0.1:3000/settings", { headers: { origin: "http://evil.example" } }))).toBeNull();
  });
});

describe("same-origin JSON writes", () => {
  it("refuses a body that is not JSON (415), also an untyped one; a bodiless write or JSON passes", () => {
    withAppUrl("http://127.0.0.1:3000");
    const origin = { origin: "http://127.0.0.1:3000" };
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect(() => assertSameOriginJson(post({ ...origin, "content-type": type }, "{}"))).toThrow(
        expect.objectContaining({ code: "unsupported_media_type" }),
      );
    }
    const untyped = new Request("http://127.0.0.1:3000/settings", {
      method: "POST",
      headers: { ...origin, host: "127.0.0.1:3000" },
      body: new Blob(["{}"]),
    });
    expect(() => assertSameOriginJson(untyped)).toThrow(expect.objectContaining({ code: "unsupported_media_type" }));
    expect(() => assertSameOriginJson(post({ ...origin, "content-type": "application/json; charset=utf-8" }, "{}"))).not.toThrow();
    expect(() => assertSameOriginJson(post(origin))).not.toThrow();
    expect(() => assertSameOriginJson(post({ origin: "http://127.0.0.1:3001", "content-type": "application/json" }, "{}"))).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });
});
