"use client";

import { ActionError, SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { RereadResult } from "@/lib/server/tss-requests/reread-tss-request";

function outcome(r: RereadResult): string {
  if (r.missingAtCobo) return "Cobo does not know it (yet).";
  if (r.applied) return `Updated: ${r.previousStatus} → ${r.status ?? "?"}.`;
  return `No change: Cobo says ${r.status ?? r.previousStatus}.`;
}

/** The same, short enough for a table cell (the full sentence is its tooltip). */
function shortOutcome(r: RereadResult): string {
  if (r.missingAtCobo) return "Unknown at Cobo";
  return r.applied ? `Updated → ${r.status ?? "?"}` : "No change";
}

/** "Re-read from Cobo" for one TSS request or transaction (our row id); the page refreshes after. */
export function RereadButton({
  action,
  id,
  subject,
  compact = false,
}: {
  action: ServerAction<RereadResult>;
  id: string;
  /** what is re-read, for the accessible name: "TSS request 123…" */
  subject: string;
  compact?: boolean;
}) {
  const { onSubmit, pending, data, error } = useActionForm(action, () => ({ id }));
  return (
    <form onSubmit={onSubmit} className={`flex flex-col items-end ${compact ? "gap-0.5" : "gap-1.5"}`}>
      {compact ? null : <ActionError error={error} />}
      <span className="flex flex-row-reverse items-center gap-2">
        <SubmitButton pending={pending} pendingLabel="Re-reading…" variant="secondary" size="sm" title={`Re-read ${subject} from Cobo`}>
          <span aria-hidden="true">↻</span>
          {/* one flex item, so the spaces survive; in a table row the short label keeps the table narrow */}
          <span className="ml-1">
            Re-read<span className={compact ? "sr-only" : ""}> from Cobo</span>
            <span className="sr-only"> ({subject})</span>
          </span>
        </SubmitButton>
        {data && !compact ? (
          <span role="status" className="text-xs whitespace-nowrap text-zinc-600">
            {outcome(data)}
          </span>
        ) : null}
      </span>
      {data && compact ? (
        <span role="status" title={outcome(data)} className="text-[0.6875rem] whitespace-nowrap text-zinc-500">
          {shortOutcome(data)}
        </span>
      ) : null}
      {compact && error ? (
        <span role="alert" className="max-w-[12rem] truncate text-[0.6875rem] text-red-700" title={error.message}>
          {error.message}
        </span>
      ) : null}
    </form>
  );
}
