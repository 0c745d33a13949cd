"use client";

import { useState } from "react";
import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import { FirstPasswordField, SelectField, TextField } from "@/components/actions/form-controls";
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
          <TextField name="email" type="email" label="Email" error={fieldError("email")} autoComplete="off" required />
          <TextField name="name" label="Name (optional)" error={fieldError("name")} autoComplete="off" />
          <SelectField
            name="role"
            label="Role"
            error={fieldError("role")}
            hint="Support staff read everything; admins also act."
            value={role}
            onChange={(e) => setRole(e.currentTarget.value === "admin" ? "admin" : "support")}
          >
            <option value="support">support</option>
            <option value="admin">admin</option>
          </SelectField>
          <FirstPasswordField error={fieldError("password")} minLength={minPasswordLength} />
        </div>
      )}
    </ConfirmedActionForm>
  );
}
