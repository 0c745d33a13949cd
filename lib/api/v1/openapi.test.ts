import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ENDPOINTS, openApiDocument } from "@/lib/api/v1/openapi";

// The document is generated from the endpoint descriptions; these tests keep the descriptions and
// the route files in step, so the document never lists a route that does not exist or misses one.

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === "route.ts" ? [full] : [];
  });
}

function servedOperations(): string[] {
  const root = path.join(process.cwd(), "app", "api", "v1");
  return routeFiles(root).flatMap((file) => {
    const rel = path.dirname(path.relative(root, file)).split(path.sep).filter((s) => s !== ".");
    const apiPath = `/api/v1${rel.length ? "/" : ""}${rel.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
    // the document itself, and the catch-all that answers 404 for every path nothing else serves
    if (apiPath === "/api/v1/openapi.json" || apiPath === "/api/v1/{[...path]}") return [];
    const source = readFileSync(file, "utf8");
    return ["GET", "POST", "PUT", "DELETE"].filter((m) => new RegExp(`export const ${m}\\b`).test(source)).map((m) => `${m.toLowerCase()} ${apiPath}`);
  });
}

describe("OpenAPI document", () => {
  it("describes exactly the operations the Client API serves", () => {
    const described = API_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort();
    expect(described).toEqual(servedOperations().sort());
    expect(new Set(described).size).toBe(described.length);
  });

  it("is OpenAPI 3.1 with bearer security, problem responses and named schemas", () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(expect.arrayContaining(["Problem", "TokenPair", "Vault", "TssRequest", "TssNode"]));
    const me = doc.paths?.["/api/v1/me"]?.get;
    expect(me?.security).toEqual([{ bearer: [] }]);
    expect(me?.responses?.["401"]).toMatchObject({ content: { "application/problem+json": {} } });
    const signIn = doc.paths?.["/api/v1/auth/sign-in"]?.post;
    expect(signIn?.security).toEqual([]);
    expect(signIn?.requestBody).toBeDefined();
  });
});
