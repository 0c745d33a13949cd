import type { Context } from "hono";
import { parseJsonBody } from "./validate.js";

/** Hono environment of the sandbox app: the raw body read by the auth layer, the calling node. */
export interface AppEnv {
  Variables: {
    rawBody: string;
    nodeId: string;
  };
}

/** The request's JSON body (the exact text the signature covered). */
export function jsonBody(c: Context<AppEnv>): unknown {
  return parseJsonBody(c.get("rawBody") ?? "");
}

/** The request's query parameters (last value wins). */
export function queryOf(c: Context<AppEnv>): Record<string, string> {
  return Object.fromEntries(new URL(c.req.url).searchParams.entries());
}

/** A required path parameter. */
export function param(c: Context<AppEnv>, name: string): string {
  return c.req.param(name) ?? "";
}
