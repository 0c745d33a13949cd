"use server";

import { z } from "zod";
import { consoleAction } from "@/lib/http/console-action";
import { reconcile } from "@/lib/server/reconciliation/reconcile";

// The scheduled reconciliation runs on its own; an admin runs a pass at once after an incident
// (Cobo unreachable for a while, webhooks switched off), instead of waiting for the next run.

/** Admins run one reconciliation pass now and get its report. */
export const runReconciliationAction = consoleAction({
  name: "reconciliation.run",
  role: "admin",
  input: z.object({}).strict(),
  run: () => reconcile(),
  target: () => ({ type: "reconciliation" }),
});
