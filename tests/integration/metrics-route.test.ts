import { afterEach, describe, expect, it } from "vitest";
import { GET as metrics } from "@/app/api/metrics/route";
import { call } from "../helpers/app-harness";
import { resetEnvCache } from "@/lib/env";

// /api/metrics is off unless METRICS_TOKEN is set, and then only for that bearer token.

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  resetEnvCache();
});

function withToken(token: string | undefined) {
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  resetEnvCache();
}

describe("metrics endpoint", () => {
  it("is off (404) without METRICS_TOKEN, from anywhere, loopback included", async () => {
    withToken(undefined);
    const res = await call(metrics, { path: "/api/metrics", headers: { "x-forwarded-for": "127.0.0.1" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.text).not.toContain("ucw_http_requests_total");
  });

  it("answers only the configured bearer token", async () => {
    withToken("a-metrics-token-of-some-length");
    expect((await call(metrics, { path: "/api/metrics" })).status).toBe(401);
    expect((await call(metrics, { path: "/api/metrics", token: "a-metrics-token-of-some-lengtX" })).status).toBe(401);
    const ok = await call(metrics, { path: "/api/metrics", token: "a-metrics-token-of-some-length" });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("# TYPE");
  });
});
