import type { Metadata } from "next";
import { EndpointCard } from "@/components/api-reference/endpoint-card";
import { InlineText } from "@/components/api-reference/inline-text";
import { MethodBadge } from "@/components/api-reference/method-badge";
import { SchemaFields } from "@/components/api-reference/schema-fields";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { requireConsoleUser } from "@/lib/server/auth/console-session";
import { getApiReference } from "@/lib/server/console/get-api-reference";

export const metadata: Metadata = { title: "API reference" };

const RAW_DOCUMENT = "/api/v1/openapi.json";

export default async function ApiReferencePage() {
  await requireConsoleUser();
  const ref = getApiReference();
  return (
    <>
      <PageHeader
        title="API reference"
        description="The Client API that Client Apps (phones running Cobo's UCW SDK) call, generated from the OpenAPI document this server publishes."
        meta={
          <>
            <Badge tone="info">v{ref.version}</Badge>
            <span className="text-xs text-zinc-500">OpenAPI {ref.openapi}</span>
            <span className="text-xs text-zinc-500">{ref.endpointCount} endpoints</span>
            <a href={RAW_DOCUMENT} className="text-sm font-medium text-indigo-600 hover:text-indigo-500 hover:underline">
              Raw OpenAPI document ({RAW_DOCUMENT})
            </a>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[16rem_minmax(0,1fr)]">
        <nav aria-label="Endpoints" className="xl:sticky xl:top-4 xl:max-h-[calc(100vh-2rem)] xl:self-start xl:overflow-y-auto">
          <ol className="space-y-3 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-xs">
            {ref.tags.map((tag) => (
              <li key={tag.id}>
                <a href={`#${tag.id}`} className="text-xs font-semibold text-zinc-900 hover:text-indigo-600">
                  {tag.name}
                </a>
                <ul className="mt-1 space-y-0.5">
                  {tag.endpoints.map((e) => (
                    <li key={e.id}>
                      <a href={`#${e.id}`} className="flex min-w-0 items-start gap-1.5 rounded px-1 py-0.5 hover:bg-zinc-50" title={`${e.method} ${e.path}`}>
                        <MethodBadge method={e.method} />
                        <span className="min-w-0 pt-px font-mono text-[0.6875rem] break-all text-zinc-600">{e.path.replace(/^\/api\/v1/, "")}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </nav>
        <div className="min-w-0 space-y-6">
          <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
            <Section title="Overview">
              <div className="space-y-2 text-sm text-zinc-700">
                {ref.description ? (
                  <p>
                    <InlineText text={ref.description} />
                  </p>
                ) : null}
                <p>Requests and answers are JSON. Amounts are decimal strings, never numbers; times are ISO 8601 in UTC.</p>
              </div>
            </Section>
            <Section title="Access tokens">
              <div className="space-y-2 text-sm text-zinc-700">
                {ref.securitySchemes.map((s) => (
                  <p key={s.name}>
                    <Badge tone="violet">Bearer token</Badge> <span className="font-mono text-xs text-zinc-500">{s.kind}</span>
                    {s.description ? (
                      <>
                        <br />
                        <InlineText text={s.description} />
                      </>
                    ) : null}
                  </p>
                ))}
                <p>
                  Send it as <code className="rounded bg-zinc-100 px-1 font-mono text-[0.75rem]">Authorization: Bearer &lt;access_token&gt;</code>.
                  Endpoints marked <Badge tone="neutral">No auth</Badge> need none.
                </p>
              </div>
            </Section>
          </div>
          {ref.problem ? (
            <Section
              title="Errors"
              description="Every 4xx and 5xx answer is an RFC 9457 problem document (application/problem+json) of this shape."
            >
              <SchemaFields fields={ref.problem.fields} variants={ref.problem.variants} caption="Problem document fields" />
            </Section>
          ) : null}
          {ref.tags.map((tag) => (
            <section key={tag.id} id={tag.id} aria-labelledby={`${tag.id}-heading`} className="scroll-mt-4 space-y-3">
              <h2 id={`${tag.id}-heading`} className="text-base font-semibold text-zinc-900">
                {tag.name}
              </h2>
              {tag.endpoints.map((e) => (
                <EndpointCard key={e.id} endpoint={e} />
              ))}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}
