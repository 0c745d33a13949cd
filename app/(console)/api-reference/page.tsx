import type { Metadata } from "next";
import { ApiReferenceViewer } from "@/app/(console)/api-reference/api-reference-viewer";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { openApiDocument } from "@/lib/api/v1/openapi";
import { requireConsoleUser } from "@/lib/http/console-session";

export const metadata: Metadata = { title: "API reference" };

const RAW_DOCUMENT = "/api/v1/openapi.json";

// The Client API's OpenAPI document (generated from the endpoint declarations), rendered by Swagger
// UI. The renderer is bundled and served by this app, like every other script: nothing is loaded
// from elsewhere, and "Try it out" is off (the console is a reference, not a client).
export default async function ApiReferencePage() {
  await requireConsoleUser();
  const doc = openApiDocument();
  const operations = Object.values(doc.paths ?? {}).reduce(
    (n, item) => n + (["get", "post", "put", "delete"] as const).filter((m) => item?.[m]).length,
    0,
  );
  return (
    <>
      <PageHeader
        title="API reference"
        description="The Client API that Client Apps (phones running Cobo's UCW SDK) call, rendered from the OpenAPI document this server publishes."
        meta={
          <>
            <Badge tone="info">v{doc.info.version}</Badge>
            <span className="text-xs text-zinc-500">OpenAPI {doc.openapi}</span>
            <span className="text-xs text-zinc-500">{operations} endpoints</span>
            <a href={RAW_DOCUMENT} className="text-sm font-medium text-indigo-600 hover:text-indigo-500 hover:underline">
              Raw OpenAPI document ({RAW_DOCUMENT})
            </a>
          </>
        }
      />
      <div className="rounded-lg border border-zinc-200 bg-white shadow-xs">
        <ApiReferenceViewer document={JSON.parse(JSON.stringify(doc)) as Record<string, unknown>} />
      </div>
    </>
  );
}
