import { describe, expect, it } from "vitest";
import { buildApiReference, getApiReference } from "@/lib/server/console/get-api-reference";

// The reference page walks JSON Schema by hand; these pin the parts a developer relies on:
// resolved $refs, required flags, nullable types, alternatives, and cycles that must terminate.

const doc = {
  openapi: "3.1.0",
  info: { title: "T", version: "1" },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Fee: {
        oneOf: [
          { type: "object", properties: { kind: { type: "string", enum: ["A"] }, a: { type: "string" } }, required: ["kind", "a"] },
          { type: "object", properties: { kind: { type: "string", const: "B" }, b: { type: "integer", minimum: 1 } }, required: ["kind"] },
        ],
      },
      Node: {
        type: "object",
        description: "a tree",
        properties: { name: { type: "string", maxLength: 10 }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } },
        required: ["name"],
      },
      Body: {
        type: "object",
        properties: {
          amount: { type: "string", description: "decimal", pattern: "^\\d+$" },
          memo: { type: ["string", "null"] },
          fee: { $ref: "#/components/schemas/Fee" },
          tree: { anyOf: [{ $ref: "#/components/schemas/Node" }, { type: "null" }] },
        },
        required: ["amount", "fee"],
      },
    },
  },
  paths: {
    "/x/{id}": {
      post: {
        tags: ["Things"],
        summary: "Make a thing",
        security: [{ bearer: [] }],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", description: "the id" } }],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Body" } } } },
        responses: { "201": { description: "made", content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } }, "404": { description: "no" } },
      },
      get: { tags: ["Other things"], summary: "Read", security: [], responses: { "200": { description: "ok" } } },
    },
  },
};

describe("buildApiReference", () => {
  const ref = buildApiReference(doc);
  const post = ref.tags.flatMap((t) => t.endpoints).find((e) => e.method === "POST")!;

  it("groups by tag and names method, auth and parameters", () => {
    // in the order the document first uses them (GET comes before POST within a path)
    expect(ref.tags.map((t) => t.name)).toEqual(["Other things", "Things"]);
    expect(post).toMatchObject({ path: "/x/{id}", auth: { kind: "bearer" }, params: [{ name: "id", in: "path", required: true, type: "string", description: "the id" }] });
    expect(ref.tags[0]!.endpoints[0]!.auth).toEqual({ kind: "none" });
  });

  it("resolves $refs into fields with types, required flags and constraints", () => {
    const fields = post.body!.schema.fields;
    expect(post.body!.schema.refName).toBe("Body");
    expect(fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ["amount", "string", true],
      ["memo", "string | null", false],
      ["fee", "Fee", true],
      ["tree", "Node | null", false],
    ]);
    expect(fields[0]!.constraints).toContain("pattern ^\\d+$");
    expect(fields[2]!.variants.map((v) => v.label)).toEqual(['kind = "A"', 'kind = "B"']);
    expect(fields[2]!.variants[1]!.fields.find((f) => f.name === "b")!.constraints).toEqual(["≥ 1"]);
  });

  it("stops at recursive schemas instead of looping", () => {
    const tree = post.body!.schema.fields[3]!;
    expect(tree.children.map((c) => c.name)).toEqual(["name", "children"]);
    expect(tree.children[1]!.type).toBe("array of Node");
    expect(tree.children[1]!.children).toEqual([]);
  });

  it("orders responses by status and marks errors", () => {
    expect(post.responses.map((r) => [r.status, r.isError])).toEqual([
      ["201", false],
      ["404", true],
    ]);
    expect(post.responses[0]!.schema!.fields.map((f) => f.name)).toEqual(["name", "children"]);
  });
});

describe("the Client API reference", () => {
  it("lists the vault endpoints with their request bodies", () => {
    const ref = getApiReference();
    const all = ref.tags.flatMap((t) => t.endpoints);
    expect(all.some((e) => e.path === "/api/v1/vault" && e.method === "POST")).toBe(true);
    const transfer = all.find((e) => e.path === "/api/v1/wallets/{wallet_id}/transfers")!;
    expect(transfer.params.map((p) => p.in).sort()).toEqual(["header", "path"]);
    const fee = transfer.body!.schema.fields.find((f) => f.name === "fee")!;
    expect(fee.required).toBe(true);
    expect(fee.variants.length).toBeGreaterThan(1);
    expect(ref.problem?.fields.map((f) => f.name)).toContain("requestId");
  });
});
