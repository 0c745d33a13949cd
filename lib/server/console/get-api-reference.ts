import "server-only";
import { openApiDocument } from "@/lib/api/v1/openapi";

// The console's API reference is rendered from the same OpenAPI document the API serves at
// /api/v1/openapi.json (itself generated from the zod schemas the routes parse with), so the page
// cannot describe an API other than the one running. The document is walked as plain JSON: any
// JSON Schema it holds is turned into rows of fields, `$ref`s resolved into components.schemas.

export type SchemaVariant = {
  /** e.g. `fee_type = "EVM_EIP_1559"`, or the variant's type */
  label: string;
  description: string | null;
  fields: SchemaField[];
};

export type SchemaField = {
  /** property name; `[]` for the items of an array at the top level */
  name: string;
  type: string;
  required: boolean;
  description: string | null;
  /** allowed values of an enum or const */
  enumValues: string[];
  /** human-readable limits: length, range, pattern, format, default */
  constraints: string[];
  /** properties of an object (or of an array's object items) */
  children: SchemaField[];
  /** alternatives of a oneOf / anyOf */
  variants: SchemaVariant[];
};

export type SchemaView = {
  /** the components.schemas name when the body is a `$ref` */
  refName: string | null;
  type: string;
  description: string | null;
  enumValues: string[];
  constraints: string[];
  fields: SchemaField[];
  variants: SchemaVariant[];
};

export type ParamView = {
  name: string;
  in: string;
  required: boolean;
  type: string;
  description: string | null;
  enumValues: string[];
  constraints: string[];
};

export type ResponseView = {
  status: string;
  description: string;
  contentType: string | null;
  schema: SchemaView | null;
  /** 4xx/5xx: the body is the shared problem document, described once on the page */
  isError: boolean;
};

export type EndpointView = {
  /** anchor on the page */
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  auth: { kind: "bearer"; scheme: string } | { kind: "none" };
  params: ParamView[];
  body: { required: boolean; contentType: string; schema: SchemaView } | null;
  responses: ResponseView[];
};

export type TagView = { name: string; id: string; endpoints: EndpointView[] };

export type ApiReference = {
  title: string;
  version: string;
  openapi: string;
  description: string | null;
  tags: TagView[];
  endpointCount: number;
  securitySchemes: { name: string; description: string | null; kind: string }[];
  /** the error body shared by every 4xx/5xx answer */
  problem: SchemaView | null;
};

type Json = Record<string, unknown>;

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options"] as const;
/** Deep enough for any real body; stops runaway recursion on odd documents. */
const MAX_DEPTH = 8;

