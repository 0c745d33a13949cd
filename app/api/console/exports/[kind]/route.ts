import { z } from "zod";
import { EXPORT_KINDS } from "@/lib/console/exports";
import { assertExportFetchSite, exportResponse } from "@/lib/http/console-export";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** GET: a list as CSV, with the filters and sort of the view's query string (any console user; audited). */
export const GET = route({
  name: "/api/console/exports/[kind]",
  auth: "session",
  params: z.object({ kind: z.enum(EXPORT_KINDS) }),
  handler: async ({ req, params, actor }) => {
    assertExportFetchSite(req);
    const url = new URL(req.url);
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key] ??= value;
    return exportResponse(params.kind, query, actor);
  },
});
