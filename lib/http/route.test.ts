import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { endpoint } from "@/lib/api/v1/endpoint";
import { route, type DeclaredRouteHandler } from "@/lib/http/route";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";

// route(Endpoint).handle(handler): inputs parsed from the declaration, the answer validated
// against the declared response of its status. The Client API's own routes are covered over HTTP
// (tests/integration, e2e/api); this pins the contract itself on a declaration of its own.

const Thing = z.object({ id: z.string(), count: z.number().int() });

const thingApi = endpoint({
  method: "post",
  path: "/api/v1/test-things/{thing_id}",
  tag: "Test",
  summary: "A test endpoint",
  auth: "none",
  params: z.object({ thing_id: z.string().regex(/^t\d+$/) }),
  headers: z.object({ "idempotency-key": z.string().min(8) }),
  body: z.object({ count: z.number().int() }),
  responses: {
    201: { description: "Created", schema: Thing },
    200: { description: "Seen before", schema: Thing },
    204: { description: "Nothing", schema: null },
  },
});

type Answer = { status: number; headers: Headers; body: unknown; text: string };

async function send(
  handler: DeclaredRouteHandler<typeof thingApi>,
  opts: { thingId?: string; key?: string | null; body?: unknown } = {},
): Promise<Answer> {
  const headers = new Headers({ "content-type": "application/json" });
  if (opts.key !== null) headers.set("idempotency-key", opts.key ?? "key-12345678");
  const req = new Request("http://127.0.0.1/api/v1/test-things/x", {
    method: "POST",
    headers,
    body: JSON.stringify(opts.body ?? { count: 1 }),
  });
  const res = await handler(req, { params: Promise.resolve({ thing_id: opts.thingId ?? "t1" }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null, text };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("route(Endpoint).handle", () => {
  it("hands the handler parsed params, headers and body, and sends the declared shape only", async () => {
    const handler = route(thingApi).handle(({ params, headers, body }) => ({
      status: 201,
      body: { id: `${params.thing_id}:${headers["idempotency-key"]}`, count: body.count, internal: "never sent" } as z.input<typeof Thing>,
    }));
    const res = await send(handler, { body: { count: 3 } });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.body).toEqual({ id: "t1:key-12345678", count: 3 });
    expect(handler.endpoint).toBe(thingApi);
  });

  it("answers an empty declared response with no body", async () => {
    const res = await send(route(thingApi).handle(() => ({ status: 204 })));
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
  });

  it("refuses a missing or invalid declared header with a 422 naming it, after the body", async () => {
    const handler = route(thingApi).handle(() => ({ status: 204 }));
    const missing = await send(handler, { key: null });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({
      code: "invalid_input",
      detail: "The Idempotency-Key header is missing or invalid.",
      errors: [{ path: "header.idempotency-key" }],
    });
    expect((await send(handler, { key: "short" })).body).toMatchObject({ errors: [{ path: "header.idempotency-key" }] });
    // a wrong body is reported first, as it was when the route read its header itself
    const both = await send(handler, { key: null, body: { count: "x" } });
    expect(both.body).toMatchObject({ detail: "The body is invalid.", errors: [{ path: "body.count" }] });
    expect((await send(handler, { thingId: "nope" })).body).toMatchObject({ errors: [{ path: "path.thing_id" }] });
  });

  it("turns an answer that misses its declared schema into a logged, generic 500 naming no field", async () => {
    const logged = vi.spyOn(logger, "error");
    const handler = route(thingApi).handle(() => ({ status: 200, body: { id: "t1", count: 1.5 } }));
    const res = await send(handler);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({
      status: 500,
      code: "internal_error",
      detail: "Something went wrong on our side. Quote the request id if you contact support.",
      requestId: res.headers.get("x-request-id"),
    });
    expect(res.body).not.toHaveProperty("errors");
    expect(res.text).not.toContain("count");
    expect(logged).toHaveBeenCalledWith(
      {
        route: "/api/v1/test-things/[thing_id]",
        status: 200,
        issues: [{ path: "count", message: expect.any(String) as string }],
      },
      "the handler's answer does not match its declared response schema",
    );
  });

  it("treats a status the declaration does not list as the same 500", async () => {
    const logged = vi.spyOn(logger, "error");
    // @ts-expect-error: 202 is not a declared status of thingApi, which the compiler catches
    const res = await send(route(thingApi).handle(() => ({ status: 202, body: { id: "t1", count: 1 } })));
    expect(res.status).toBe(500);
    expect(logged).toHaveBeenCalledWith(
      { route: "/api/v1/test-things/[thing_id]", status: 202 },
      "the handler answered a status its endpoint does not declare",
    );
  });

  it("labels the request metrics with the declared path", async () => {
    const before = await count("/api/v1/test-things/[thing_id]", "204");
    await send(route(thingApi).handle(() => ({ status: 204 })));
    expect(await count("/api/v1/test-things/[thing_id]", "204")).toBe(before + 1);
  });
});

async function count(name: string, status: string): Promise<number> {
  const metric = await metrics.httpRequests.get();
  return metric.values.find((v) => v.labels.route === name && v.labels.status === status)?.value ?? 0;
}
