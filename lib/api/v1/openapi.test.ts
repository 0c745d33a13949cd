import { describe, expect, it } from "vitest";
import { API_ENDPOINTS } from "@/lib/api/v1/endpoints";
import { openApiDocument } from "@/lib/api/v1/openapi";

// The document is generated from the endpoint declarations the routes are built from (which
// lib/api/v1/endpoints.test.ts keeps equal to the route files), so it lists exactly what is served.

type Parameter = { in: string; name: string; required?: boolean; description?: string };

function parametersOf(method: "get" | "post", apiPath: string): Parameter[] {
  const op = openApiDocument().paths?.[apiPath]?.[method] as { parameters?: Parameter[] } | undefined;
  return op?.parameters ?? [];
}

describe("OpenAPI document", () => {
  it("describes every declared operation", () => {
    const doc = openApiDocument();
    const described = Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
      (["get", "post", "put", "delete"] as const).filter((m) => item?.[m]).map((m) => `${m} ${p}`),
    );
    expect(described.sort()).toEqual(API_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
  });

  it("lists the declared request headers as header parameters", () => {
    const transfer = parametersOf("post", "/api/v1/wallets/{wallet_id}/transfers");
    expect(transfer).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: "header", name: "idempotency-key", required: true }),
        expect.objectContaining({ in: "path", name: "wallet_id", required: true }),
      ]),
    );
    const events = parametersOf("get", "/api/v1/events");
    expect(events.find((p) => p.in === "header")).toMatchObject({ name: "last-event-id" });
    expect(events.find((p) => p.in === "header")?.required).not.toBe(true);
    // every declared header of every operation, and no other
    for (const e of API_ENDPOINTS) {
      const headers = parametersOf(e.method as "get" | "post", e.path).filter((p) => p.in === "header");
      expect(headers.map((h) => h.name).sort(), `${e.method} ${e.path}`).toEqual(Object.keys(e.headers?.shape ?? {}).sort());
    }
  });

  it("is OpenAPI 3.1 with bearer security, problem responses and named schemas", () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(["Problem", "TokenPair", "Vault", "TssRequest", "TssNode"]),
    );
    const me = doc.paths?.["/api/v1/me"]?.get;
    expect(me?.security).toEqual([{ bearer: [] }]);
    expect(me?.responses?.["401"]).toMatchObject({ content: { "application/problem+json": {} } });
    const signIn = doc.paths?.["/api/v1/auth/sign-in"]?.post;
    expect(signIn?.security).toEqual([]);
    expect(signIn?.requestBody).toBeDefined();
  });
});
