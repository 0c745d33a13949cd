import { expect, test } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "../fixtures";

const scraper = { authorization: `Bearer ${E2E_METRICS_TOKEN}` };

test("health reports the database and the Cobo endpoint separately", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.database).toMatchObject({ status: "ok" });
  expect(["pglite", "postgres"]).toContain(body.database.kind);
  expect(body.cobo).toMatchObject({ environment: "sandbox", baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v2$/) });
  expect(body.cobo).toMatchObject({ status: "ok", detail: "reachable (HTTP 401); the API key is not checked by this probe" });
});

test("metrics are exposed for Prometheus with per-route request counts", async ({ request }) => {
  await request.get("/api/health");
  const res = await request.get("/api/metrics", { headers: scraper });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  const text = await res.text();
  expect(text).toMatch(/ucw_http_requests_total\{[^}]*route="\/api\/health"[^}]*\} \d+/);
  expect(text).toContain("ucw_http_request_duration_seconds_bucket");
});

test("pages carry security headers, with a fresh CSP nonce per response", async ({ request }) => {
  const a = await request.get("/sign-in");
  const b = await request.get("/sign-in");
  for (const res of [a, b]) {
    const h = res.headers();
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  }
  const nonce = (res: typeof a) => /nonce-([^']+)/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce(a)).not.toBe(nonce(b));
  // HSTS only over HTTPS (here: behind a TLS-terminating proxy), never on plain HTTP.
  expect(a.headers()["strict-transport-security"]).toBeUndefined();
  const tls = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(tls.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
});

test("the console's sign-in endpoints are counted in the metrics like every other route", async ({ request }) => {
  await request.get("/api/auth/csrf");
  const text = await (await request.get("/api/metrics", { headers: scraper })).text();
  expect(text).toMatch(/ucw_http_requests_total\{[^}]*route="\/api\/auth\/\[\.\.\.nextauth\]"[^}]*\} \d+/);
});
