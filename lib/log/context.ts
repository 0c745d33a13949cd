import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { processSlot } from "@/lib/process-state";

// Carries the request id (and who is acting) through everything a request does, so that every
// log line it causes can name it without threading it through each call.

export type RequestContext = { requestId: string; actor?: Actor };

// One storage per process, not per module copy: the logger (created once) reads the same storage
// that every route's copy of this module writes.
const storage = processSlot("requestContext", () => new AsyncLocalStorage<RequestContext>(), { envDerived: false }).get();

/** Runs `fn` with a request context; nested calls see the same request id. */
export function withRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The current request context, if any. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** A request id from a trusted upstream header (sanitised) or a fresh one. */
export function requestIdFrom(header: string | null | undefined): string {
  if (header && /^[A-Za-z0-9._:-]{8,128}$/.test(header)) return header;
  return randomUUID();
}
