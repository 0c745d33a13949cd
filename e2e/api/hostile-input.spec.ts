import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { newTestSigner } from "../../tests/helpers/cobo-signing";
import { E2E_SANDBOX_SIGNING_SEED, STORAGE_STATE } from "../fixtures";
import { ACTIONS, callAction } from "../helpers/server-action";

// Hostile input over HTTP against the production build: values that text columns, jsonb, dates,
// numbers and the URL decoder cannot take (NUL, unpaired UTF-16 surrogates, 40-digit amounts,
// dates past year 9999, bad percent-encoding, hostile JSON) must be refused with a 4xx and a
// problem+json body naming the field, never a 500; and what Cobo's signed webhooks and callbacks
// carry must never be stored or approved when it is unusable.
//
// First one test per reported example, then a property-based sweep (fast-check) over every
// operation of the OpenAPI document and both Cobo endpoints. The sweep is seeded so a failure
// reproduces: HOSTILE_SEED=<seed> (and HOSTILE_RUNS=<n> for more runs) re-runs it.

const SEED = Number(process.env.HOSTILE_SEED ?? 20261203);
const RUNS_PER_OPERATION = Number(process.env.HOSTILE_RUNS ?? 12);
const RUNS_COBO = Number(process.env.HOSTILE_RUNS ?? 12) * 4;

const port = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://127.0.0.1:${port}`;
const signer = newTestSigner(E2E_SANDBOX_SIGNING_SEED);
const runId = randomUUID().slice(0, 8);

// Each request comes from its own documentation-range address, so per-IP rate limits never mix
// this spec with another.
let addressCounter = 0;
const nextAddress = () => `2001:db8:${runId.slice(0, 4)}::${(++addressCounter).toString(16)}`;

type Answer = { status: number; type: string; text: string; location: string | null };

/** One request with exact control over the path bytes and the body text. */
async function send(
  method: string,
  path: string,
  opts: { token?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { "x-forwarded-for": nextAddress(), ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "content-type"))
    headers["content-type"] = "application/json";
  const controller = new AbortController();
  const res = await fetch(origin + path, { method, headers, body: opts.body, signal: controller.signal, redirect: "manual" });
  const type = res.headers.get("content-type") ?? "";
  // The event stream never ends by itself: its status and type are the answer.
  if (type.startsWith("text/event-stream")) {
    controller.abort();
    return { status: res.status, type, text: "", location: null };
  }
  return { status: res.status, type, text: await res.text(), location: res.headers.get("location") };
}

const problemOf = (a: Answer) => JSON.parse(a.text) as { status: number; code: string; errors?: { path: string; message: string }[] };

/** A 4xx problem+json whose `errors` name `path` (when given). */
function expectRefused(a: Answer, status: number | null, path?: string) {
  expect(a.status, a.text).toBeGreaterThanOrEqual(400);
  expect(a.status, a.text).toBeLessThan(500);
  if (status !== null) expect(a.status, a.text).toBe(status);
  expect(a.type).toBe("application/problem+json");
  const p = problemOf(a);
  expect(p.status).toBe(a.status);
  if (path)
    expect(
      p.errors?.map((e) => e.path),
      a.text,
    ).toContain(path);
}

async function signUp(): Promise<{ token: string; email: string }> {
  const email = `hostile-${runId}-${randomUUID().slice(0, 8)}@example.com`;
  const a = await send("POST", "/api/v1/auth/sign-up", { body: JSON.stringify({ email, password: "a long enough password" }) });
  expect(a.status, a.text).toBe(201);
  return { token: (JSON.parse(a.text) as { tokens: { access_token: string } }).tokens.access_token, email };
}

/** Cobo-signed POST to the webhook or callback endpoint. */
function sendSigned(path: "/api/webhooks/cobo" | "/api/callbacks/cobo", body: string): Promise<Answer> {
  return send("POST", path, { body, headers: signer.headers(body) });
}

const webhookEvent = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    event_id: `hostile-${runId}-${randomUUID()}`,
    type: "wallets.transaction.updated",
    created_timestamp: Date.now(),
    url: `${origin}/api/webhooks/cobo`,
    data: {
      data_type: "Transaction",
      transaction_id: randomUUID(),
      request_id: randomUUID(),
      wallet_id: randomUUID(),
      status: "Processing",
    },
    ...overrides,
  });

