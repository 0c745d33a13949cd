"use client";

import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import type { ServerAction } from "@/components/actions/use-action-form";
import type { SignInUnlocked } from "@/lib/server/console-users/lift-sign-in-lockout";

/**
 * Lifts the sign-in lockout of a console or app account after too many failed attempts, with the
 * reason the audit log keeps and a confirmation.
 */
export function UnlockSignInForm({ action }: { action: ServerAction<SignInUnlocked> }) {
  return (
    <div className="max-w-md">
      <ConfirmedActionForm
        action={action}
        baseInput={{}}
        label="Unlock sign-in"
        fields={[
          { name: "email", label: "Account email", type: "email" },
          {
            name: "scope",
            label: "Account kind",
            type: "select",
            hint: "Console users sign in here; app users through the Client API.",
            options: [
              { value: "console", label: "console user" },
              { value: "app", label: "app user" },
            ],
          },
        ]}
        button="Unlock sign-in"
        pendingLabel="Unlocking…"
        confirmText="Clear this account's sign-in failures, from every address"
        reasonPlaceholder="e.g. owner verified by phone"
        success={(d) => (
          <>
            Sign-in unlocked for <span className="font-medium">{d.email}</span>
            {d.countersCleared === 0 ? " (no failed attempts were on record)." : "."}
          </>
        )}
      />
    </div>
  );
}
