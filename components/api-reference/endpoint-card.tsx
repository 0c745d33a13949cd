import { InlineText } from "@/components/api-reference/inline-text";
import { MethodBadge, StatusCodeBadge } from "@/components/api-reference/method-badge";
import { FieldFacts, SchemaFields } from "@/components/api-reference/schema-fields";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { EndpointView, SchemaView } from "@/lib/server/console/get-api-reference";

const PARAM_PLACES: Record<string, string> = { path: "path", query: "query", header: "header", cookie: "cookie" };

function SubHeading({ children }: { children: React.ReactNode }) {
  return <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase">{children}</h4>;
}

function BodyType({ schema, contentType }: { schema: SchemaView; contentType: string | null }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-xs text-zinc-500">
      <span className="font-mono text-indigo-700">{schema.refName ?? schema.type}</span>
      {contentType ? <span className="font-mono">{contentType}</span> : null}
    </span>
  );
}

function hasFields(schema: SchemaView): boolean {
  return schema.fields.length > 0 || schema.variants.length > 0;
}

/** One operation: method and path, what it does, who may call it, what it takes and answers. */
export function EndpointCard({ endpoint }: { endpoint: EndpointView }) {
  const e = endpoint;
  const success = e.responses.filter((r) => !r.isError);
  const errors = e.responses.filter((r) => r.isError);
  return (
    <article id={e.id} aria-labelledby={`${e.id}-title`} className="scroll-mt-4 rounded-lg border border-zinc-200 bg-white shadow-xs">
      <header className="space-y-1 border-b border-zinc-200 px-4 py-3">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <MethodBadge method={e.method} />
          <h3 id={`${e.id}-title`} className="min-w-0 font-mono text-sm font-semibold break-all text-zinc-900">
            <span className="sr-only">{e.method} </span>
            {e.path}
          </h3>
          <span className="ml-auto">
            {e.auth.kind === "bearer" ? (
              <Badge tone="violet" title="Send Authorization: Bearer <access_token>">
                Bearer token
              </Badge>
            ) : (
              <Badge tone="neutral">No auth</Badge>
            )}
          </span>
        </div>
        <p className="text-sm font-medium text-zinc-800">{e.summary}</p>
        {e.description ? (
          <p className="text-sm text-zinc-600">
            <InlineText text={e.description} />
          </p>
        ) : null}
      </header>
      <div className="space-y-4 px-4 py-3">
        {e.params.length > 0 ? (
          <section>
            <SubHeading>Parameters</SubHeading>
            <div className="overflow-hidden rounded-md border border-zinc-200">
              <Table caption={`Parameters of ${e.method} ${e.path}`}>
                <THead>
                  <tr>
                    <Th className="w-[26%]">Name</Th>
                    <Th className="w-[18%]">Type</Th>
                    <Th className="w-[9%]">Required</Th>
                    <Th>Description</Th>
                  </tr>
                </THead>
                <TBody>
                  {e.params.map((p) => (
                    <Tr key={`${p.in}:${p.name}`}>
                      <Td className="py-2 align-top">
                        <code className="font-mono text-[0.8125rem] font-medium text-zinc-900">{p.name}</code>
                        <span className="ml-1.5 text-xs text-zinc-500">{PARAM_PLACES[p.in] ?? p.in}</span>
                      </Td>
                      <Td className="py-2 align-top">
                        <span className="font-mono text-xs text-indigo-700">{p.type}</span>
                      </Td>
                      <Td className="py-2 align-top">
                        {p.required ? <span className="text-xs font-medium text-red-700">required</span> : <span className="text-xs text-zinc-400">optional</span>}
                      </Td>
                      <Td className="py-2 align-top text-sm">
                        {p.description ? (
                          <InlineText text={p.description} />
                        ) : p.enumValues.length === 0 && p.constraints.length === 0 ? (
                          <span className="text-zinc-400">—</span>
                        ) : null}
                        <FieldFacts enumValues={p.enumValues} constraints={p.constraints} />
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          </section>
        ) : null}

        {e.body ? (
          <section>
            <div className="mb-1.5 flex flex-wrap items-baseline gap-2">
              <SubHeading>Request body</SubHeading>
              <BodyType schema={e.body.schema} contentType={e.body.contentType} />
              {e.body.required ? <span className="text-xs font-medium text-red-700">required</span> : null}
            </div>
            {e.body.schema.description ? (
              <p className="mb-1.5 text-sm text-zinc-600">
                <InlineText text={e.body.schema.description} />
              </p>
            ) : null}
            {hasFields(e.body.schema) ? (
              <SchemaFields fields={e.body.schema.fields} variants={e.body.schema.variants} caption={`Request body of ${e.method} ${e.path}`} />
            ) : (
              <FieldFacts enumValues={e.body.schema.enumValues} constraints={e.body.schema.constraints} />
            )}
          </section>
        ) : null}

        <section>
          <SubHeading>Responses</SubHeading>
          <ul className="space-y-2">
            {success.map((r) => (
              <li key={r.status} className="rounded-md border border-zinc-200">
                <div className="flex flex-wrap items-center gap-2 px-3 py-2">
                  <StatusCodeBadge status={r.status} />
                  <span className="text-sm text-zinc-800">
                    <InlineText text={r.description} />
                  </span>
                  {r.schema ? (
                    <span className="ml-auto">
                      <BodyType schema={r.schema} contentType={r.contentType} />
                    </span>
                  ) : (
                    <span className="ml-auto text-xs text-zinc-400">no body</span>
                  )}
                </div>
                {r.schema && hasFields(r.schema) ? (
                  <details className="group border-t border-zinc-200">
                    <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-zinc-500 hover:text-zinc-800">
                      Response fields
                    </summary>
                    <div className="px-3 pb-3">
                      <SchemaFields fields={r.schema.fields} variants={r.schema.variants} caption={`${r.status} response of ${e.method} ${e.path}`} />
                    </div>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
          {errors.length > 0 ? (
            <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-xs text-zinc-600">
              <span className="font-medium text-zinc-500">Errors (problem+json):</span>
              {errors.map((r) => (
                <span key={r.status} className="inline-flex items-center gap-1" title={r.description}>
                  <StatusCodeBadge status={r.status} />
                  <span>{r.description}</span>
                </span>
              ))}
            </div>
          ) : null}
        </section>
      </div>
    </article>
  );
}