let adminContext: APIRequestContext | undefined;

/** How many stored webhook events an id search finds, read from the console's webhook inbox. */
async function storedEventsMatching(text: string): Promise<"none" | "some"> {
  adminContext ??= await playwrightRequest.newContext({ baseURL: origin, storageState: STORAGE_STATE.admin });
  const res = await adminContext.get(`/webhooks?q=${encodeURIComponent(text)}`);
  expect(res.status()).toBe(200);
  const html = await res.text();
  return html.includes("No events match these filters") ? "none" : "some";
}

test.afterAll(async () => {
  await adminContext?.dispose();
});

let user: { token: string; email: string };
test.beforeAll(async () => {
  user = await signUp();
});

test.describe("each reported hostile input is a 4xx problem naming the field", () => {
  test("NUL in the sign-in email", async () => {
    const a = await send("POST", "/api/v1/auth/sign-in", {
      body: JSON.stringify({ email: "a\u0000@example.com", password: "whatever password" }),
    });
    expectRefused(a, 422, "body.email");
  });

  test("an unpaired surrogate in the sign-in email", async () => {
    const a = await send("POST", "/api/v1/auth/sign-in", { body: '{"email":"a\\ud800@example.com","password":"whatever password"}' });
    expectRefused(a, 422, "body.email");
  });

  test("NUL and an unpaired surrogate in a device label", async () => {
    for (const body of [
      JSON.stringify({ tss_node_id: `node-${runId}-label`, label: "phone\u0000" }),
      `{"tss_node_id":"node-${runId}-label","label":"phone\\udc00"}`,
    ]) {
      expectRefused(await send("POST", "/api/v1/tss-nodes", { token: user.token, body }), 422, "body.label");
    }
  });

  const transfer = (over: Record<string, unknown>) =>
    JSON.stringify({
      token_id: "ETH",
      from_address: "0xfrom",
      to_address: "0xto",
      amount: "0.5",
      fee: { fee_type: "Fixed", token_id: "ETH" },
      ...over,
    });

  test("NUL in a transfer's memo and description", async () => {
    for (const [field, value] of [
      ["memo", "tag\u0000"],
      ["description", "rent\u0000"],
    ] as const) {
      const a = await send("POST", "/api/v1/wallets/w1/transfers", {
        token: user.token,
        body: transfer({ [field]: value }),
        headers: { "idempotency-key": randomUUID() },
      });
      expectRefused(a, 422, `body.${field}`);
    }
  });

  test("an unpaired surrogate in a transfer's memo", async () => {
    const body = transfer({}).replace('"amount"', '"memo":"\\ud83d","amount"');
    const a = await send("POST", "/api/v1/wallets/w1/transfers", { token: user.token, body, headers: { "idempotency-key": randomUUID() } });
    expectRefused(a, 422, "body.memo");
  });

  test("NUL in a TSS request status filter", async () => {
    expectRefused(await send("GET", "/api/v1/tss-requests?status=%00", { token: user.token }), 422, "query.status");
  });

  test("40-digit amounts (more than the amount columns hold)", async () => {
    const forty = "1".repeat(40);
    const transferAnswer = await send("POST", "/api/v1/wallets/w1/transfers", {
      token: user.token,
      body: transfer({ amount: forty }),
      headers: { "idempotency-key": randomUUID() },
    });
    expectRefused(transferAnswer, 422, "body.amount");
    const estimate = await send("POST", "/api/v1/wallets/w1/fee-estimates", {
      token: user.token,
      body: transfer({ amount: `1.${"0".repeat(31)}` }),
    });
    expectRefused(estimate, 422, "body.amount");
  });

  test("a crafted cursor holding an out-of-range date (or a non-UUID id)", async () => {
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const c of [
      cursor(["+275760-09-13T00:00:00.000Z", "00000000-0000-4000-8000-000000000000"]),
      cursor(["-271821-04-20T00:00:00.000Z", "00000000-0000-4000-8000-000000000000"]),
      cursor(["2026-01-01T00:00:00.000Z", "------------------------------------"]),
    ]) {
      expectRefused(await send("GET", `/api/v1/transactions?cursor=${c}`, { token: user.token }), 422, "query.cursor");
    }
  });

  test("an event id past PostgreSQL's bigint", async () => {
    expectRefused(await send("GET", "/api/v1/events?after=9999999999999999999", { token: user.token }), 422, "query.after");
  });

  test("NUL in a path id", async () => {
    expectRefused(await send("GET", "/api/v1/tss-requests/abc%00def", { token: user.token }), 422, "path.tss_request_id");
  });

  test("bad percent-encoding in a Client API path is a 400", async () => {
    for (const path of ["/api/v1/wallets/%E0%A4%A", "/api/v1/transactions/%", "/api/v1/%E0%A4%A"]) {
      expectRefused(await send("GET", path, { token: user.token }), 400);
    }
  });

  test("bad percent-encoding in a console page's id renders the not-found page", async () => {
    adminContext ??= await playwrightRequest.newContext({ baseURL: origin, storageState: STORAGE_STATE.admin });
    for (const path of ["/users/%E0%A4%A", "/transactions/%E0%A4%A", "/webhooks/%"]) {
      const res = await adminContext.get(path);
      expect(res.status(), path).toBe(404);
      expect(await res.text()).toContain("Nothing with this id exists");
    }
  });

  test("NUL in a console page's id or list filter is not found or no filter, never the error page", async () => {
    adminContext ??= await playwrightRequest.newContext({ baseURL: origin, storageState: STORAGE_STATE.admin });
    for (const path of ["/transactions/a%00b", "/tss-requests/a%00b"]) {
      const res = await adminContext.get(path);
      expect(res.status(), path).toBe(404);
      expect(await res.text()).toContain("Nothing with this id exists");
    }
    for (const path of [
      "/users?q=%00&status=%00",
      "/transactions?q=a%00",
      "/webhooks?q=%00",
      "/audit-log?action=%00",
      "/risk/decisions?q=%00",
    ]) {
      const res = await adminContext.get(path);
      expect(res.status(), path).toBe(200);
      expect(await res.text(), path).not.toContain("This page could not be loaded");
    }
  });

  test("a console server action refuses NUL with a field error naming the field", async () => {
    adminContext ??= await playwrightRequest.newContext({ baseURL: origin, storageState: STORAGE_STATE.admin });
    const res = await callAction(adminContext, ACTIONS.createConsoleUser, {
      email: "new\u0000@example.com",
      role: "support",
      password: "a long enough password",
    });
    expect(res.status).toBe(200);
    expect(res.result).toMatchObject({ error: { code: "invalid_input", message: "Please correct the highlighted fields." } });
    const fields = res.result && "error" in res.result ? (res.result.error.fields ?? []) : [];
    expect(fields.map((e) => e.path)).toContain("email");
  });

  test("Cobo's webhook: NUL or an unpaired surrogate in event_id or type is refused and stores nothing", async () => {
    const marker = `hostile-${runId}-fields`;
    const bodies = [
      webhookEvent({ event_id: `${marker}-nul\u0000` }),
      webhookEvent({ event_id: `${marker}-type`, type: "wallets.transaction.updated\u0000" }),
      webhookEvent({ event_id: `${marker}-surrogate` }).replace(`${marker}-surrogate`, `${marker}-surrogate\\udfff`),
      webhookEvent({ event_id: `${marker}-type-surrogate` }).replace('"type":"wallets.transaction.updated"', '"type":"\\ud800"'),
    ];
    for (const body of bodies) {
      const a = await sendSigned("/api/webhooks/cobo", body);
      expect({ status: a.status, text: a.text }).toEqual({ status: 400, text: "malformed event" });
    }
    expect(await storedEventsMatching(marker)).toBe("none");
  });

  test("Cobo's webhook: a created_timestamp that is an integer but not a date is refused and stores nothing", async () => {
    const marker = `hostile-${runId}-timestamp`;
    for (const created of [8.64e15 + 1, 1e19, 253402300800000]) {
      const a = await sendSigned("/api/webhooks/cobo", webhookEvent({ event_id: `${marker}-${created}`, created_timestamp: created }));
      expect({ status: a.status, text: a.text }).toEqual({ status: 400, text: "malformed event" });
    }
    expect(await storedEventsMatching(marker)).toBe("none");
    // The check can see a stored event: a valid one with the same marker is found.
    const ok = await sendSigned("/api/webhooks/cobo", webhookEvent({ event_id: `${marker}-valid` }));
    expect(ok.status).toBe(200);
    expect(await storedEventsMatching(marker)).toBe("some");
  });

  test("Cobo's callback: NUL in its ids is denied, never approved or a 5xx", async () => {
    const body = JSON.stringify({
      transaction_id: "t\u0000",
      request_id: `r-${runId}\u0000`,
      wallet_id: "w",
      type: "Withdrawal",
      status: "PendingAuthorization",
      chain_id: "ETH",
      token_id: "ETH",
      source: { source_type: "Org-Controlled", wallet_id: "w" },
      destination: { destination_type: "Address", account_output: { address: "0xto", amount: "1" } },
    });
    const a = await sendSigned("/api/callbacks/cobo", body);
    expect({ status: a.status, text: a.text }).toEqual({ status: 200, text: "deny" });
    expect(await callbackResults()).not.toHaveProperty("internal_error");
  });
});

