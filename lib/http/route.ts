import "server-only";
import { getServerSession } from "next-auth";
import { NextRequest } from "next/server";
import type { z, ZodType } from "zod";
import { isJsonResponse, routeName, type ApiEndpoint, type EndpointInput, type EndpointResult } from "@/lib/api/v1/endpoint";
import { appUserActor } from "@/lib/actor";
import { isInputDataError } from "@/lib/db/errors";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { problemFromError, zodIssues } from "@/lib/http/problem";
import { observeRequest } from "@/lib/http/observe";
import { findUnsafeInput } from "@/lib/safe-input";
import { currentRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { resolveBearer, type AppPrincipal } from "@/lib/server/app-users/resolve-bearer";
import { authOptions } from "@/lib/http/console-session";
import { assertSameOriginJson } from "@/lib/http/csrf";
import type { ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { mustEnrolTotp, TWO_FACTOR_REQUIRED_MESSAGE } from "@/lib/server/console-users/two-factor";

// One wrapper per route handler: request id, auth, body-size limit, zod parsing of params, query,
// headers and body, serialisation of a declared endpoint's answer through its response schema, and
// mapping of every error to application/problem+json. Handlers have no try/catch.
// Every parsed value is first checked for what the database cannot take (NUL, unpaired
// surrogates, hostile nesting), so such input is a 422 naming the field.

/** none: public; session/admin: a console user (admin role for admin); bearer: an app user. */
export type RouteAuth = "none" | "session" | "admin" | "bearer";

type Ctx<P, Q, B, A extends RouteAuth> = {
  req: Request;
  requestId: string;
  params: P;
  query: Q;
  body: B;
  /** the declared headers (declared Client API endpoints only) */
  headers?: unknown;
  actor: A extends "session" | "admin" ? ConsoleIdentity : null;
  appUser: A extends "bearer" ? AppPrincipal : null;
};

type Options<P, Q, B, A extends RouteAuth> = {
  /** route pattern used as the metrics label, e.g. "/api/v1/vaults/[id]" */
  name: string;
  auth: A;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  maxBodyBytes?: number;
  handler: (ctx: Ctx<P, Q, B, A>) => Promise<Response> | Response;
};

const DEFAULT_MAX_BODY = 64 * 1024;

/** How a body read ended when it was not read whole. */
export type BodyRefusal = "too_large" | "stalled";

export type BodyRead = { ok: true; bytes: Buffer } | { ok: false; reason: BodyRefusal; prefix: Buffer };

/** The body's declared length, when the request declares a usable one. */
function declaredLength(req: Request): number | null {
  const header = req.headers.get("content-length");
  if (header === null || !/^\s*\d{1,16}\s*$/.test(header)) return null;
  return Number(header);
}

/**
 * Reads a request body as it arrives, keeping at most `limit` bytes: stops as soon as the declared
 * length or the bytes received pass `limit` ("too_large"), or when nothing arrives for `idleMs`
 * ("stalled"). Never throws for the client's behaviour; `prefix` is what had arrived by then.
 */
export async function readBody(req: Request, limit: number, idleMs: number = getEnv().HTTP_BODY_IDLE_TIMEOUT_MS): Promise<BodyRead> {
  const declared = declaredLength(req);
  if (declared !== null && declared > limit) {
    void req.body?.cancel().catch(() => undefined);
    return { ok: false, reason: "too_large", prefix: Buffer.alloc(0) };
  }
  if (!req.body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const refuse = (reason: BodyRefusal): BodyRead => {
    void reader.cancel().catch(() => undefined);
    return { ok: false, reason, prefix: Buffer.concat(chunks) };
  };
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<"stalled">((resolve) => {
      timer = setTimeout(() => resolve("stalled"), idleMs);
    });
    let next: ReadableStreamReadResult<Uint8Array> | "stalled";
    try {
      next = await Promise.race([reader.read(), idle]);
    } catch {
      // the client went away mid-body: nothing more will come
      return refuse("stalled");
    } finally {
      clearTimeout(timer);
    }
    if (next === "stalled") return refuse("stalled");
    if (next.done) break;
    if (total + next.value.byteLength > limit) {
      chunks.push(next.value.subarray(0, limit - total));
      return refuse("too_large");
    }
    total += next.value.byteLength;
    chunks.push(next.value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/** The AppError for a body that was not read whole (413 too large, 408 stalled). */
export function bodyRefusalError(reason: BodyRefusal, limit: number): AppError {
  return reason === "too_large"
    ? new AppError("payload_too_large", `The body may be at most ${limit} bytes.`)
    : new AppError("request_timeout", "The body stopped arriving before it was complete.");
}

/** Reads a request body as text, refusing it (413/408) as `readBody` describes; never buffers more than `limit`. */
export async function readBodyLimited(req: Request, limit: number): Promise<string> {
  const read = await readBody(req, limit);
  if (!read.ok) throw bodyRefusalError(read.reason, limit);
  return new TextDecoder("utf-8", { fatal: false }).decode(read.bytes);
}

/**
 * For handlers that read the body themselves (next-auth): reads it as `readBody` does (413 past
 * `limit`, 408 when it stalls), refuses text the database cannot take in a form or JSON body (422),
 * and runs `handler` on a copy of the request carrying the bytes read. Never buffers more than `limit`.
 */
export async function withBodyLimit(
  req: NextRequest,
  limit: number,
  requestId: string,
  handler: (req: NextRequest) => Promise<Response>,
): Promise<Response> {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return handler(req);
  const read = await readBody(req, limit);
  let bytes: Buffer;
  try {
    if (!read.ok) throw bodyRefusalError(read.reason, limit);
    bytes = read.bytes;
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    const type = (req.headers.get("content-type") ?? "").toLowerCase();
    if (type.startsWith("application/x-www-form-urlencoded")) refuseUnsafe(Object.fromEntries(new URLSearchParams(text)), "body");
    if (type.startsWith("application/json")) refuseUnsafe(parseJsonOrUndefined(text), "body");
  } catch (error) {
    const { response } = problemFromError(error, requestId);
    if (response.status === 413 || response.status === 408) response.headers.set("connection", "close");
    return response;
  }
  return handler(new NextRequest(req.url, { method: req.method, headers: req.headers, body: new Uint8Array(bytes) }));
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Refuses a value that must never reach the database or the schemas (see safe-input.ts), naming where it is. */
function refuseUnsafe(value: unknown, where: string): void {
  const unsafe = findUnsafeInput(value);
  if (unsafe) {
    throw new AppError("invalid_input", `The ${where} is invalid.`, {
      issues: [{ path: unsafe.path ? `${where}.${unsafe.path}` : where, message: unsafe.message }],
    });
  }
}

function parseOrThrow<T>(schema: ZodType<T>, value: unknown, where: string): T {
  refuseUnsafe(value, where);
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("invalid_input", `The ${where} is invalid.`, {
      issues: zodIssues(result.error).map((i) => ({ ...i, path: i.path ? `${where}.${i.path}` : where })),
    });
  }
  return result.data;
}

/** The function Next.js calls for one verb of a route file. */
export type RouteHandler = (req: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** A route handler built from a declared Client API endpoint; the declaration travels with it (tests look it up). */
export type DeclaredRouteHandler<E extends ApiEndpoint = ApiEndpoint> = RouteHandler & { readonly endpoint: E };

/** What a declared endpoint's handler receives: the parsed inputs its declaration names, and the caller. */
export type EndpointCtx<E extends ApiEndpoint> = EndpointInput<E> & {
  req: Request;
  requestId: string;
  appUser: E["auth"] extends "bearer" ? AppPrincipal : null;
};

export type EndpointHandler<E extends ApiEndpoint> = (ctx: EndpointCtx<E>) => Promise<EndpointResult<E>> | EndpointResult<E>;

/** `route(Endpoint)`: implements a declared endpoint with `.handle(handler)`. */
export type EndpointRoute<E extends ApiEndpoint> = {
  /** The route handler: the declared pipeline around `handler` (`maxBodyBytes` defaults to 64 KiB). */
  handle(handler: EndpointHandler<E>, opts?: { maxBodyBytes?: number }): DeclaredRouteHandler<E>;
};

/**
 * Wraps a route handler with the project's request pipeline.
 *
 * `route(Endpoint).handle(handler)`: a declared Client API endpoint (lib/api/v1). Auth, params,
 * query, headers and body come from the declaration; the handler answers `{ status, body }`, typed
 * from the declared responses (a status or body the declaration does not allow is a type error),
 * and the body is validated against that status's schema before it is sent (a mismatch is our bug:
 * a generic 500, logged with the route and the issues). The metrics name is the declared path.
 * (Two steps rather than `route(Endpoint, handler)`: TypeScript then types the handler's answer
 * against the known declaration, so `status: 200` stays the literal 200.)
 *
 * `route({ name, auth, ... })`: any other route (console JSON routes, health, metrics, the
 * catch-all), with the same pipeline; the handler answers a Response.
 */
export function route<const E extends ApiEndpoint>(declared: E): EndpointRoute<E>;
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined, A extends RouteAuth = RouteAuth>(
  opts: Options<P, Q, B, A>,
): RouteHandler;
export function route(first: ApiEndpoint | Options<unknown, unknown, unknown, RouteAuth>): RouteHandler | EndpointRoute<ApiEndpoint> {
  if ("handler" in first) return pipeline(first);
  return { handle: (handler, opts) => declaredRoute(first, handler, opts?.maxBodyBytes) };
}

function declaredRoute(declared: ApiEndpoint, impl: EndpointHandler<ApiEndpoint>, maxBodyBytes?: number): DeclaredRouteHandler {
  const name = routeName(declared.path);
  const handler = pipeline<unknown, unknown, unknown, RouteAuth>({
    name,
    auth: declared.auth,
    params: declared.params,
    query: declared.query,
    headers: declared.headers,
    body: declared.body,
    maxBodyBytes,
    handler: async (ctx) => {
      const result = await impl({
        req: ctx.req,
        requestId: ctx.requestId,
        params: ctx.params,
        query: ctx.query,
        headers: ctx.headers,
        body: ctx.body,
        appUser: ctx.appUser,
      } as EndpointCtx<ApiEndpoint>);
      return serialise(declared, name, result as DeclaredResult, ctx.requestId);
    },
  });
  return Object.assign(handler, { endpoint: declared });
}

type DeclaredResult = { status: number; body?: unknown; headers?: Record<string, string> };

/** The handler's answer as the declaration says it must be sent; anything else is a logged, detail-free 500. */
function serialise(declared: ApiEndpoint, name: string, result: DeclaredResult, requestId: string): Response {
  const spec = declared.responses[result.status];
  if (!spec) {
    logger.error({ route: name, status: result.status }, "the handler answered a status its endpoint does not declare");
    return internalError(requestId);
  }
  if (spec.schema === null) return new Response(null, { status: result.status, headers: result.headers });
  if (!isJsonResponse(spec)) {
    return new Response(result.body as ReadableStream<Uint8Array> | string, {
      status: result.status,
      headers: { "content-type": spec.contentType ?? "application/octet-stream", ...result.headers },
    });
  }
  const parsed = spec.schema.safeParse(result.body);
  if (!parsed.success) {
    // Never tell the client which of our fields went wrong: the answer is ours, not their input.
    logger.error(
      { route: name, status: result.status, issues: zodIssues(parsed.error) },
      "the handler's answer does not match its declared response schema",
    );
    return internalError(requestId);
  }
  return json(parsed.data, { status: result.status, headers: result.headers });
}

function internalError(requestId: string): Response {
  return problemFromError(new Error("response does not match its declaration"), requestId).response;
}

/** The declared request headers, each read by its (lower-case) name; absent ones are left out. */
function readHeaders(req: Request, schema: z.ZodObject): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = req.headers.get(key);
    if (value !== null) raw[key] = value;
  }
  return raw;
}

/** "idempotency-key" → "Idempotency-Key" */
function headerTitle(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/** Parses the declared headers; a refusal names each header (path `header.<name>`). */
function parseHeaders(schema: z.ZodObject, req: Request): unknown {
  const raw = readHeaders(req, schema);
  refuseUnsafe(raw, "header");
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = zodIssues(result.error).map((i) => ({ ...i, path: i.path ? `header.${i.path}` : "header" }));
  const names = [...new Set(result.error.issues.map((i) => String(i.path[0] ?? "")).filter(Boolean))].map(headerTitle);
  const detail =
    names.length === 0
      ? "The headers are invalid."
      : names.length === 1
        ? `The ${names[0]} header is missing or invalid.`
        : `The ${names.slice(0, -1).join(", ")} and ${names.at(-1)} headers are missing or invalid.`;
  throw new AppError("invalid_input", detail, { issues });
}

function pipeline<P, Q, B, A extends RouteAuth>(opts: Options<P, Q, B, A> & { headers?: z.ZodObject }): RouteHandler {
  return (req, context) =>
    observeRequest(opts.name, req, async (requestId) => {
      try {
        let actor: ConsoleIdentity | null = null;
        let appUser: AppPrincipal | null = null;
        if (opts.auth === "bearer") {
          appUser = await resolveBearer(req.headers.get("authorization"));
          const ctx = currentRequestContext();
          if (ctx) ctx.actor = appUserActor(appUser.userId);
        } else if (opts.auth !== "none") {
          const session = await getServerSession(authOptions());
          actor = session?.user ?? null;
          if (!actor) throw new AppError("unauthenticated", "Sign in to the console first.");
          // The session cookie authorises this route: refuse cross-origin and non-JSON writes.
          assertSameOriginJson(req);
          if (opts.auth === "admin" && actor.role !== "admin") throw new AppError("forbidden", "This action needs the admin role.");
          if (await mustEnrolTotp(actor)) throw new AppError("forbidden", TWO_FACTOR_REQUIRED_MESSAGE);
        }
        const rawParams = context?.params ? await context.params : {};
        if (!opts.params) refuseUnsafe(rawParams, "path");
        const params = opts.params ? parseOrThrow(opts.params, rawParams, "path") : (rawParams as P);
        const url = new URL(req.url);
        const query = opts.query ? parseOrThrow(opts.query, Object.fromEntries(url.searchParams), "query") : ({} as Q);
        let body = undefined as B;
        if (opts.body) {
          const type = req.headers.get("content-type") ?? "";
          if (!type.toLowerCase().startsWith("application/json"))
            throw new AppError("unsupported_media_type", "Send the body as application/json.");
          const text = await readBodyLimited(req, opts.maxBodyBytes ?? DEFAULT_MAX_BODY);
          let json: unknown;
          try {
            json = text.length === 0 ? undefined : JSON.parse(text);
          } catch {
            throw new AppError("bad_request", "The body is not valid JSON.");
          }
          body = parseOrThrow(opts.body, json, "body");
        }
        // Headers come last: a request whose body is wrong hears about its body first.
        const headers: unknown = opts.headers ? parseHeaders(opts.headers, req) : undefined;
        // (observeRequest puts the request id on the response)
        return await opts.handler({
          req,
          requestId,
          params,
          query,
          body,
          headers,
          actor: actor as Ctx<P, Q, B, A>["actor"],
          appUser: appUser as Ctx<P, Q, B, A>["appUser"],
        });
      } catch (thrown) {
        // A value the database refused (SQLSTATE 22xxx and the like) is the request's fault, not ours.
        const error = isInputDataError(thrown)
          ? new AppError("invalid_input", "A value in the request cannot be stored or compared.", { cause: thrown })
          : thrown;
        if (error !== thrown) logger.warn({ err: thrown, route: opts.name }, "the database refused a value from the request");
        const { response, expected } = problemFromError(error, requestId);
        // A refused body may still be arriving: close the connection rather than wait for the rest.
        if (response.status === 413 || response.status === 408) response.headers.set("connection", "close");
        // RFC 6750: a bearer route's 401 names the scheme, and says when the token sent was refused.
        if (opts.auth === "bearer" && response.status === 401) {
          response.headers.set(
            "www-authenticate",
            req.headers.has("authorization") ? 'Bearer realm="ucw", error="invalid_token"' : 'Bearer realm="ucw"',
          );
        }
        if (!expected) logger.error({ err: error, route: opts.name }, "unhandled error in route");
        return response;
      }
    });
}

/** A JSON response (the success counterpart of the problem envelope). */
export function json(data: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(data), {
    ...init,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string> | undefined) },
  });
}
