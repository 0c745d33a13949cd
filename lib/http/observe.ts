import "server-only";
import { requestIdFrom, withRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";

// What every HTTP entry point does around its handler, whoever wrote the handler (our route
// wrapper, next-auth, the Cobo webhook and callback endpoints): a request id in the log context
// and on the response, the request counter and latency histogram by route, and one access line.

/** Runs `handler` for `req` under route label `name`, observed as above. */
export async function observeRequest(
  name: string,
  req: Request,
  handler: (requestId: string) => Promise<Response> | Response,
): Promise<Response> {
  const requestId = requestIdFrom(req.headers.get("x-request-id"));
  const started = process.hrtime.bigint();
  const response = await withRequestContext({ requestId }, () => handler(requestId));
  if (!response.headers.has("x-request-id")) {
    try {
      response.headers.set("x-request-id", requestId);
    } catch {
      // some responses (redirects built by libraries) have immutable headers; the log still has the id
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  metrics.httpRequests.inc({ route: name, method: req.method, status: String(response.status) });
  metrics.httpDuration.observe({ route: name, method: req.method }, seconds);
  withRequestContext({ requestId }, () =>
    logger.info(
      { event: "http.request", route: name, method: req.method, status: response.status, ms: Math.round(seconds * 1000) },
      "request",
    ),
  );
  return response;
}
