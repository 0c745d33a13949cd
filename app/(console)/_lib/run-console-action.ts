import "server-only";
import { refresh } from "next/cache";
import { headers } from "next/headers";
import { requestIdFrom, withRequestContext } from "@/lib/log/context";
import { consoleAction } from "@/lib/server/actions/console-action";
import type { ActionResult, ActionSpec } from "@/lib/server/actions/run-action";

// The framework end of the console's action client. Every server action in app/(console) is one
// line calling this: the signed-in user (consoleAction), role check, parsing and audit (runAction),
// then, only when something changed, a refresh, so the page the form sits on re-renders with the
// new state in the same round trip.

/** Runs `spec` for the signed-in console user and refreshes the current page on success. */
export async function runConsoleAction<I, O>(spec: ActionSpec<I, O>, input: unknown): Promise<ActionResult<O>> {
  // Log lines of the action carry the request id the proxy gave this POST.
  const requestId = requestIdFrom((await headers()).get("x-request-id"));
  const result = await withRequestContext({ requestId }, () => consoleAction(spec)(input));
  if ("data" in result) refresh();
  return result;
}
