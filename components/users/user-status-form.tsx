"use client";

import { useId, useState } from "react";
import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import { SubmitButton, inputClass } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { AppUserStatus } from "@/lib/server/risk/set-app-user-status";

/**
 * Pause (no key changes, no transfers, withdrawals denied at the risk-control callback; a reason is
 * required and kept, and a confirmation) or unpause an app user (a reason and a confirmation: a second admin may have
 * to approve it, lib/http/console-action.ts).
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
  if (status === "paused") return <UnpauseForm userId={userId} action={unpauseAction} />;
  return <PauseForm userId={userId} action={pauseAction} />;
}

function UnpauseForm({ userId, action }: { userId: string; action: ServerAction<AppUserStatus> }) {
  return (
    <div className="w-72">
      <ConfirmedActionForm
        action={action}
        label="Unpause user"
        baseInput={{ userId }}
        button="Unpause user"
        pendingLabel="Unpausing…"
        variant="secondary"
        confirmText="Allow this user's key changes and transfers again"
        reasonPlaceholder="e.g. review finished, ticket 77"
        success={() => "Unpaused."}
      />
    </div>
  );
}

function PauseForm({ userId, action }: { userId: string; action: ServerAction<AppUserStatus> }) {
  const { onSubmit, pending, error, fieldError } = useActionForm(action, (form) => ({ userId, reason: textField(form, "reason") }));
  const reasonId = useId();
  const confirmId = useId();
  // Like every destructive action: a reason and an explicit confirmation before the button works.
  const [confirmed, setConfirmed] = useState(false);
  const reasonError = fieldError("reason");
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center justify-end gap-2">
      {error && !reasonError ? (
        <span role="alert" className="text-xs text-red-700">
          {error.message}
        </span>
      ) : null}
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
      <span className="flex items-center gap-1.5">
        <input id={confirmId} type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} className="h-4 w-4" />
        <label htmlFor={confirmId} className="text-xs text-zinc-700">
          Stop this user&apos;s key changes and transfers
        </label>
      </span>
      <SubmitButton
        pending={pending}
        pendingLabel="Pausing…"
        variant="danger"
        size="sm"
        disabled={!confirmed}
        title="Stop this user's key changes, transfers and withdrawals"
      >
        Pause user
      </SubmitButton>
    </form>
  );
}
