"use client";

import { useId } from "react";
import { SubmitButton, inputClass } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { AppUserStatus } from "@/lib/server/risk/set-app-user-status";

/**
 * Pause (no key changes, no transfers, withdrawals denied at the risk-control callback; a reason is
 * required and kept) or unpause an app user.
 */
export function UserStatusForm({
  userId,
  status,
  pauseAction,
  unpauseAction,
}: {
  userId: string;
  status: string;
  pauseAction: ServerAction<AppUserStatus>;
  unpauseAction: ServerAction<AppUserStatus>;
}) {
  const paused = status === "paused";
  const { onSubmit, pending, error, fieldError } = useActionForm(paused ? unpauseAction : pauseAction, (form) =>
    paused ? { userId } : { userId, reason: textField(form, "reason") },
  );
  const reasonId = useId();
  const reasonError = fieldError("reason");
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center justify-end gap-2">
      {error && !reasonError ? (
        <span role="alert" className="text-xs text-red-700">
          {error.message}
        </span>
      ) : null}
      {paused ? null : (
        <>
          <label htmlFor={reasonId} className="sr-only">
            Reason for pausing
          </label>
          <input
            id={reasonId}
            name="reason"
            required
            minLength={3}
            maxLength={500}
            placeholder="Reason for pausing"
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${reasonId}-error` : undefined}
            className={`${inputClass} h-7 w-56 text-xs`}
          />
          {reasonError ? (
            <span id={`${reasonId}-error`} role="alert" className="text-xs text-red-700">
              {reasonError}
            </span>
          ) : null}
        </>
      )}
      <SubmitButton
        pending={pending}
        pendingLabel={paused ? "Unpausing…" : "Pausing…"}
        variant={paused ? "secondary" : "danger"}
        size="sm"
        title={paused ? "Allow this user's key changes and transfers again" : "Stop this user's key changes, transfers and withdrawals"}
      >
        {paused ? "Unpause user" : "Pause user"}
      </SubmitButton>
    </form>
  );
}
