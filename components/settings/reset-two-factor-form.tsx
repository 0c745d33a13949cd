"use client";

import { ActionError, ActionSuccess, SubmitButton, TextField } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";

export type TotpResetAnswer = { id: string; email: string; wasOn: boolean };

/** Admins turn another console user's two-factor authentication off (a lost phone); audited. */
export function ResetTwoFactorForm({ action }: { action: ServerAction<TotpResetAnswer> }) {
  const { formRef, onSubmit, pending, data, error, fieldError } = useActionForm(
    action,
    (form) => ({ email: textField(form, "email") ?? "" }),
    {
      resetOnSuccess: true,
    },
  );
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Reset two-factor authentication" className="space-y-3" noValidate>
      <TextField
        name="email"
        type="email"
        label="Console user's email"
        error={fieldError("email")}
        hint="They then sign in with their password alone until they set it up again (admins must, before anything else, where it is required)."
        autoComplete="off"
        required
        controlClassName="max-w-sm"
      />
      <ActionError error={error && !fieldError("email") ? error : null} />
      {data ? (
        <ActionSuccess>
          Two-factor authentication reset for <span className="font-medium">{data.email}</span>
          {data.wasOn ? "." : " (it was not on)."}
        </ActionSuccess>
      ) : null}
      <SubmitButton pending={pending} pendingLabel="Resetting…" variant="danger">
        Reset two-factor authentication
      </SubmitButton>
    </form>
  );
}
