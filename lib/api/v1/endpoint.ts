import type { z } from "zod";

// Every Client API operation is declared once, next to its schemas (`lib/api/v1/*.schema.ts`).
// The one declaration drives everything else: `route(declaration, { handler })` (lib/http/route.ts)
// authenticates, parses params, query, headers and body with its schemas and validates the
// handler's answer against the declared response of its status; the OpenAPI document
// (lib/api/v1/openapi.ts) and the methods each path serves (lib/api/v1/allowed-methods.ts) are
// built from the list of declarations (lib/api/v1/endpoints.ts). So the code and the document
// cannot drift, and the compiler keeps each handler in step with its declaration.

/** One declared answer: its schema (null for an empty body) and, for anything but JSON, its media type. */
export type ApiResponse = { readonly description: string; readonly schema: z.ZodType | null; readonly contentType?: string };

export type ApiEndpoint = {
  readonly method: "get" | "post" | "put" | "delete";
  /** OpenAPI path, e.g. /api/v1/wallets/{wallet_id} */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly auth: "none" | "bearer";
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** request headers, keyed by their lower-case names (HTTP header names are case-insensitive) */
  readonly headers?: z.ZodObject;
  readonly body?: z.ZodType;
  /** success status → response */
  readonly responses: Readonly<Record<number, ApiResponse>>;
  /** error statuses this endpoint may answer, besides 401/500 */
  readonly errors?: readonly number[];
};

/** Declares an endpoint (identity function that keeps the literal types: statuses, media types). */
export function endpoint<const E extends ApiEndpoint>(e: E): E {
  return e;
}

/** The Next.js route segment of an OpenAPI path: /api/v1/wallets/{wallet_id} → /api/v1/wallets/[wallet_id]. */
export function routeName(path: string): string {
  return path.replace(/\{(\w+)\}/g, "[$1]");
}

/** True when the answer is JSON (validated against its schema); anything else (a stream) is passed through. */
export function isJsonResponse(r: ApiResponse): boolean {
  return r.contentType === undefined || r.contentType === "application/json";
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives, typed from the declaration. */
export type EndpointInput<E extends ApiEndpoint> = {
  params: Out<E["params"]>;
  query: Out<E["query"]>;
  headers: Out<E["headers"]>;
  body: Out<E["body"]>;
};

/** The body a handler gives for one declared answer: what its schema accepts, nothing for an empty one, a stream for non-JSON. */
export type ResponseBody<R extends ApiResponse> = R extends { contentType: infer C }
  ? C extends "application/json"
    ? JsonBody<R>
    : ReadableStream<Uint8Array> | string
  : JsonBody<R>;

type JsonBody<R extends ApiResponse> = R["schema"] extends z.ZodType ? z.input<R["schema"]> : undefined;

type ResultFor<S extends number, R extends ApiResponse> = [ResponseBody<R>] extends [undefined]
  ? { status: S; body?: undefined; headers?: Record<string, string> }
  : { status: S; body: ResponseBody<R>; headers?: Record<string, string> };

/** What a handler returns: one of the declared statuses with the body its schema describes. */
export type EndpointResult<E extends ApiEndpoint> = {
  [S in keyof E["responses"] & number]: ResultFor<S, E["responses"][S]>;
}[keyof E["responses"] & number];
