import type { z } from "zod";

// Every Client API endpoint is described once, next to its schemas; the OpenAPI document is built
// from these descriptions (lib/api/v1/openapi.ts), so the document cannot drift from the code.

export type ApiEndpoint = {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI path, e.g. /api/v1/wallets/{wallet_id} */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  auth: "none" | "bearer";
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  /** success status → response schema (null for an empty body) */
  responses: Record<number, { description: string; schema: z.ZodType | null; contentType?: string }>;
  /** error statuses this endpoint may answer, besides 401/500 */
  errors?: number[];
};

/** Declares an endpoint (identity function that keeps the literal types). */
export function endpoint<E extends ApiEndpoint>(e: E): E {
  return e;
}
