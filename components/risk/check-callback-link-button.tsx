"use client";

import { ActionError, SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";

/** "Check now": asks Cobo which callback is linked to our API key; the page refreshes with the result. */
export function CheckCallbackLinkButton({ action }: { action: ServerAction<{ status: string; detail: string }> }) {
  const { onSubmit, pending, data, error } = useActionForm(action, () => ({}));
  return (
    <form onSubmit={onSubmit} className="flex flex-col items-end gap-1">
      <SubmitButton pending={pending} pendingLabel="Checking…" variant="secondary" size="sm">
        Check now
      </SubmitButton>
      {data ? (
        <span role="status" className="text-xs text-zinc-600">
          Checked: {data.status.replace("_", " ")}
        </span>
      ) : null}
      <ActionError error={error} />
    </form>
  );
}
