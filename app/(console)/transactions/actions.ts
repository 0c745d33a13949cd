"use server";

import { runConsoleAction } from "@/app/(console)/_lib/run-console-action";
import { cancelTransactionSpec } from "@/lib/server/console-actions/cancel.action-spec";
import { rereadTransactionSpec } from "@/lib/server/console-actions/resync.action-spec";

export async function rereadTransactionAction(input: unknown) {
  return runConsoleAction(rereadTransactionSpec, input);
}

export async function cancelTransactionAction(input: unknown) {
  return runConsoleAction(cancelTransactionSpec, input);
}
