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

/** GET: Prometheus metrics; behind `Authorization: Bearer $METRICS_TOKEN` when that is set. */
export const GET = route({
  name: "/api/metrics",
  auth: "none",
  handler: async ({ req }) => {
    const token = getEnv().METRICS_TOKEN;
    if (token) {
      const given = req.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
      if (!tokenMatches(given, token)) throw new AppError("unauthenticated", "A valid metrics token is required.");
    }
    const body = await metrics.registry.metrics();
    return new Response(body, { headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" } });
  },
});
