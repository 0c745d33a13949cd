"use client";

import { ActionError, ActionSuccess, Field, FirstPasswordField, inputClass, selectClass, SubmitButton } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import type { ConsoleIdentity } from "@/lib/server/auth/console-users";

/** Adds a console user with a first password (they sign in with it; SSO users need none). */
export function AddConsoleUserForm({ action, minPasswordLength }: { action: ServerAction<ConsoleIdentity>; minPasswordLength: number }) {
  const { formRef, onSubmit, pending, data, error, fieldError } = useActionForm(
    action,
    (form) => {
      const password = form.get("password");
      return {
        email: textField(form, "email") ?? "",
        name: textField(form, "name"),
        role: textField(form, "role") ?? "",
        // passwords are taken as typed: spaces count
        password: typeof password === "string" ? password : "",
      };
    },
    { resetOnSuccess: true },
  );
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Add console user" className="space-y-3" noValidate>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <Field label="Email" error={fieldError("email")}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="email" type="email" autoComplete="off" required aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />
          )}
        </Field>
        <Field label="Name (optional)" error={fieldError("name")}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="name" type="text" autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />
          )}
        </Field>
        <Field label="Role" error={fieldError("role")} hint="Support staff read everything; admins also act.">
          {({ id, describedBy, invalid }) => (
            <select id={id} name="role" defaultValue="support" aria-describedby={describedBy} aria-invalid={invalid} className={selectClass}>
              <option value="support">support</option>
              <option value="admin">admin</option>
            </select>
          )}
        </Field>
        <FirstPasswordField error={fieldError("password")} minLength={minPasswordLength} />
      </div>
      <ActionError error={error} />
      {data ? (
        <ActionSuccess>
          Added <span className="font-medium">{data.email}</span> as {data.role}.
        </ActionSuccess>
      ) : null}
      <SubmitButton pending={pending} pendingLabel="Adding…">
        Add console user
      </SubmitButton>
    </form>
  );
}