function rec(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function literal(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}

export function anchorId(...parts: string[]): string {
  return parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Walks JSON Schemas of one document, resolving `$ref`s against its components. */
class SchemaWalker {
  constructor(private readonly components: Json) {}

  /** The target of a local `$ref` (`#/components/<section>/<name>`), and its name. */
  resolve(schema: Json): { schema: Json; refName: string | null } {
    const ref = str(schema.$ref);
    if (!ref) return { schema, refName: null };
    const match = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
    const name = match?.[2] ? decodeURIComponent(match[2].replaceAll("~1", "/").replaceAll("~0", "~")) : ref;
    const target = match?.[1] ? rec(rec(this.components[match[1]])?.[name]) : undefined;
    // A `$ref` may carry its own description next to it (OpenAPI 3.1); it wins over the target's.
    const { $ref: _ref, ...siblings } = schema;
    return { schema: { ...(target ?? {}), ...siblings }, refName: name };
  }

  /** Schemas of a oneOf/anyOf, with `{type: "null"}` members taken out (they make it nullable). */
  private alternatives(schema: Json): { options: Json[]; nullable: boolean } {
    const raw = [...list(schema.oneOf), ...list(schema.anyOf)].map(rec).filter((s): s is Json => s !== undefined);
    const options = raw.filter((s) => s.type !== "null");
    return { options, nullable: options.length !== raw.length };
  }

  /** allOf merged into one object schema (properties and required lists combined). */
  private merged(schema: Json): Json {
    const parts = list(schema.allOf).map(rec).filter((s): s is Json => s !== undefined);
    if (parts.length === 0) return schema;
    const out: Json = { ...schema, allOf: undefined, properties: { ...(rec(schema.properties) ?? {}) }, required: [...list(schema.required)] };
    for (const part of parts) {
      const p = this.merged(this.resolve(part).schema);
      out.type ??= p.type;
      out.description ??= p.description;
      Object.assign(out.properties as Json, rec(p.properties) ?? {});
      (out.required as unknown[]).push(...list(p.required));
    }
    return out;
  }

  /** A short type label: `string`, `integer | null`, `array of Wallet`, `TransferFee`… */
  typeLabel(input: Json, seen: ReadonlySet<string> = new Set()): string {
    const { schema: resolved, refName } = this.resolve(input);
    const schema = this.merged(resolved);
    const isStructured = rec(schema.properties) !== undefined || schema.oneOf !== undefined || schema.anyOf !== undefined || schema.type === "object";
    if (refName && isStructured) return refName;
    if (refName && seen.has(refName)) return refName;
    const { options, nullable } = this.alternatives(schema);
    if (options.length > 0) {
      const labels = [...new Set(options.map((o) => this.typeLabel(o, refName ? new Set([...seen, refName]) : seen)))];
      const base = labels.length <= 3 ? labels.join(" | ") : `one of ${labels.length} shapes`;
      return nullable ? `${base} | null` : base;
    }
    if (schema.const !== undefined) return literal(schema.const);
    const types = Array.isArray(schema.type) ? schema.type.map(String) : schema.type !== undefined ? [String(schema.type)] : [];
    const labels = types.map((t) => {
      if (t === "array") {
        const items = rec(schema.items);
        return items ? `array of ${this.typeLabel(items, refName ? new Set([...seen, refName]) : seen)}` : "array";
      }
      if (t === "object" && !rec(schema.properties)) {
        const extra = rec(schema.additionalProperties);
        return extra ? `map of string → ${this.typeLabel(extra, seen)}` : "object";
      }
      return t;
    });
    if (labels.length === 0) return rec(schema.properties) ? "object" : "any";
    if (schema.nullable === true && !labels.includes("null")) labels.push("null");
    return labels.join(" | ");
  }

  /** Limits worth telling a developer, in words. */
  constraints(input: Json): string[] {
    const { schema } = this.resolve(input);
    const out: string[] = [];
    const num = (k: string) => (typeof schema[k] === "number" ? (schema[k] as number) : undefined);
    const minLength = num("minLength");
    const maxLength = num("maxLength");
    if (minLength !== undefined && maxLength !== undefined) out.push(minLength === maxLength ? `exactly ${minLength} characters` : `${minLength}–${maxLength} characters`);
    else if (maxLength !== undefined) out.push(`at most ${maxLength} characters`);
    else if (minLength !== undefined && minLength > 0) out.push(`at least ${minLength} character${minLength === 1 ? "" : "s"}`);
    const minimum = num("minimum");
    const maximum = num("maximum");
    if (minimum !== undefined && maximum !== undefined) out.push(`${minimum}–${maximum}`);
    else if (minimum !== undefined) out.push(`≥ ${minimum}`);
    else if (maximum !== undefined) out.push(`≤ ${maximum}`);
    if (num("exclusiveMinimum") !== undefined) out.push(`> ${num("exclusiveMinimum")}`);
    if (num("exclusiveMaximum") !== undefined) out.push(`< ${num("exclusiveMaximum")}`);
    const minItems = num("minItems");
    const maxItems = num("maxItems");
    if (minItems !== undefined && maxItems !== undefined) out.push(`${minItems}–${maxItems} items`);
    else if (minItems !== undefined && minItems > 0) out.push(`at least ${minItems} item${minItems === 1 ? "" : "s"}`);
    else if (maxItems !== undefined) out.push(`at most ${maxItems} items`);
    if (str(schema.format)) out.push(`format ${schema.format as string}`);
    if (str(schema.pattern)) out.push(`pattern ${schema.pattern as string}`);
    if (schema.default !== undefined) out.push(`default ${literal(schema.default)}`);
    return out;
  }

  enumValues(input: Json): string[] {
    const { schema } = this.resolve(input);
    if (Array.isArray(schema.enum)) return schema.enum.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
    return [];
  }

  /** Fields of an object schema (or of the object items of an array schema). */
  fields(input: Json, seen: ReadonlySet<string>, depth: number): SchemaField[] {
    if (depth > MAX_DEPTH) return [];
    const { schema: resolved, refName } = this.resolve(input);
    if (refName && seen.has(refName)) return []; // recursive schema: the type label names it
    const nextSeen = refName ? new Set([...seen, refName]) : seen;
    const schema = this.merged(resolved);
    const { options } = this.alternatives(schema);
    if (options.length === 1 && options[0]) return this.fields(options[0], nextSeen, depth + 1);
    const properties = rec(schema.properties);
    if (properties) {
      const required = new Set(list(schema.required).map(String));
      return Object.entries(properties).flatMap(([name, value]) => {
        const prop = rec(value);
        return prop ? [this.field(name, prop, required.has(name), nextSeen, depth + 1)] : [];
      });
    }
    const items = rec(schema.items);
    if (items && (schema.type === "array" || (Array.isArray(schema.type) && schema.type.includes("array")))) return this.fields(items, nextSeen, depth + 1);
    return [];
  }

  /** Alternatives of a oneOf/anyOf, labelled by the property that tells them apart when there is one. */
  variants(input: Json, seen: ReadonlySet<string>, depth: number): SchemaVariant[] {
    if (depth > MAX_DEPTH) return [];
    const { schema: resolved, refName } = this.resolve(input);
    if (refName && seen.has(refName)) return [];
    const nextSeen = refName ? new Set([...seen, refName]) : seen;
    const schema = this.merged(resolved);
    const { options } = this.alternatives(schema);
    if (options.length === 0) {
      // an array of alternatives: the choice is made per item
      const items = rec(schema.items);
      return items ? this.variants(items, nextSeen, depth + 1) : [];
    }
    // `X | null` is no choice: its fields are X's (see fields())
    if (options.length === 1) return [];
    return options.map((option) => {
      const optionSchema = this.merged(this.resolve(option).schema);
      const props = rec(optionSchema.properties) ?? {};
      const tag = Object.entries(props).find(([, v]) => {
        const p = rec(v);
        return p && (p.const !== undefined || (Array.isArray(p.enum) && p.enum.length === 1));
      });
      const tagSchema = tag ? rec(tag[1]) : undefined;
      const tagValue = tagSchema ? (tagSchema.const !== undefined ? tagSchema.const : list(tagSchema.enum)[0]) : undefined;
      return {
        label: tag && tagValue !== undefined ? `${tag[0]} = ${literal(tagValue)}` : this.typeLabel(option, nextSeen),
        description: str(optionSchema.description) ?? null,
        fields: this.fields(option, nextSeen, depth + 1),
      };
    });
  }

  field(name: string, schema: Json, required: boolean, seen: ReadonlySet<string>, depth: number): SchemaField {
    const { schema: resolved } = this.resolve(schema);
    const variants = this.variants(schema, seen, depth);
    return {
      name,
      type: this.typeLabel(schema, seen),
      required,
      description: str(resolved.description) ?? null,
      enumValues: this.enumValues(schema),
      constraints: this.constraints(schema),
      children: variants.length ? [] : this.fields(schema, seen, depth),
      variants,
    };
  }

  view(schema: Json): SchemaView {
    const { schema: resolved, refName } = this.resolve(schema);
    const variants = this.variants(schema, new Set(), 0);
    return {
      refName,
      type: this.typeLabel(schema),
      description: str(resolved.description) ?? null,
      enumValues: this.enumValues(schema),
      constraints: this.constraints(schema),
      fields: variants.length ? [] : this.fields(schema, new Set(), 0),
      variants,
    };
  }
}

function firstContent(content: unknown): { contentType: string; schema: Json | null } | null {
  const entries = Object.entries(rec(content) ?? {});
  const first = entries[0];
  if (!first) return null;
  return { contentType: first[0], schema: rec(rec(first[1])?.schema) ?? null };
}

/** Turns an OpenAPI 3.x document (as JSON) into the reference page's view, grouped by tag. */
export function buildApiReference(document: unknown): ApiReference {
  const doc = rec(document) ?? {};
  const components = rec(doc.components) ?? {};
  const walker = new SchemaWalker(components);
  const info = rec(doc.info) ?? {};
  const securitySchemes = rec(components.securitySchemes) ?? {};
  const docSecurity = doc.security;

  const tags = new Map<string, EndpointView[]>();
  for (const [path, item] of Object.entries(rec(doc.paths) ?? {})) {
    const pathItem = rec(item) ?? {};
    for (const method of METHODS) {
      const op = rec(pathItem[method]);
      if (!op) continue;

      const params = [...list(pathItem.parameters), ...list(op.parameters)].flatMap((raw): ParamView[] => {
        const p = rec(raw) ? walker.resolve(rec(raw)!).schema : undefined;
        if (!p || !str(p.name)) return [];
        const schema = rec(p.schema) ?? {};
        const description = str(p.description) ?? str(walker.resolve(schema).schema.description) ?? null;
        return [
          {
            name: p.name as string,
            in: str(p.in) ?? "query",
            required: p.required === true || p.in === "path",
            type: walker.typeLabel(schema),
            description,
            enumValues: walker.enumValues(schema),
            constraints: walker.constraints(schema),
          },
        ];
      });

      const requestBody = rec(op.requestBody) ? walker.resolve(rec(op.requestBody)!).schema : undefined;
      const bodyContent = requestBody ? firstContent(requestBody.content) : null;
      const body =
        requestBody && bodyContent?.schema
          ? { required: requestBody.required === true, contentType: bodyContent.contentType, schema: walker.view(bodyContent.schema) }
          : null;

      const responses = Object.entries(rec(op.responses) ?? {})
        .map(([status, raw]): ResponseView => {
          const r = rec(raw) ? walker.resolve(rec(raw)!).schema : {};
          const content = firstContent(r.content);
          const isError = /^[45]/.test(status);
          return {
            status,
            description: str(r.description) ?? "",
            contentType: content?.contentType ?? null,
            schema: content?.schema ? (isError ? { ...walker.view(content.schema), fields: [], variants: [] } : walker.view(content.schema)) : null,
            isError,
          };
        })
        .sort((a, b) => a.status.localeCompare(b.status));

      const security = list(op.security !== undefined ? op.security : docSecurity);
      const schemeName = security.flatMap((s) => Object.keys(rec(s) ?? {}))[0];
      const scheme = schemeName ? rec(securitySchemes[schemeName]) : undefined;
      const auth: EndpointView["auth"] = schemeName
        ? { kind: "bearer", scheme: scheme?.type === "http" ? `${str(scheme.scheme) ?? "bearer"} token` : schemeName }
        : { kind: "none" };

      const tag = str(list(op.tags)[0]) ?? "Other";
      const endpoint: EndpointView = {
        id: anchorId(method, path),
        method: method.toUpperCase(),
        path,
        summary: str(op.summary) ?? `${method.toUpperCase()} ${path}`,
        description: str(op.description) ?? null,
        auth,
        params,
        body,
        responses,
      };
      tags.set(tag, [...(tags.get(tag) ?? []), endpoint]);
    }
  }

  const problemSchema = rec(rec(components.schemas)?.Problem);
  const tagViews = [...tags.entries()].map(([name, endpoints]) => ({ name, id: anchorId("tag", name), endpoints }));
  return {
    title: str(info.title) ?? "API reference",
    version: str(info.version) ?? "",
    openapi: str(doc.openapi) ?? "",
    description: str(info.description) ?? null,
    tags: tagViews,
    endpointCount: tagViews.reduce((n, t) => n + t.endpoints.length, 0),
    securitySchemes: Object.entries(securitySchemes).map(([name, s]) => ({
      name,
      kind: [str(rec(s)?.type), str(rec(s)?.scheme), str(rec(s)?.bearerFormat)].filter(Boolean).join(" · "),
      description: str(rec(s)?.description) ?? null,
    })),
    problem: problemSchema ? walker.view({ $ref: "#/components/schemas/Problem" }) : null,
  };
}

/** The Client API reference as the console shows it. */
export function getApiReference(): ApiReference {
  return buildApiReference(openApiDocument());
}
