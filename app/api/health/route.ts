import { json, route } from "@/lib/http/route";
import { checkHealth } from "@/lib/observability/check-health";

export const dynamic = "force-dynamic";

/** GET: database and Cobo endpoint health; 503 only when the database is down. */
export const GET = route({
  name: "/api/health",
  auth: "none",
  handler: async () => {
    const health = await checkHealth();
    return json(health, { status: health.status === "down" ? 503 : 200, headers: { "cache-control": "no-store" } });
  },
});