/** Counts of risk-control callback answers by reason, from the Prometheus metrics. */
async function callbackResults(): Promise<Record<string, number>> {
  const text = (await send("GET", "/api/metrics")).text;
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^ucw_webhooks_total\{([^}]*)\} (\d+)/gm)) {
    const labels = m[1] ?? "";
    if (!labels.includes('type="risk_callback"')) continue;
    const result = /result="([^"]*)"/.exec(labels)?.[1] ?? "";
    counts[result] = Number(m[2]);
  }
  return counts;
}

// ── Property-based sweep ─────────────────────────────────────────────────────────────────────

type JsonSchema = {
  $ref?: string;
  type?: string;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
};
type Parameter = { in: "path" | "query" | "header"; name: string; required?: boolean; schema: JsonSchema };
type Operation = { method: string; path: string; parameters: Parameter[]; body?: JsonSchema; bearer: boolean };
type OpenApi = {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> }; security?: unknown[] }>
  >;
  components: { schemas: Record<string, JsonSchema> };
};

function operationsOf(doc: OpenApi): Operation[] {
  const resolve = (s: JsonSchema): JsonSchema => (s.$ref ? resolve(doc.components.schemas[s.$ref.split("/").pop() ?? ""] ?? {}) : s);
  const deep = (s: JsonSchema): JsonSchema => {
    const r = resolve(s);
    return {
      ...r,
      ...(r.properties ? { properties: Object.fromEntries(Object.entries(r.properties).map(([k, v]) => [k, deep(v)])) } : {}),
      ...(r.items ? { items: deep(r.items) } : {}),
      ...(r.oneOf ? { oneOf: r.oneOf.map(deep) } : {}),
      ...(r.anyOf ? { anyOf: r.anyOf.map(deep) } : {}),
      ...(r.allOf ? { allOf: r.allOf.map(deep) } : {}),
    };
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: (op.parameters ?? []).map((p) => ({ ...p, schema: deep(p.schema) })),
      body: op.requestBody ? deep(op.requestBody.content["application/json"]?.schema ?? {}) : undefined,
      bearer: (op.security ?? []).length > 0,
    })),
  );
}

