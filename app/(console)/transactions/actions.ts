"use server";

import { runConsoleAction } from "@/app/(console)/_lib/run-console-action";
import { rereadTransactionSpec } from "@/lib/server/console-actions/resync.action-spec";

export async function rereadTransactionAction(input: unknown) {
  return runConsoleAction(rereadTransactionSpec, input);
}
