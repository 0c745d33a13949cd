"use client";

import { ActionError, SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";

/** "Retry" for one Failed callback message (admins): Cobo sends it to the linked callback again. */
export function RetryCallbackButton({
  action,
  messageId,
}: {
  action: ServerAction<{ messageId: string; retried: boolean }>;
  messageId: string;
}) {
  const { onSubmit, pending, data, error } = useActionForm(action, () => ({ messageId }));
  return (
    <form onSubmit={onSubmit} className="flex flex-col items-end gap-0.5">
      <SubmitButton
        pending={pending}
        pendingLabel="Retrying…"
        variant="secondary"
        size="sm"
        title={`Ask Cobo to resend callback message ${messageId}`}
      >
        Retry<span className="sr-only"> callback message {messageId}</span>
      </SubmitButton>
      {data ? (
        <span role="status" className="text-[0.6875rem] whitespace-nowrap text-emerald-700">
          Resent by Cobo
        </span>
      ) : null}
      <ActionError error={error} />
    </form>
  );
}