/** A pattern as the server applies it (with or without the u flag; a value must fail both to count as invalid). */
function patternAccepts(pattern: string, value: string): boolean {
  for (const flags of ["", "u"]) {
    try {
      if (new RegExp(pattern, flags).test(value)) return true;
    } catch {
      // not valid under these flags
    }
  }
  return false;
}

/** Known-good values by field name; anything else is derived from the schema. */
function sampleFor(name: string, schema: JsonSchema, ctx: { nodeId: string }): unknown {
  const byName: Record<string, unknown> = {
    email: `nobody-${randomUUID().slice(0, 8)}@example.com`,
    password: "a long enough password",
    refresh_token: `rt-${randomUUID()}`,
    tss_node_id: ctx.nodeId,
    tss_node_ids: [ctx.nodeId],
    recovery_group_id: randomUUID(),
    token_id: "ETH",
    chain_id: "ETH",
    from_address: "0xfrom",
    to_address: "0xto",
    amount: "0.5",
    name: "hostile wallet",
    wallet_id: "w1",
    transaction_id: "tx1",
    tss_request_id: randomUUID(),
    "idempotency-key": randomUUID(),
    label: "phone",
    message: "ok",
    memo: "tag",
    description: "note",
  };
  if (name in byName) return byName[name];
  return sampleOf(schema, ctx);
}

