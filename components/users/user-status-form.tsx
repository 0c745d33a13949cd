"use client";

import { SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { AppUserStatus } from "@/lib/server/risk/set-app-user-status";

/** Pause (withdrawals denied by the risk-control callback) or unpause an app user. */
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
  const { onSubmit, pending, error } = useActionForm(paused ? unpauseAction : pauseAction, () => ({ userId }));
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center justify-end gap-2">
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error.message}
        </span>
      ) : null}
      <SubmitButton
        pending={pending}
        pendingLabel={paused ? "Unpausing…" : "Pausing…"}
        variant={paused ? "secondary" : "danger"}
        size="sm"
        title={paused ? "Allow this user's withdrawals again" : "Deny this user's withdrawals at the risk-control callback"}
      >
        {paused ? "Unpause user" : "Pause user"}
      </SubmitButton>
    </form>
  );
}

