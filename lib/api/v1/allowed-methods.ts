import { API_ENDPOINTS } from "@/lib/api/v1/endpoints";

// Which HTTP methods each Client API path serves, from the same endpoint descriptions as the
// OpenAPI document. The proxy answers a wrong method on a served path with the API's problem+json
// 405 (Next.js would answer a bare one before any route code runs).

const PATHS = [...new Set(API_ENDPOINTS.map((e) => e.path))].map((path) => ({
  pattern: new RegExp(`^${path.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+")}/?$`),
  methods: API_ENDPOINTS.filter((e) => e.path === path).map((e) => e.method.toUpperCase()),
}));

const ORDER = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"];

/** The methods served at `pathname` (HEAD with GET, OPTIONS always), in a fixed order; null for a path not served. */
export function allowedMethods(pathname: string): string[] | null {
  const methods = PATHS.filter((p) => p.pattern.test(pathname)).flatMap((p) => p.methods);
  if (methods.length === 0) return null;
  const all = new Set([...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"]);
  return ORDER.filter((m) => all.has(m));
}
