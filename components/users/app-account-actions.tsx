"use client";

import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import type { ServerAction } from "@/components/actions/use-action-form";
import type { AppPasswordReset, AppSessionsEnded, AppSignInUnlocked } from "@/lib/server/app-users/manage-app-account";

/** The admin's account actions for an app user: each asks for a reason and a confirmation. */
export function AppAccountActions({
  userId,
  viaIdp,
  actions,
  passwordMinLength,
}: {
  userId: string;
  viaIdp: boolean;
  actions: {
    endSessions: ServerAction<AppSessionsEnded>;
    resetPassword: ServerAction<AppPasswordReset>;
    unlockSignIn: ServerAction<AppSignInUnlocked>;
  };
  passwordMinLength: number;
}) {
  return (
    <div className="mt-4 grid gap-4 md:grid-cols-3">
      <ActionCard title="Sign out everywhere">
        <ConfirmedActionForm
          action={actions.endSessions}
          baseInput={{ userId }}
          button="End every session"
          pendingLabel="Ending…"
          confirmText="End every session of this user now"
          reasonPlaceholder="e.g. phone reported stolen"
          success={(d) => `${d.sessionsEnded} session${d.sessionsEnded === 1 ? "" : "s"} ended.`}
        />
      </ActionCard>
      <ActionCard title="Set a new password">
        {viaIdp ? (
          <p className="text-xs text-zinc-600">This user has no password here: it is managed by your identity provider.</p>
        ) : (
          <ConfirmedActionForm
            action={actions.resetPassword}
            baseInput={{ userId }}
            button="Set password"
            pendingLabel="Setting…"
            confirmText="Replace the password and end every session"
            reasonPlaceholder="e.g. identity checked by phone"
            fields={[
              {
                name: "password",
                label: "New password",
                type: "password",
                minLength: passwordMinLength,
                autoComplete: "new-password",
                hint: `At least ${passwordMinLength} characters. Hand it over out of band.`,
              },
            ]}
            success={(d) => `Password set; ${d.sessionsEnded} session${d.sessionsEnded === 1 ? "" : "s"} ended; lockout lifted.`}
          />
        )}
      </ActionCard>
      <ActionCard title="Lift sign-in lockout">
        <ConfirmedActionForm
          action={actions.unlockSignIn}
          baseInput={{ userId }}
          button="Unlock sign-in"
          pendingLabel="Unlocking…"
          confirmText="Clear this account's sign-in failures"
          reasonPlaceholder="e.g. owner verified"
          success={(d) => `${d.countersCleared} counter${d.countersCleared === 1 ? "" : "s"} cleared.`}
        />
      </ActionCard>
    </div>
  );
}

function ActionCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-md border border-zinc-200 p-3" role="group" aria-label={title}>
      <h3 className="mb-2 text-xs font-semibold text-zinc-800">{title}</h3>
      {children}
    </div>
  );
}
