"use server";

import { runConsoleAction } from "@/app/(console)/_lib/run-console-action";
import { rereadTssRequestSpec } from "@/lib/server/console-actions/resync.action-spec";

export async function rereadTssRequestAction(input: unknown) {
  return runConsoleAction(rereadTssRequestSpec, input);
}
