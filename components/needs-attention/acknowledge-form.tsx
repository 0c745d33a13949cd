"use client";

import { useState } from "react";
import { ActionError, ReasonField, SubmitButton } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";

/** "Acknowledge" for one queue item: opens a reason field; the item leaves the queue once recorded. */
export function AcknowledgeForm<T>({
  action,
  kind,
  subjectId,
  subject,
}: {
  action: ServerAction<T>;
  kind: string;
  subjectId: string;
  subject: string;
}) {
  const [open, setOpen] = useState(false);
  const { onSubmit, pending, error, fieldError } = useActionForm(action, (form) => ({
    kind,
    subjectId,
    reason: textField(form, "reason"),
  }));
  const reasonError = fieldError("reason");
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="inline-flex h-7 shrink-0 items-center rounded-md border border-zinc-300 bg-white px-2 text-xs font-medium whitespace-nowrap text-zinc-700 shadow-xs hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        Acknowledge<span className="sr-only"> {subject}</span>
      </button>
    );
  }
  return (
    <form onSubmit={onSubmit} aria-label={`Acknowledge ${subject}`} className="flex w-56 flex-col items-stretch gap-1" noValidate>
      <ReasonField label="Why is it handled?" error={reasonError} placeholder="e.g. user asked to wait" autoFocus />
      <ActionError error={error} />
      <span className="flex justify-end gap-1.5">
        <button type="button" onClick={() => setOpen(false)} className="h-7 px-2 text-xs text-zinc-600 hover:text-zinc-900">
          Cancel
        </button>
        <SubmitButton pending={pending} pendingLabel="Saving…" size="sm">
          Acknowledge
        </SubmitButton>
      </span>
    </form>
  );
}
