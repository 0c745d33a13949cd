import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { ProblemSchema } from "@/lib/api/v1/common.schema";
import type { ApiEndpoint } from "@/lib/api/v1/endpoint";
import { API_ENDPOINTS } from "@/lib/api/v1/endpoints";

// The Client API's OpenAPI 3.1 document, generated from the endpoint declarations the routes are
// built from (params, query, headers, body and responses), so it cannot drift from what the API
// accepts and answers.

export { API_ENDPOINTS };

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed request",
  401: "Missing, invalid or expired access token",
  403: "Not allowed",
  404: "Not found, or not yours",
  409: "Conflicts with the current state",
  413: "Body too large",
  415: "Send application/json",
  422: "Invalid input; `errors` names each field",
  429: "Rate limited; see Retry-After",
  500: "Internal error; quote requestId",
  502: "Cobo rejected or failed the request",
  503: "Cobo is unreachable or rate-limiting; retry later",
};

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

/** Builds (once) the OpenAPI 3.1 document of /api/v1. */
export function openApiDocument(serverUrl?: string) {
  if (cached && !serverUrl) return cached;
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "Access token from /api/v1/auth/sign-in (or a token of your own identity provider, when configured)",
  });
  for (const e of API_ENDPOINTS) {
    const errors = [...new Set([...(e.auth === "bearer" ? [401] : []), ...(e.errors ?? []), 500])];
    const responses: Record<string, { description: string; content?: Record<string, { schema: ApiEndpoint["body"] & object }> }> = {};
    for (const [status, r] of Object.entries(e.responses)) {
      responses[status] = r.schema
        ? { description: r.description, content: { [r.contentType ?? "application/json"]: { schema: r.schema } } }
        : { description: r.description };
    }
    for (const status of errors)
      responses[String(status)] = {
        description: ERROR_TEXT[status] ?? "Error",
        content: { "application/problem+json": { schema: ProblemSchema } },
      };
    registry.registerPath({
      method: e.method,
      path: e.path,
      summary: e.summary,
      description: e.description,
      tags: [e.tag],
      security: e.auth === "bearer" ? [{ [bearer.name]: [] }] : [],
      request: {
        ...(e.params ? { params: e.params } : {}),
        ...(e.query ? { query: e.query } : {}),
        ...(e.headers ? { headers: e.headers } : {}),
        ...(e.body ? { body: { required: true, content: { "application/json": { schema: e.body } } } } : {}),
      },
      responses,
    });
  }
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "UCW Console Client API",
      version: "1.0.0",
      description:
        "The API Client Apps (phones running Cobo's UCW SDK) call. Every id the UCW SDK needs (TSS request ids, transaction ids) is Cobo's own. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: serverUrl ?? "/" }],
  });
  if (!serverUrl) cached = doc;
  return doc;
}
