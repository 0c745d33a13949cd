"use client";

import { useId } from "react";
import { ActionError, SubmitButton, inputClass } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";

/** "Cancel at Cobo" for one pending TSS request or transaction (our row id), with the reason the audit log keeps. */
export function CancelAtCoboForm<T>({
  action,
  id,
  subject,
  description,
}: {
  action: ServerAction<T>;
  id: string;
  /** what is cancelled, for labels: "TSS request", "transfer" */
  subject: string;
  description: string;
}) {
  const { onSubmit, pending, data, error, fieldError } = useActionForm(action, (form) => ({ id, reason: textField(form, "reason") }));
  const inputId = useId();
  const reasonError = fieldError("reason");
  return (
    <form onSubmit={onSubmit} aria-label={`Cancel ${subject}`} className="flex flex-col gap-1.5">
      <p className="text-xs text-zinc-600">{description}</p>
      <label htmlFor={inputId} className="text-xs font-medium text-zinc-700">
        Reason for cancelling
      </label>
      <span className="flex flex-wrap items-center gap-2">
        <input
          id={inputId}
          name="reason"
          required
          minLength={3}
          maxLength={500}
          aria-invalid={reasonError ? true : undefined}
          placeholder="e.g. started for the wrong device"
          className={`${inputClass} max-w-sm`}
        />
        <SubmitButton pending={pending} pendingLabel="Cancelling…" variant="danger" size="sm" title={`Ask Cobo to cancel this ${subject}`}>
          Cancel {subject}
        </SubmitButton>
      </span>
      {reasonError ? <p className="text-xs text-red-700">{reasonError}</p> : null}
      <ActionError error={error} />
      {data ? (
        <p role="status" className="text-xs text-zinc-600">
          Cancelled at Cobo.
        </p>
      ) : null}
    </form>
  );
}
