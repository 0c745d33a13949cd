"use client";

import { useState } from "react";
import { SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";

/** Deletes one row after a second click ("Delete" → "Confirm"), so a stray click changes nothing. */
export function DeleteButton<T>({ action, id, subject }: { action: ServerAction<T>; id: string; subject: string }) {
  const [confirming, setConfirming] = useState(false);
  const { onSubmit, pending, error } = useActionForm(action, () => ({ id }));
  return (
    <form onSubmit={onSubmit} className="flex items-center justify-end gap-1.5">
      {error ? (
        <span role="alert" className="max-w-[14rem] truncate text-xs text-red-700" title={error.message}>
          {error.message}
        </span>
      ) : null}
      {confirming ? (
        <>
          <button
            type="button"
            onClick={() => setConfirming(false)}
            className="h-7 rounded-md px-2 text-xs font-medium text-zinc-600 hover:bg-zinc-100"
          >
            Cancel
          </button>
          <SubmitButton pending={pending} pendingLabel="Deleting…" variant="danger" size="sm">
            Confirm delete<span className="sr-only"> {subject}</span>
          </SubmitButton>
        </>
      ) : (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="h-7 rounded-md border border-zinc-300 bg-white px-2 text-xs font-medium text-zinc-700 shadow-xs hover:bg-zinc-50"
        >
          Delete<span className="sr-only"> {subject}</span>
        </button>
      )}
    </form>
  );
}