function sampleOf(schema: JsonSchema, ctx: { nodeId: string }): unknown {
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants && variants.length > 0) return sampleOf(variants[0] as JsonSchema, ctx);
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sampleFor(key, schema.properties?.[key] ?? {}, ctx);
      return out;
    }
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sampleOf(schema.items ?? {}, ctx));
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    default: {
      if (schema.format === "uuid") return randomUUID();
      const candidates = ["0.5", "1", "ETH", "abcdefgh_12345678", "Completed", "hostile"];
      return candidates.find((c) => !schemaViolation(schema, c)) ?? "x";
    }
  }
}

/** Whether `value` breaks what `schema` declares (type, enum, length, pattern, range) and so must be refused. */
function schemaViolation(schema: JsonSchema, value: unknown, fromQuery = false): boolean {
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return variants.every((v) => schemaViolation(v, value, fromQuery));
  if (schema.enum) return !schema.enum.includes(value);
  switch (schema.type) {
    case "string": {
      if (typeof value !== "string") return true;
      if (schema.maxLength !== undefined && value.length > schema.maxLength) return true;
      if (schema.minLength !== undefined && value.length < schema.minLength) return true;
      if (schema.pattern !== undefined && !patternAccepts(schema.pattern, value)) return true;
      return false;
    }
    case "integer":
    case "number": {
      const n = fromQuery && typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof n !== "number" || !Number.isFinite(n)) return true;
      if (schema.type === "integer" && !Number.isInteger(n)) return true;
      return (schema.minimum !== undefined && n < schema.minimum) || (schema.maximum !== undefined && n > schema.maximum);
    }
    case "boolean":
      return typeof value !== "boolean";
    case "array":
      return (
        !Array.isArray(value) ||
        (schema.maxItems !== undefined && value.length > schema.maxItems) ||
        (schema.minItems !== undefined && value.length < schema.minItems)
      );
    case "object":
      return value === null || typeof value !== "object" || Array.isArray(value);
    default:
      return false;
  }
}

/** The text with each unpaired surrogate replaced by U+FFFD: what a client's UTF-8 encoding sends. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

const hasNulOrLoneSurrogate = (value: unknown): boolean => {
  const text = JSON.stringify(value) ?? "";
  return /\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i.test(text);
};

// Hostile values. Strings are built so that NUL and surrogates sit at random places.
const fillerText = fc.string({ maxLength: 12 });
const withNul = fc.tuple(fillerText, fillerText).map(([a, b]) => `${a}\u0000${b}`);
const withLoneSurrogate = fc
  .tuple(fillerText, fc.integer({ min: 0xd800, max: 0xdfff }), fillerText)
  .map(([a, code, b]) => `${a}${String.fromCharCode(code)}${b}`);
const oddUnicode = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "\u202e\u200f\u200d",
    "\ufeffBOM",
    "e\u0301\u0301\u0301",
    "😀👩‍👩‍👧",
    "\uffff\ufffe",
    "\u2028\u2029",
    "𝕏".repeat(50),
    "ß".repeat(300),
  ),
);
const hugeDigits = fc.integer({ min: 36, max: 80 }).map((n) => `9${"9".repeat(n - 1)}`);
const longFraction = fc.integer({ min: 31, max: 80 }).map((n) => `0.${"1".repeat(n)}`);
const overlong = fc.integer({ min: 300, max: 5000 }).map((n) => "x".repeat(n));
const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 64, -(2 ** 63) - 1, Number.MAX_SAFE_INTEGER + 2, 0.1, -1, 1e-300);
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);
const nested = fc.integer({ min: 33, max: 400 }).map((depth) => {
  let v: unknown = "leaf";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
  return v;
});

const hostileValue = fc.oneof(withNul, withLoneSurrogate, oddUnicode, hugeDigits, longFraction, overlong, hugeNumber, wrongType, nested);

/** Whole-body hostility: [raw text, content-type]; every one must be refused where a body is parsed. */
const hostileBody = fc.oneof(
  fc.integer({ min: 1000, max: 30_000 }).map((d) => ["[".repeat(d) + "]".repeat(d), "application/json"] as const),
  fc.integer({ min: 21_000, max: 40_000 }).map((n) => [`[${new Array(n).fill(0).join(",")}]`, "application/json"] as const),
  fc.constant([`{"pad":"${"x".repeat(70 * 1024)}"}`, "application/json"] as const),
  fc.constantFrom(
    ["1e400", "application/json"],
    ['{"a":1e400}', "application/json"],
    ["{", "application/json"],
    ['"text"', "application/json"],
    ["[]", "application/json"],
    ["null", "application/json"],
    ["\u0000", "application/json"],
    ['{"a":1}', "text/plain"],
  ),
);

