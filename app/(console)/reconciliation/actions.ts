"use server";

import { runConsoleAction } from "@/app/(console)/_lib/run-console-action";
import { runReconciliationSpec } from "@/lib/server/console-actions/reconciliation.action-spec";

export async function runReconciliationAction(input: unknown) {
  return runConsoleAction(runReconciliationSpec, input);
}
