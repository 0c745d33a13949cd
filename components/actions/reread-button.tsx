"use client";

import { ActionError, SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { RereadResult } from "@/lib/server/console-actions/resync.action-spec";

function outcome(r: RereadResult): string {
  if (r.missingAtCobo) return "Cobo does not know it (yet).";
  if (r.applied) return `Updated: ${r.previousStatus} → ${r.status ?? "?"}.`;
  return `No change: Cobo says ${r.status ?? r.previousStatus}.`;
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
    <form onSubmit={onSubmit} className={`flex ${compact ? "items-center gap-2" : "flex-col items-end gap-1.5"}`}>
      {compact ? null : <ActionError error={error} />}
      <span className={`flex items-center gap-2 ${compact ? "" : "flex-row-reverse"}`}>
        <SubmitButton pending={pending} pendingLabel="Re-reading…" variant="secondary" size="sm" title={`Re-read ${subject} from Cobo`}>
          <span aria-hidden="true">↻</span>
          <span className="ml-1">Re-read from Cobo</span>
          <span className="sr-only"> ({subject})</span>
        </SubmitButton>
        {data ? (
          <span role="status" className="text-xs whitespace-nowrap text-zinc-600">
            {outcome(data)}
          </span>
        ) : null}
        {compact && error ? (
          <span role="alert" className="max-w-[14rem] truncate text-xs text-red-700" title={error.message}>
            {error.message}
          </span>
        ) : null}
      </span>
    </form>
  );
}
