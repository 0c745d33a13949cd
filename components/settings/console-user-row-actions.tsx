"use client";

import { useId, useState } from "react";
import type { ServerAction } from "@/components/actions/use-action-form";
import { ConsoleUserToggle } from "@/components/settings/console-user-toggle";
import { SignOutEverywhereButton } from "@/components/settings/sign-out-everywhere-button";
import type { ConsoleUserStatus } from "@/lib/server/console-users/set-console-user-disabled";
import type { SignedOutEverywhere } from "@/lib/server/console-users/sign-out-everywhere";

type Panel = "sign-out" | "disable" | "enable";

/**
 * An admin's actions on another console user's row: each button opens its form below (a reason for
 * the audit log and a confirmation), so a stray click changes nothing. A panel that no longer
 * applies after the page refreshed (the user was just disabled or enabled) closes by itself: the
 * row's state says what happened.
 */
export function ConsoleUserRowActions({
  id,
  email,
  disabled,
  disableAction,
  enableAction,
  signOutEverywhereAction,
}: {
  id: string;
  email: string;
  disabled: boolean;
  disableAction: ServerAction<ConsoleUserStatus>;
  enableAction: ServerAction<ConsoleUserStatus>;
  signOutEverywhereAction: ServerAction<SignedOutEverywhere>;
}) {
  const [open, setOpen] = useState<Panel | null>(null);
  const panelId = useId();
  const applies = (p: Panel) => (p === "enable" ? disabled : !disabled);
  const shown = open && applies(open) ? open : null;
  const toggle = (p: Panel) => setOpen((current) => (current === p && applies(p) ? null : p));
  const switchPanel: Panel = disabled ? "enable" : "disable";
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex items-center justify-end gap-2">
        {disabled ? null : (
          <PanelButton
            label="Sign out everywhere…"
            name={`Sign out everywhere ${email}…`}
            expanded={shown === "sign-out"}
            controls={panelId}
            onClick={() => toggle("sign-out")}
          />
        )}
        <PanelButton
          label={disabled ? "Enable…" : "Disable…"}
          name={`${disabled ? "Enable" : "Disable"} ${email}…`}
          expanded={shown === switchPanel}
          controls={panelId}
          danger={!disabled}
          onClick={() => toggle(switchPanel)}
        />
      </div>
      {shown ? (
        <div id={panelId} className="w-72 rounded-md border border-zinc-200 bg-zinc-50 p-3 text-left">
          {shown === "sign-out" ? (
            <SignOutEverywhereButton id={id} email={email} action={signOutEverywhereAction} compact />
          ) : (
            <ConsoleUserToggle id={id} email={email} disabled={disabled} disableAction={disableAction} enableAction={enableAction} />
          )}
        </div>
      ) : null}
    </div>
  );
}

function PanelButton({
  label,
  name,
  expanded,
  controls,
  danger = false,
  onClick,
}: {
  label: string;
  /** the accessible name: which user it is about */
  name: string;
  expanded: boolean;
  controls: string;
  danger?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      aria-label={name}
      aria-expanded={expanded}
      aria-controls={expanded ? controls : undefined}
      onClick={onClick}
      className={`inline-flex h-7 shrink-0 items-center rounded-md border bg-white px-2 text-xs font-medium whitespace-nowrap shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${
        danger ? "border-red-300 text-red-700 hover:bg-red-50" : "border-zinc-300 text-zinc-700 hover:bg-zinc-50"
      }`}
    >
      {label}
    </button>
  );
}
