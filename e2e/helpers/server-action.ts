import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import type { ActionResult } from "../../components/actions/action-result";
import { E2E_ORIGIN, HttpClient } from "../http-client";

// Calling the console's server actions over HTTP, as the console's pages do: a POST to the page
// with the `next-action` header naming the action and the arguments as JSON text, answered in
// React's Flight format. The api specs use it to reach exactly what a signed-in browser reaches
// (the console has no JSON API of its own), with full control of the headers (Origin, cookies).

/** The console's server actions, by page (the file that declares them). */
export const ACTIONS = {
  createConsoleUser: { page: "/settings", file: "app/(console)/settings/actions.ts", name: "createConsoleUserAction" },
  signOutEverywhere: { page: "/settings", file: "app/(console)/settings/actions.ts", name: "signOutEverywhereAction" },
  createAddressRule: { page: "/risk", file: "app/(console)/risk/actions.ts", name: "createAddressRuleAction" },
  deleteAddressRule: { page: "/risk", file: "app/(console)/risk/actions.ts", name: "deleteAddressRuleAction" },
  createRiskLimit: { page: "/risk", file: "app/(console)/risk/actions.ts", name: "createRiskLimitAction" },
  deleteRiskLimit: { page: "/risk", file: "app/(console)/risk/actions.ts", name: "deleteRiskLimitAction" },
  checkCallbackLink: { page: "/settings", file: "app/(console)/risk/actions.ts", name: "checkCallbackLinkAction" },
} as const;

export type ActionRef = { page: string; file: string; name: string };

/** The id Next.js gave a server action in this build. */
export function serverActionId(action: Pick<ActionRef, "file" | "name">): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === action.name && v.filename === action.file);
  if (!entry) throw new Error(`no server action ${action.name} in ${action.file}`);
  return entry[0];
}

export type ActionAnswer<T> = {
  status: number;
  text: string;
  /** the action's answer, when the server ran it and answered in Flight */
  result: ActionResult<T> | undefined;
};

/** Headers of a fetch action as the console's pages send it (the browser adds Origin). */
export function actionHeaders(action: Pick<ActionRef, "file" | "name">, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "next-action": serverActionId(action),
    "content-type": "text/plain;charset=UTF-8",
    accept: "text/x-component",
    origin: E2E_ORIGIN,
    ...extra,
  };
}

/**
 * Calls `action` with `input` through `client` (a Playwright request context with a signed-in
 * storage state, or an HttpClient with its own cookies). `headers` override the defaults: pass
 * `{ origin: "" }` style values to change them, or `omit` to leave one out (e.g. "origin").
 */
export async function callAction<T = unknown>(
  client: APIRequestContext | HttpClient,
  action: ActionRef,
  input: unknown,
  opts: { headers?: Record<string, string>; omit?: string[] } = {},
): Promise<ActionAnswer<T>> {
  const headers = actionHeaders(action, opts.headers);
  for (const name of opts.omit ?? []) delete headers[name];
  const body = JSON.stringify([input]);
  let status: number;
  let text: string;
  if (client instanceof HttpClient) {
    const res = await client.send("POST", action.page, { body, headers });
    status = res.status;
    text = res.text;
  } else {
    const res = await client.post(action.page, { headers, data: body });
    status = res.status();
    text = await res.text();
  }
  return { status, text, result: status === 200 ? decodeActionResult<T>(text) : undefined };
}

/**
 * The action's answer in a Flight response: row 0 names it ("a": "$@<row>"), and that row holds
 * it as JSON, with React's escapes for strings that start with "$" and for undefined.
 */
export function decodeActionResult<T>(flight: string): ActionResult<T> | undefined {
  const rows = new Map<string, string>();
  for (const line of flight.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  const root = rows.get("0");
  if (!root) return undefined;
  const ref = (JSON.parse(root) as { a?: unknown }).a;
  if (typeof ref !== "string" || !ref.startsWith("$@")) return undefined;
  const row = rows.get(ref.slice(2));
  if (row === undefined) return undefined;
  const revive = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (value === "$undefined") return undefined;
      if (value.startsWith("$$")) return value.slice(1);
      return value;
    }
    if (Array.isArray(value)) return value.map(revive);
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const r = revive(v);
        if (r !== undefined) out[k] = r;
      }
      return out;
    }
    return value;
  };
  return revive(JSON.parse(row)) as ActionResult<T>;
}

/** The result's data, or a thrown error naming what the action answered instead. */
export function actionData<T>(answer: ActionAnswer<T>): T {
  if (!answer.result || !("data" in answer.result)) throw new Error(`expected data, got ${answer.status}: ${answer.text.slice(0, 300)}`);
  return answer.result.data;
}
