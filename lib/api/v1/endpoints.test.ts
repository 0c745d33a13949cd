import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiEndpoint } from "@/lib/api/v1/endpoint";
import { API_ENDPOINTS } from "@/lib/api/v1/endpoints";

// Each Client API operation is declared once (lib/api/v1/*.schema.ts) and its route file builds
// the handler from that declaration with route(Endpoint).handle(...). These tests keep the two
// sets equal: every verb a route file exports under app/api/v1 is built from a declared endpoint
// whose method and path are that file's, and every declared endpoint is served by exactly one.

const ROOT = path.join(process.cwd(), "app", "api", "v1");
const VERBS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
// the document itself, and the catch-all that answers 404 for every path nothing else serves
const UNDECLARED = new Set(["/api/v1/openapi.json", "/api/v1/{[...path]}"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === "route.ts" ? [full] : [];
  });
}

/** The OpenAPI path a route file serves: app/api/v1/wallets/[wallet_id]/route.ts → /api/v1/wallets/{wallet_id}. */
function apiPathOf(file: string): string {
  const segments = path
    .dirname(path.relative(ROOT, file))
    .split(path.sep)
    .filter((s) => s !== ".");
  return ["/api/v1", ...segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}"))].join("/");
}

type Served = { file: string; verb: string; apiPath: string; endpoint: ApiEndpoint | undefined };

async function servedOperations(): Promise<Served[]> {
  const served: Served[] = [];
  for (const file of routeFiles(ROOT)) {
    const apiPath = apiPathOf(file);
    if (UNDECLARED.has(apiPath)) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const verb of VERBS) {
      const handler = mod[verb] as { endpoint?: ApiEndpoint } | undefined;
      if (handler) served.push({ file: path.relative(process.cwd(), file), verb, apiPath, endpoint: handler.endpoint });
    }
  }
  return served;
}

describe("Client API routes and their declarations", () => {
  // Importing every route module compiles most of the server: slow on a busy machine, so it runs
  // once, under the hook timeout rather than the unit tests' 5 s.
  let served: Served[] = [];
  beforeAll(async () => {
    served = await servedOperations();
  }, 120_000);

  it("serve every verb from a declared endpoint of that method and path", () => {
    expect(served.length).toBeGreaterThan(20);
    for (const s of served) {
      expect(s.endpoint, `${s.verb} in ${s.file} is not built with route(Endpoint)`).toBeDefined();
      expect(API_ENDPOINTS, `${s.verb} in ${s.file} uses a declaration missing from lib/api/v1/endpoints.ts`).toContain(s.endpoint);
      expect(`${s.endpoint?.method.toUpperCase()} ${s.endpoint?.path}`, s.file).toBe(`${s.verb} ${s.apiPath}`);
    }
  });

  it("serve every declared endpoint exactly once", () => {
    for (const e of API_ENDPOINTS) {
      const by = served.filter((s) => s.endpoint === e);
      expect(
        by.map((s) => `${s.verb} ${s.file}`),
        `${e.method.toUpperCase()} ${e.path}`,
      ).toHaveLength(1);
    }
    const operations = API_ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    expect(new Set(operations).size).toBe(operations.length);
  });

  it("declare every path parameter of their path, and only those", () => {
    for (const e of API_ENDPOINTS) {
      const inPath = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(e.params?.shape ?? {}).sort(), `${e.method} ${e.path}`).toEqual(inPath);
    }
  });
});
