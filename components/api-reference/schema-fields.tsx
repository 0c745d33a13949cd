import { InlineText } from "@/components/api-reference/inline-text";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import type { SchemaField, SchemaVariant } from "@/lib/server/console/get-api-reference";

function Required({ required }: { required: boolean }) {
  return required ? (
    <span className="text-xs font-medium text-red-700">required</span>
  ) : (
    <span className="text-xs text-zinc-400">optional</span>
  );
}

/** Enum values, limits and pattern under a description. */
export function FieldFacts({ enumValues, constraints }: { enumValues: string[]; constraints: string[] }) {
  if (enumValues.length === 0 && constraints.length === 0) return null;
  return (
    <div className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-zinc-500">
      {enumValues.length > 0 ? (
        <>
          <span>{enumValues.length === 1 ? "Always" : "One of"}</span>
          {enumValues.map((v) => (
            <code key={v} className="rounded bg-zinc-100 px-1 font-mono text-[0.6875rem] text-zinc-700">
              {v}
            </code>
          ))}
        </>
      ) : null}
      {constraints.map((c) => (
        <span key={c} className="rounded bg-zinc-50 px-1 font-mono text-[0.6875rem] break-all ring-1 ring-zinc-200 ring-inset">
          {c}
        </span>
      ))}
    </div>
  );
}

function Indent({ depth, children }: { depth: number; children: React.ReactNode }) {
  return (
    <span className="flex min-w-0 items-baseline" style={{ paddingLeft: `${depth * 1.1}rem` }}>
      {depth > 0 ? (
        <span aria-hidden="true" className="mr-1 text-zinc-300">
          └
        </span>
      ) : null}
      {children}
    </span>
  );
}

function fieldRows(fields: SchemaField[], depth: number, prefix: string): React.ReactNode[] {
  return fields.flatMap((f) => {
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    return [
      <tr key={path} className="align-top hover:bg-zinc-50/70">
        <Td className="py-2">
          <Indent depth={depth}>
            <code className="font-mono text-[0.8125rem] font-medium text-zinc-900" title={path}>
              {f.name}
            </code>
          </Indent>
        </Td>
        <Td className="py-2">
          <span className="font-mono text-xs text-indigo-700">{f.type}</span>
        </Td>
        <Td className="py-2">
          <Required required={f.required} />
        </Td>
        <Td className="py-2 text-sm">
          {f.description ? (
            <InlineText text={f.description} />
          ) : f.enumValues.length === 0 && f.constraints.length === 0 ? (
            <span className="text-zinc-400">—</span>
          ) : null}
          <FieldFacts enumValues={f.enumValues} constraints={f.constraints} />
        </Td>
      </tr>,
      ...fieldRows(f.children, depth + 1, path),
      ...variantRows(f.variants, depth + 1, path),
    ];
  });
}

function variantRows(variants: SchemaVariant[], depth: number, prefix: string): React.ReactNode[] {
  return variants.flatMap((v, i) => [
    <tr key={`${prefix}#${i}`} className="bg-zinc-50/60">
      <Td colSpan={4} className="py-1.5">
        <Indent depth={depth}>
          <span className="text-xs text-zinc-600">
            {i === 0 ? "One of — " : "or — "}
            <code className="font-mono font-medium text-zinc-800">{v.label}</code>
            {v.description ? (
              <span className="text-zinc-500">
                : <InlineText text={v.description} />
              </span>
            ) : null}
          </span>
        </Indent>
      </Td>
    </tr>,
    ...fieldRows(v.fields, depth + 1, `${prefix}#${i}`),
  ]);
}

/** The fields of a request or response body, nested objects indented under their parent. */
export function SchemaFields({ fields, variants, caption }: { fields: SchemaField[]; variants: SchemaVariant[]; caption: string }) {
  return (
    <div className="overflow-hidden rounded-md border border-zinc-200">
      <Table caption={caption}>
        <THead>
          <tr>
            <Th className="w-[26%]">Field</Th>
            <Th className="w-[18%]">Type</Th>
            <Th className="w-[9%]">Required</Th>
            <Th>Description</Th>
          </tr>
        </THead>
        <TBody>
          {fieldRows(fields, 0, "")}
          {variantRows(variants, 0, "")}
        </TBody>
      </Table>
    </div>
  );
}
