import { openApiDocument } from "@/lib/api/v1/openapi";
import { json, route } from "@/lib/http/route";

/** GET: the OpenAPI 3.1 document of the Client API (public: it describes, it reveals no data). */
export const GET = route({
  name: "/api/v1/openapi.json",
  auth: "none",
  handler: () => json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
});
