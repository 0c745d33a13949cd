"use client";

import { ActionError, ActionSuccess, SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import { formatCount } from "@/components/ui/format";
import type { ReconcileReport } from "@/lib/server/reconciliation/reconcile";

const REPORT_ROWS: { key: keyof ReconcileReport; label: string }[] = [
  { key: "inbox", label: "Inbox events applied" },
  { key: "tssRequests", label: "TSS requests re-read" },
  { key: "transactions", label: "Transactions re-read" },
  { key: "resubmitted", label: "Transfers resubmitted" },
  { key: "pulledEvents", label: "Events pulled from Cobo" },
  { key: "failedCallbacks", label: "Failed callback messages at Cobo" },
  { key: "drifts", label: "Drift healed" },
  { key: "errors", label: "Steps failed" },
];

/** Runs one reconciliation pass now and shows what it did. */
export function RunReconciliationForm({ action }: { action: ServerAction<ReconcileReport> }) {
  const { onSubmit, pending, data, error } = useActionForm(action, () => ({}));
  return (
    <form onSubmit={onSubmit} aria-label="Run reconciliation" className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Reconciling…">
          Run reconciliation now
        </SubmitButton>
        <p className="text-xs text-zinc-500">
          Applies stuck inbox events, re-reads open TSS requests and transactions that are due, resubmits unanswered transfers and pulls
          events Cobo sent that never arrived.
        </p>
      </div>
      <ActionError error={error} />
      {data ? (
        <ActionSuccess>
          <p className="font-medium">Reconciliation finished{data.errors > 0 ? " with errors (see the server log)" : ""}.</p>
          <dl aria-label="Reconciliation report" className="mt-1.5 grid grid-cols-2 gap-x-6 gap-y-1 text-xs sm:grid-cols-4 xl:grid-cols-7">
            {REPORT_ROWS.map((r) => (
              <div key={r.key}>
                <dt className="text-emerald-800">{r.label}</dt>
                <dd className={`text-base font-semibold tabular-nums ${r.key === "errors" && data.errors > 0 ? "text-red-700" : ""}`}>
                  {formatCount(data[r.key])}
                </dd>
              </div>
            ))}
          </dl>
        </ActionSuccess>
      ) : null}
    </form>
  );
}
