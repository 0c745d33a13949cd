import { randomUUID } from "node:crypto";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env.js";
import { ErrorCode, errorBody } from "../http/errors.js";
import { jsonBody } from "../http/app-env.js";
import { parseOrThrow } from "../http/validate.js";

// Chosen failures on chosen WaaS routes, so the product's behaviour when Cobo is slow, down,
// overloaded or refusing can be tested against the real wire: `POST /_sandbox/faults` adds a rule,
// `DELETE /_sandbox/faults` clears them all. A rule matches by method and path prefix (under /v2)
// and applies to its next `times` matching requests (every one when omitted). Kinds:
// - `hang`: accept the request and never answer (until the faults are cleared or the client goes);
// - `reset`: drop the connection without an answer;
// - `status`: answer with `status` and Cobo's error body (`error_code`, default 2000), without
//   executing the request;
// - `delay`: wait `delay_ms`, then execute the request normally.
// A fault is evaluated before authentication: it stands for the network or Cobo's edge.

const faultBody = z.object({
  method: z.enum(["GET", "POST", "PUT", "DELETE"]).optional(),
  path_prefix: z.string().startsWith("/v2/"),
  kind: z.enum(["hang", "reset", "status", "delay"]),
  status: z.number().int().min(400).max(599).optional(),
  error_code: z.number().int().optional(),
  retry_after: z.number().int().min(0).max(3600).optional(),
  delay_ms: z.number().int().min(0).max(120_000).optional(),
  times: z.number().int().min(1).optional(),
});

type Fault = z.infer<typeof faultBody> & { id: string; hits: number };

export class FaultTable {
  private faults: Fault[] = [];
  private hanging = new Set<() => void>();

  add(spec: z.infer<typeof faultBody>): Fault {
    const fault = { ...spec, id: randomUUID(), hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
    for (const release of this.hanging) release();
    this.hanging.clear();
  }

  /** The fault for this request (counting the hit), if any. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method === method) && path.startsWith(f.path_prefix));
    if (!fault) return undefined;
    fault.hits++;
    if (fault.times !== undefined && fault.hits >= fault.times) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  /** Waits until the faults are cleared (a hung request is then dropped). */
  hang(): Promise<void> {
    return new Promise((resolve) => this.hanging.add(resolve));
  }
}

function socketOf(c: Context<AppEnv>): { destroy(): void } | undefined {
  const env = c.env as { incoming?: { socket?: { destroy(): void } } } | undefined;
  return env?.incoming?.socket;
}

/** The middleware applying the table to /v2 requests. */
export function faultMiddleware(table: FaultTable): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const fault = table.take(c.req.method, c.req.path);
    if (!fault) return next();
    switch (fault.kind) {
      case "delay":
        await new Promise((r) => setTimeout(r, fault.delay_ms ?? 1000));
        return next();
      case "status": {
        const status = (fault.status ?? 503) as 400;
        const headers: Record<string, string> = fault.retry_after !== undefined ? { "retry-after": String(fault.retry_after) } : {};
        return c.json(errorBody(fault.error_code ?? ErrorCode.internal, "Injected failure (sandbox fault)"), status, headers);
      }
      case "reset":
        socketOf(c)?.destroy();
        return c.body(null, 500);
      case "hang":
        await table.hang();
        socketOf(c)?.destroy();
        return c.body(null, 504);
    }
  };
}

/** Registers `/_sandbox/faults` (GET lists, POST adds, DELETE clears). */
export function registerFaultRoutes(app: Hono<AppEnv>, table: FaultTable): void {
  app.get("/_sandbox/faults", (c) => c.json({ data: table.list() }));
  app.post("/_sandbox/faults", (c) => c.json(table.add(parseOrThrow(faultBody, jsonBody(c))), 201));
  app.delete("/_sandbox/faults", (c) => {
    table.clear();
    return c.json({ cleared: true });
  });
}
