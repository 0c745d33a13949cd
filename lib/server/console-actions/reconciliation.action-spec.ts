import "server-only";
import { z } from "zod";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import { reconcile, type ReconcileReport } from "@/lib/server/reconciliation/reconcile";

// The scheduled reconciliation runs on its own; an admin runs a pass at once after an incident
// (Cobo unreachable for a while, webhooks switched off), instead of waiting for the next run.

export const runReconciliationInput = z.object({}).strict();

/** Admins run one reconciliation pass now and get its report. */
export const runReconciliationSpec: ActionSpec<z.output<typeof runReconciliationInput>, ReconcileReport> = {
  name: "reconciliation.run",
  role: "admin",
  input: runReconciliationInput,
  target: () => ({ type: "reconciliation" }),
  run: () => reconcile(),
};
