"use server";

import { runConsoleAction } from "@/app/(console)/_lib/run-console-action";
import { cancelTssRequestSpec } from "@/lib/server/console-actions/cancel.action-spec";
import { rereadTssRequestSpec } from "@/lib/server/console-actions/resync.action-spec";

export async function rereadTssRequestAction(input: unknown) {
  return runConsoleAction(rereadTssRequestSpec, input);
}

export async function cancelTssRequestAction(input: unknown) {
  return runConsoleAction(cancelTssRequestSpec, input);
}
