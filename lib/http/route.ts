import "server-only";
import { getServerSession } from "next-auth";
import type { ZodType } from "zod";
import { AppError } from "@/lib/errors";
import { problemFromError, zodIssues } from "@/lib/http/problem";
import { observeRequest } from "@/lib/http/observe";
import { currentRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { resolveBearer, type AppPrincipal } from "@/lib/server/app-auth/resolve-bearer";
import { authOptions } from "@/lib/server/auth/console-session";
import { assertSameOriginJson } from "@/lib/server/auth/csrf";
import type { ConsoleIdentity } from "@/lib/server/auth/console-users";

// One wrapper per route handler: request id, auth, body-size limit, zod parsing of params, query
// and body, and mapping of every error to application/problem+json. Handlers have no try/catch.

/** none: public; session/admin: a console user (admin role for admin); bearer: an app user. */
export type RouteAuth = "none" | "session" | "admin" | "bearer";

type Ctx<P, Q, B, A extends RouteAuth> = {
  req: Request;
  requestId: string;
  params: P;
  query: Q;
  body: B;
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

/** Reads a request body as text, refusing bodies above `limit` bytes without buffering them whole. */
export async function readBodyLimited(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw new AppError("payload_too_large", `The body may be at most ${limit} bytes.`);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("payload_too_large", `The body may be at most ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

function parseOrThrow<T>(schema: ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("invalid_input", `The ${where} is invalid.`, {
      issues: zodIssues(result.error).map((i) => ({ ...i, path: i.path ? `${where}.${i.path}` : where })),
    });
  }
  return result.data;
}

/** Wraps a route handler with the project's request pipeline. */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined, A extends RouteAuth = RouteAuth>(
  opts: Options<P, Q, B, A>,
) {
  return (req: Request, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> =>
    observeRequest(opts.name, req, async (requestId) => {
      try {
        let actor: ConsoleIdentity | null = null;
        let appUser: AppPrincipal | null = null;
        if (opts.auth === "bearer") {
          appUser = await resolveBearer(req.headers.get("authorization"));
          const ctx = currentRequestContext();
          if (ctx) ctx.actor = `user:${appUser.userId}`;
        } else if (opts.auth !== "none") {
          const session = await getServerSession(authOptions());
          actor = session?.user ?? null;
          if (!actor) throw new AppError("unauthenticated", "Sign in to the console first.");
          // The session cookie authorises this route: refuse cross-origin and non-JSON writes.
          assertSameOriginJson(req);
          if (opts.auth === "admin" && actor.role !== "admin") throw new AppError("forbidden", "This action needs the admin role.");
        }
        const rawParams = context?.params ? await context.params : {};
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
        // (observeRequest puts the request id on the response)
        return await opts.handler({
          req,
          requestId,
          params,
          query,
          body,
          actor: actor as Ctx<P, Q, B, A>["actor"],
          appUser: appUser as Ctx<P, Q, B, A>["appUser"],
        });
      } catch (error) {
        const { response, expected } = problemFromError(error, requestId);
        // RFC 6750: a bearer route's 401 names the scheme, and says when the token sent was refused.
        if (opts.auth === "bearer" && response.status === 401) {
          response.headers.set("www-authenticate", req.headers.has("authorization") ? 'Bearer realm="ucw", error="invalid_token"' : 'Bearer realm="ucw"');
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

