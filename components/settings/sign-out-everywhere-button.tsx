"use client";

import { ActionError, ActionSuccess, SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { SignedOutEverywhere } from "@/lib/server/auth/console-session.action-spec";

/**
 * "Sign out everywhere" for one console user: every open session of theirs ends at once (for your
 * own account, this one too, and the page sends you to sign-in).
 */
export function SignOutEverywhereButton({
  id,
  email,
  action,
  compact = false,
}: {
  id: string;
  email: string;
  action: ServerAction<SignedOutEverywhere>;
  compact?: boolean;
}) {
  const { onSubmit, pending, data, error } = useActionForm(action, () => ({ id }));
  if (compact) {
    return (
      <form onSubmit={onSubmit} className="flex items-center justify-end gap-2">
        {error ? (
          <span role="alert" className="text-xs text-red-700">
            {error.message}
          </span>
        ) : null}
        {data ? (
          <span role="status" className="text-xs text-zinc-500">
            {data.sessionsEnded === 1 ? "1 session ended" : `${data.sessionsEnded} sessions ended`}
          </span>
        ) : null}
        <SubmitButton pending={pending} pendingLabel="Signing out…" variant="secondary" size="sm">
          Sign out everywhere
          <span className="sr-only"> {email}</span>
        </SubmitButton>
      </form>
    );
  }
  return (
    <form onSubmit={onSubmit} aria-label="Sign out everywhere" className="space-y-2">
      <p className="text-sm text-zinc-600">Ends every session of your account, in every browser, this one included.</p>
      <ActionError error={error} />
      {data ? <ActionSuccess>All your sessions were ended.</ActionSuccess> : null}
      <SubmitButton pending={pending} pendingLabel="Signing out…" variant="secondary">
        Sign out everywhere
      </SubmitButton>
    </form>
  );
}
