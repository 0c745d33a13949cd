"use client";

import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import type { ServerAction } from "@/components/actions/use-action-form";
import type { SignedOutEverywhere } from "@/lib/server/console-users/sign-out-everywhere";

const ended = (d: SignedOutEverywhere) => (d.sessionsEnded === 1 ? "1 session ended." : `${d.sessionsEnded} sessions ended.`);

/**
 * "Sign out everywhere": every open session of a console user ends at once, after a confirmation.
 * `compact` (the console users table): another user's, named by `id`, with the reason the audit log
 * keeps. Otherwise your own account's (this browser's session too, and the page sends you to
 * sign-in): the form names no one, the server takes the signed-in user, and no reason is asked.
 */
export function SignOutEverywhereButton({
  id,
  email,
  action,
  compact = false,
}: {
  id: string;
  email: string;
  action: ServerAction<SignedOutEverywhere>;
  compact?: boolean;
}) {
  if (compact) {
    return (
      <ConfirmedActionForm
        action={action}
        baseInput={{ id }}
        label={`Sign out ${email} everywhere`}
        button="End their sessions"
        pendingLabel="Signing out…"
        confirmText={`End every session of ${email} now`}
        reasonPlaceholder="e.g. laptop reported stolen"
        success={ended}
      />
    );
  }
  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-600">Ends every session of your account, in every browser, this one included.</p>
      <ConfirmedActionForm
        action={action}
        baseInput={{}}
        askReason={false}
        label="Sign out everywhere"
        button="Sign out everywhere"
        pendingLabel="Signing out…"
        confirmText="End every session of my account, this one included"
        success={() => "All your sessions were ended."}
      />
    </div>
  );
}
