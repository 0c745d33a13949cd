"use client";

import { useState } from "react";
import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import { Field, FirstPasswordField, inputClass, selectClass } from "@/components/actions/form-controls";
import { textField, type ServerAction } from "@/components/actions/use-action-form";
import type { ConsoleIdentity } from "@/lib/server/console-users/console-users";

/**
 * Adds a console user with a first password (they sign in with it; SSO users need none). A new
 * admin also takes a reason and a confirmation: with the approval policy on, a second admin must
 * approve it (the request keeps only the password's hash). Support staff are added at once.
 */
export function AddConsoleUserForm({ action, minPasswordLength }: { action: ServerAction<ConsoleIdentity>; minPasswordLength: number }) {
  const [role, setRole] = useState<"support" | "admin">("support");
  return (
    <ConfirmedActionForm
      action={action}
      label="Add console user"
      baseInput={{}}
      extraInput={(form) => {
        const password = form.get("password");
        return {
          email: textField(form, "email") ?? "",
          name: textField(form, "name"),
          role: textField(form, "role") ?? "",
          // passwords are taken as typed: spaces count
          password: typeof password === "string" ? password : "",
        };
      }}
      confirm={role === "admin"}
      button="Add console user"
      pendingLabel="Adding…"
      variant="primary"
      size="md"
      confirmText="Give this person every admin power"
      reasonPlaceholder="e.g. new team lead, ticket 31"
      success={(data) => (
        <>
          Added <span className="font-medium">{data.email}</span> as {data.role}.
        </>
      )}
    >
      {(fieldError) => (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
          <Field label="Email" error={fieldError("email")}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="email"
                type="email"
                autoComplete="off"
                required
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={inputClass}
              />
            )}
          </Field>
          <Field label="Name (optional)" error={fieldError("name")}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="name"
                type="text"
                autoComplete="off"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={inputClass}
              />
            )}
          </Field>
          <Field label="Role" error={fieldError("role")} hint="Support staff read everything; admins also act.">
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                name="role"
                value={role}
                onChange={(e) => setRole(e.currentTarget.value === "admin" ? "admin" : "support")}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={selectClass}
              >
                <option value="support">support</option>
                <option value="admin">admin</option>
              </select>
            )}
          </Field>
          <FirstPasswordField error={fieldError("password")} minLength={minPasswordLength} />
        </div>
      )}
    </ConfirmedActionForm>
  );
}
