import { describe, expect, it } from "vitest";
import { observeRequest } from "@/lib/http/observe";
import { currentRequestContext } from "@/lib/log/context";
import { metrics } from "@/lib/observability/metrics";

async function count(route: string, status: string): Promise<number> {
  const metric = await metrics.httpRequests.get();
  return metric.values.find((v) => v.labels.route === route && v.labels.status === status)?.value ?? 0;
}

async function latencySamples(route: string): Promise<number> {
  const metric = await metrics.httpDuration.get();
  return metric.values.find((v) => v.labels.route === route && v.metricName?.endsWith("_count"))?.value ?? 0;
}

describe("observeRequest", () => {
  it("runs the handler under the caller's request id, echoes it and counts the request with its latency", async () => {
    const route = "/test/observe-a";
    const before = await count(route, "201");
    let seen: string | undefined;
    const res = await observeRequest(
      route,
      new Request("http://x/t", { method: "POST", headers: { "x-request-id": "req-0123456789" } }),
      (id) => {
        seen = currentRequestContext()?.requestId;
        expect(id).toBe("req-0123456789");
        return new Response("made", { status: 201 });
      },
    );
    expect(seen).toBe("req-0123456789");
    expect(res.headers.get("x-request-id")).toBe("req-0123456789");
    expect(await count(route, "201")).toBe(before + 1);
    expect(await latencySamples(route)).toBeGreaterThanOrEqual(1);
  });

  it("makes up a request id when the header is missing or unusable, and keeps a handler's own", async () => {
    const res = await observeRequest(
      "/test/observe-b",
      new Request("http://x/t", { headers: { "x-request-id": "bad id with spaces" } }),
      () => new Response("x"),
    );
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const own = await observeRequest(
      "/test/observe-b",
      new Request("http://x/t"),
      () => new Response("x", { headers: { "x-request-id": "handler-own-id" } }),
    );
    expect(own.headers.get("x-request-id")).toBe("handler-own-id");
  });
});