// Path segments sent as raw bytes: bad escapes, encoded NUL and encoded lone surrogates, slashes.
const hostileSegment = fc.oneof(
  fc.constantFrom("%E0%A4%A", "%", "%zz", "%ED%A0%80", "%C0%AF", "%FF", "a%00b", "%F0%9F%98", "..", "%2e%2e", "%2F"),
  hostileValue.filter((v) => typeof v === "string").map((v) => encodeURIComponent(wellFormed(v as string)).slice(0, 3000)),
);

type Mutation =
  | { where: "param"; name: string; value: unknown }
  | { where: "stray-query"; name: string; value: unknown }
  | { where: "token"; token: string }
  | { where: "segment"; name: string; raw: string }
  | { where: "body-field"; path: string[]; value: unknown }
  | { where: "body"; raw: string; type: string };

function setAt(target: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const obj = target !== null && typeof target === "object" && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  obj[head] = setAt(obj[head], rest, value);
  return obj;
}

function fieldPaths(schema: JsonSchema | undefined, prefix: string[] = []): { path: string[]; schema: JsonSchema }[] {
  if (!schema) return [];
  const variant = (schema.oneOf ?? schema.anyOf)?.[0];
  if (variant) return fieldPaths(variant, prefix);
  if (schema.type !== "object" || !schema.properties) return [];
  return Object.entries(schema.properties).flatMap(([k, s]) => [{ path: [...prefix, k], schema: s }, ...fieldPaths(s, [...prefix, k])]);
}

function mutationsFor(op: Operation): fc.Arbitrary<Mutation> {
  const options: fc.Arbitrary<Mutation>[] = [];
  for (const p of op.parameters.filter((x) => x.in !== "header")) {
    options.push(hostileValue.map((value) => ({ where: "param" as const, name: p.name, value })));
    if (p.in === "path") options.push(hostileSegment.map((raw) => ({ where: "segment" as const, name: p.name, raw })));
  }
  const fields = fieldPaths(op.body);
  if (fields.length > 0)
    options.push(
      fc.tuple(fc.constantFrom(...fields), hostileValue).map(([f, value]) => ({ where: "body-field" as const, path: f.path, value })),
    );
  // a query parameter the operation does not declare (ignored, never a 5xx)
  options.push(
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 20 }), hostileValue)
      .map(([name, value]) => ({ where: "stray-query" as const, name, value })),
  );
  // a hostile bearer token (header-safe text: forged, overlong, malformed JWTs)
  if (op.bearer) {
    const tokenText = fc.oneof(
      fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 200 }),
      fc.integer({ min: 1000, max: 16_000 }).map((n) => "e".repeat(n)),
      fc.constantFrom("a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "..", "Bearer"),
    );
    options.push(tokenText.map((token) => ({ where: "token" as const, token: token.replace(/[^\x21-\x7e]/g, "_") })));
  }
  // (a GET carries no body; elsewhere a hostile body is sent even where none is expected)
  if (op.method !== "GET") options.push(hostileBody.map(([raw, type]) => ({ where: "body" as const, raw, type })));
  return fc.oneof(...options);
}

/** Percent-encodes a value for a path segment or query (unpaired surrogates travel as U+FFFD, as any client would send them). */
const encode = (v: unknown) => encodeURIComponent(wellFormed(typeof v === "string" ? v : (JSON.stringify(v) ?? "")));

