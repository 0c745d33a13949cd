import { timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { getEnv } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET: Prometheus metrics, only for `Authorization: Bearer $METRICS_TOKEN`. Without METRICS_TOKEN
 * the endpoint is off and answers 404 to everyone: the metrics name routes, volumes and error
 * rates, and "from loopback" is no safe default behind a reverse proxy on the same machine.
 */
export const GET = route({
  name: "/api/metrics",
  auth: "none",
  handler: async ({ req }) => {
    const token = getEnv().METRICS_TOKEN;
    if (!token) throw new AppError("not_found", "Metrics are off. Set METRICS_TOKEN to serve them to a scraper that sends it.");
    const given = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
    if (!tokenMatches(given, token)) throw new AppError("unauthenticated", "A valid metrics token is required.");
    const body = await metrics.registry.metrics();
    return new Response(body, { headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" } });
  },
});
