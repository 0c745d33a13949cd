import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

// Paths under /api/v1 (and /api/v1 itself) that no route file serves land here (Next.js prefers every static and
// dynamic route over a catch-all), so a Client App gets the API's problem+json 404 rather than
// the site's HTML page. Nothing is echoed back: the path is the client's own input.

const noSuchEndpoint = route({
  name: "/api/v1/[[...path]]",
  auth: "none",
  handler: () => {
    throw new AppError("not_found", "There is no such Client API endpoint. See /api/v1/openapi.json.");
  },
});

/** GET, POST, PUT, PATCH, DELETE (and HEAD, OPTIONS, which Next.js derives): 404 problem+json. */
export { noSuchEndpoint as GET, noSuchEndpoint as POST, noSuchEndpoint as PUT, noSuchEndpoint as PATCH, noSuchEndpoint as DELETE };
