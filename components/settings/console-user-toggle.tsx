"use client";

import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import type { ServerAction } from "@/components/actions/use-action-form";
import type { ConsoleUserStatus } from "@/lib/server/console-users/set-console-user-disabled";

/** Disable or enable one console user, with the reason the audit log keeps and a confirmation. */
export function ConsoleUserToggle({
  id,
  email,
  disabled,
  disableAction,
  enableAction,
}: {
  id: string;
  email: string;
  /** the user's state now: a disabled user is offered "Enable", an active one "Disable" */
  disabled: boolean;
  disableAction: ServerAction<ConsoleUserStatus>;
  enableAction: ServerAction<ConsoleUserStatus>;
}) {
  return disabled ? (
    <ConfirmedActionForm
      key="enable"
      action={enableAction}
      baseInput={{ id }}
      label={`Enable ${email}`}
      button="Enable account"
      pendingLabel="Enabling…"
      confirmText={`Let ${email} sign in again`}
      reasonPlaceholder="e.g. back from leave"
      success={(d) => `${d.email} is enabled.`}
    />
  ) : (
    <ConfirmedActionForm
      key="disable"
      action={disableAction}
      baseInput={{ id }}
      label={`Disable ${email}`}
      button="Disable account"
      pendingLabel="Disabling…"
      confirmText={`Disable ${email}: no more sign-ins, and every open session ends`}
      reasonPlaceholder="e.g. left the company"
      success={(d) => `${d.email} is disabled.`}
    />
  );
}
