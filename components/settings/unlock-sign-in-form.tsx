"use client";

import { ActionError, ActionSuccess, Field, inputClass, selectClass, SubmitButton } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { SignInUnlocked } from "@/lib/server/auth/console-session.action-spec";

/** Lifts the sign-in lockout of a console or app account after too many failed attempts. */
export function UnlockSignInForm({ action }: { action: ServerAction<SignInUnlocked> }) {
  const { formRef, onSubmit, pending, data, error, fieldError } = useActionForm(
    action,
    (form) => ({ email: textField(form, "email") ?? "", scope: textField(form, "scope") ?? "" }),
    { resetOnSuccess: true },
  );
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Unlock sign-in" className="space-y-3" noValidate>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <Field label="Account email" error={fieldError("email")}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="email" type="email" autoComplete="off" required aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />
          )}
        </Field>
        <Field label="Account kind" error={fieldError("scope")} hint="Console users sign in here; app users through the Client API.">
          {({ id, describedBy, invalid }) => (
            <select id={id} name="scope" defaultValue="console" aria-describedby={describedBy} aria-invalid={invalid} className={selectClass}>
              <option value="console">console user</option>
              <option value="app">app user</option>
            </select>
          )}
        </Field>
      </div>
      <ActionError error={error} />
      {data ? (
        <ActionSuccess>
          Sign-in unlocked for <span className="font-medium">{data.email}</span>
          {data.countersCleared === 0 ? " (no failed attempts were on record)." : "."}
        </ActionSuccess>
      ) : null}
      <SubmitButton pending={pending} pendingLabel="Unlocking…">
        Unlock sign-in
      </SubmitButton>
    </form>
  );
}