function build(
  op: Operation,
  m: Mutation,
  ctx: { nodeId: string },
): { url: string; body?: string; type?: string; headers: Record<string, string>; mustRefuse: boolean } {
  let url = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  let mustRefuse = false;
  for (const p of op.parameters) {
    const mutated = m.where === "param" && m.name === p.name;
    const value = mutated ? (m as { value: unknown }).value : sampleFor(p.name, p.schema, ctx);
    if (mutated) {
      const wire = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
      // What arrives is the well-formed text; NUL survives percent-encoding, an unpaired surrogate does not.
      const arrives = wellFormed(wire);
      mustRefuse = arrives.includes("\u0000") || schemaViolation(p.schema, arrives, true);
    }
    if (p.in === "path") {
      const segment = m.where === "segment" && m.name === p.name ? m.raw : encode(value);
      url = url.replace(`{${p.name}}`, segment);
    } else if (p.in === "query") query.set(p.name, typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
    else if (p.in === "header") headers[p.name] = String(value);
  }
  if (m.where === "segment") {
    // A segment that does not decode must be refused; one that does is checked like a value.
    let decoded: string | null;
    try {
      decoded = decodeURIComponent(m.raw);
    } catch {
      decoded = null;
    }
    const schema = op.parameters.find((p) => p.name === m.name)?.schema ?? {};
    mustRefuse = decoded === null || decoded.includes("\u0000") || schemaViolation(schema, decoded);
  }
  if (m.where === "stray-query" && !op.parameters.some((p) => p.name === m.name))
    query.set(m.name, typeof m.value === "string" ? m.value : (JSON.stringify(m.value) ?? ""));
  if (m.where === "token") mustRefuse = true;
  const qs = query.toString();
  if (qs) url += `?${qs}`;
  if (m.where === "body") return { url, body: m.raw, type: m.type, headers, mustRefuse: op.body !== undefined };
  if (!op.body) return { url, headers, mustRefuse };
  let body = sampleOf(op.body, ctx);
  if (m.where === "body-field") {
    body = setAt(body, m.path, m.value);
    const field = fieldPaths(op.body).find((f) => f.path.join(".") === m.path.join("."));
    mustRefuse = hasNulOrLoneSurrogate(m.value) || (field !== undefined && schemaViolation(field.schema, m.value));
    if (m.value !== null && typeof m.value === "object" && JSON.stringify(m.value).length > 200) mustRefuse = true;
  }
  return { url, body: JSON.stringify(body), headers, mustRefuse };
}

test.describe("property: hostile values at every operation", () => {
  test.setTimeout(240_000);

  test(`every operation of the OpenAPI document answers a 4xx problem, never a 5xx (seed ${SEED})`, async () => {
    const doc = JSON.parse((await send("GET", "/api/v1/openapi.json")).text) as OpenApi;
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(20);
    // A registered node, a vault, and a second session for sign-out (which revokes its own).
    const nodeId = `node_${runId}_hostile`;
    expect((await send("POST", "/api/v1/tss-nodes", { token: user.token, body: JSON.stringify({ tss_node_id: nodeId }) })).status).toBe(
      201,
    );
    expect([200, 201]).toContain((await send("POST", "/api/v1/vault", { token: user.token })).status);
    const signOutSession = await signUp();
    const ctx = { nodeId };

    for (const [index, op] of ops.entries()) {
      const sessionToken = op.path === "/api/v1/auth/sign-out" ? signOutSession.token : user.token;
      await fc.assert(
        fc.asyncProperty(mutationsFor(op), async (mutation) => {
          const r = build(op, mutation, ctx);
          const token = mutation.where === "token" ? mutation.token : sessionToken;
          const request = {
            token: op.bearer ? token : undefined,
            body: r.body,
            headers: { ...r.headers, ...(r.type ? { "content-type": r.type } : {}) },
          };
          let answer = await send(op.method, r.url, request);
          // Next.js normalises some paths itself, before any of our code runs: an empty segment ("//")
          // or a dot segment ("%2e%2e") gets a 308 to the normalised path (our code never answers
          // 308). What the client reaches there is the answer.
          if (answer.status === 308) {
            const target = new URL(answer.location ?? "", origin);
            expect(target.origin, `308 for ${r.url}`).toBe(origin);
            answer = await send(op.method, target.pathname + target.search, request);
          }
          const seen = `${op.method} ${r.url.slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 300)}`;
          expect(answer.status, seen).toBeLessThan(500);
          if (answer.status >= 400) expect(answer.type, seen).toBe("application/problem+json");
          if (r.mustRefuse) expect(answer.status, `must be refused: ${seen}`).toBeGreaterThanOrEqual(400);
        }),
        { seed: SEED + index, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    }
  });

  test(`Cobo's webhook: signed hostile events are refused and stored nowhere (seed ${SEED})`, async () => {
    const marker = `hostile-${runId}-sweep`;
    let refused = 0;
    const fields = ["event_id", "type", "created_timestamp", "data", "data.data_type", "data.transaction_id", "data.status", "extra"];
    const notADate = fc.integer({ min: 253402300800000, max: Number.MAX_SAFE_INTEGER });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.oneof(hostileValue, notADate), async (field, value) => {
        // Events that must be refused carry ids starting "<marker>-refused", the others "<marker>-accepts"
        // (same length), so the inbox search afterwards looks at exactly the refused ones.
        const eventWith = (kind: "refused" | "accepts") => {
          const eventId = `${marker}-${kind}-${randomUUID().slice(0, 8)}`;
          const event = JSON.parse(webhookEvent({ event_id: eventId })) as Record<string, unknown>;
          const v = field === "event_id" ? `${eventId}${typeof value === "string" ? value : JSON.stringify(value)}` : value;
          return setAt(event, field.split("."), v) as Record<string, unknown>;
        };
        const candidate = eventWith("refused");
        const created = candidate.created_timestamp;
        const data = candidate.data;
        const dataType =
          data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>).data_type : undefined;
        const mustRefuse =
          hasNulOrLoneSurrogate(candidate) ||
          typeof candidate.event_id !== "string" ||
          candidate.event_id.length > 128 ||
          typeof candidate.type !== "string" ||
          candidate.type.length === 0 ||
          candidate.type.length > 128 ||
          !(
            created === undefined ||
            (typeof created === "number" && Number.isInteger(created) && created >= 0 && created <= 253402300799999)
          ) ||
          typeof dataType !== "string" ||
          dataType.length > 64;
        const event = mustRefuse ? candidate : eventWith("accepts");
        const answer = await sendSigned("/api/webhooks/cobo", JSON.stringify(event));
        const seen = `${field}=${JSON.stringify(value)?.slice(0, 120)} → ${answer.status} ${answer.text}`;
        expect(answer.status, seen).toBeLessThan(500);
        if (mustRefuse) {
          expect({ status: answer.status, text: answer.text }, seen).toEqual({ status: 400, text: "malformed event" });
          refused++;
        }
      }),
      { seed: SEED, numRuns: RUNS_COBO, endOnFailure: true },
    );
    expect(refused).toBeGreaterThan(0);
    expect(await storedEventsMatching(`${marker}-refused`)).toBe("none");
  });

  test(`Cobo's callback: signed hostile bodies are denied, never approved, never an internal error (seed ${SEED})`, async () => {
    const before = await callbackResults();
    const base = {
      transaction_id: randomUUID(),
      request_id: `hostile-${runId}-cb`,
      wallet_id: randomUUID(),
      type: "Withdrawal",
      status: "PendingAuthorization",
      chain_id: "ETH",
      token_id: "ETH",
      source: { source_type: "Org-Controlled", wallet_id: randomUUID(), address: "0xfrom" },
      destination: { destination_type: "Address", account_output: { address: "0xto", amount: "1", memo: null } },
    };
    const fields = [
      "transaction_id",
      "request_id",
      "wallet_id",
      "type",
      "status",
      "chain_id",
      "token_id",
      "source",
      "source.address",
      "destination.account_output.amount",
      "destination.account_output.address",
      "destination",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.oneof(hostileValue, fc.constantFrom("1".repeat(41), `0.${"1".repeat(41)}`)),
        async (field, value) => {
          const body = JSON.stringify(setAt(base, field.split("."), value));
          const answer = await sendSigned("/api/callbacks/cobo", body);
          expect({ status: answer.status, text: answer.text }, `${field}=${JSON.stringify(value)?.slice(0, 120)}`).toEqual({
            status: 200,
            text: "deny",
          });
        },
      ),
      { seed: SEED, numRuns: RUNS_COBO, endOnFailure: true },
    );
    const after = await callbackResults();
    // Every one was decided and recorded as a deny; none failed inside.
    expect(after.internal_error ?? 0).toBe(before.internal_error ?? 0);
  });
});
