"use client";

import { ActionError, ActionSuccess, FirstPasswordField, SubmitButton, TextField } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { AppUserSummary } from "@/lib/server/app-users/app-users";

/** Creates an app user with a first password; they sign in to the Client App with it. */
export function AddAppUserForm({ action, minPasswordLength }: { action: ServerAction<AppUserSummary>; minPasswordLength: number }) {
  const { formRef, onSubmit, pending, data, error, fieldError } = useActionForm(
    action,
    (form) => {
      const password = form.get("password");
      return { email: textField(form, "email") ?? "", password: typeof password === "string" ? password : "" };
    },
    { resetOnSuccess: true },
  );
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Add app user" className="space-y-3" noValidate>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField name="email" type="email" label="Email" error={fieldError("email")} autoComplete="off" required />
        <FirstPasswordField error={fieldError("password")} minLength={minPasswordLength} />
      </div>
      <ActionError error={error} />
      {data ? (
        <ActionSuccess>
          Added <span className="font-medium">{data.email}</span>. They can sign in to the app now.
        </ActionSuccess>
      ) : null}
      <SubmitButton pending={pending} pendingLabel="Adding…">
        Add app user
      </SubmitButton>
    </form>
  );
}
