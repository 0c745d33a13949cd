"use client";

import { SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { ConsoleUserStatus } from "@/lib/server/console/set-console-user-disabled";

/** Disable or enable one console user; errors (e.g. a refusal) are shown beside the button. */
export function ConsoleUserToggle({
  id,
  email,
  disabled,
  disableAction,
  enableAction,
}: {
  id: string;
  email: string;
  disabled: boolean;
  disableAction: ServerAction<ConsoleUserStatus>;
  enableAction: ServerAction<ConsoleUserStatus>;
}) {
  const { onSubmit, pending, error } = useActionForm(disabled ? enableAction : disableAction, () => ({ id }));
  return (
    <form onSubmit={onSubmit} className="flex items-center justify-end gap-2">
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error.message}
        </span>
      ) : null}
      <SubmitButton pending={pending} pendingLabel={disabled ? "Enabling…" : "Disabling…"} variant={disabled ? "secondary" : "danger"} size="sm">
        {disabled ? "Enable" : "Disable"}
        <span className="sr-only"> {email}</span>
      </SubmitButton>
    </form>
  );
}
