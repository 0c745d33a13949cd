"use client";

import Link from "next/link";
import { useState } from "react";
import { ActionError, ActionSuccess, Field, inputClass, SubmitButton, Unavailable } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";

// "Two-factor authentication" for the signed-in console user (Settings, and the page an admin who
// must set it up is sent to): set it up (a new secret as a QR code and as text, shown once, made
// active by a current code), set it up again on a new authenticator (with a current code of the
// old one), and turn it off (with a current code; not offered where it is required).

export type TwoFactorPanelStatus = { enabled: boolean; enabledAt: string | null; required: boolean; pendingMinutes: number };

export type TotpEnrolmentAnswer = { secret: string; uri: string; expiresAt: string; qrCode: string };

/** A base32 secret in groups of four, as authenticator apps accept it typed. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** A 6-digit code input, inside a Field (which gives it its ids). */
function CodeInput({
  name,
  autoFocus = false,
  id,
  describedBy,
  invalid,
}: {
  name: string;
  autoFocus?: boolean;
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}) {
  return (
    <input
      id={id}
      name={name}
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]*"
      maxLength={8}
      required
      autoFocus={autoFocus}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      className={`${inputClass} max-w-[10rem] font-mono tracking-widest`}
    />
  );
}

function EnrolmentStep({
  enrolment,
  confirmAction,
  onConfirmed,
}: {
  enrolment: TotpEnrolmentAnswer;
  confirmAction: ServerAction<{ enabledAt: string }>;
  onConfirmed: () => void;
}) {
  // Once the code is accepted the panel drops this step (and shows TOTP as on after the refresh).
  const confirm = useActionForm<{ enabledAt: string }>(
    async (input) => {
      const result = await confirmAction(input);
      if ("data" in result) onConfirmed();
      return result;
    },
    (form) => ({ code: textField(form, "code") ?? "" }),
  );
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-zinc-700">
        <li>Scan this QR code with your authenticator app (or type the key below into it).</li>
        <li>Enter the 6-digit code it shows to turn two-factor authentication on.</li>
      </ol>
      <div className="flex flex-wrap items-start gap-6">
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn on the server, nothing to optimise */}
        <img
          src={enrolment.qrCode}
          alt="QR code for your authenticator app"
          width={176}
          height={176}
          className="rounded-md ring-1 ring-zinc-200"
        />
        <div className="min-w-0 space-y-1">
          <p className="text-xs font-medium text-zinc-700">Or type this key</p>
          <p data-testid="totp-secret" className="font-mono text-sm break-all text-zinc-900 select-all">
            {grouped(enrolment.secret)}
          </p>
          <p className="text-xs text-zinc-500">
            Shown only now. Until you confirm, nothing changes; the set-up waits until <DateTime value={enrolment.expiresAt} />.
          </p>
        </div>
      </div>
      <form onSubmit={confirm.onSubmit} aria-label="Confirm two-factor set-up" className="space-y-3" noValidate>
        <Field label="Code from your authenticator app" error={confirm.fieldError("code")}>
          {(ids) => <CodeInput name="code" autoFocus {...ids} />}
        </Field>
        {confirm.error && !confirm.fieldError("code") ? <ActionError error={confirm.error} /> : null}
        <SubmitButton pending={confirm.pending} pendingLabel="Checking…">
          Turn on
        </SubmitButton>
      </form>
    </div>
  );
}

export function TwoFactorPanel({
  status,
  startAction,
  confirmAction,
  disableAction,
  continueHref,
}: {
  status: TwoFactorPanelStatus;
  startAction: ServerAction<TotpEnrolmentAnswer>;
  confirmAction: ServerAction<{ enabledAt: string }>;
  disableAction: ServerAction<{ disabled: true }>;
  /** where to go once it is on (the page an admin was sent to offers the way back) */
  continueHref?: string;
}) {
  const start = useActionForm(startAction, (form) => ({ currentCode: textField(form, "currentCode") }));
  const disable = useActionForm(disableAction, (form) => ({ code: textField(form, "code") ?? "" }), { resetOnSuccess: true });
  // The enrolment whose code was accepted (its key no longer needs showing).
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const enrolment = start.data && start.data.secret !== confirmed ? start.data : null;

  return (
    <div className="space-y-4">
      <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-700" data-testid="two-factor-state">
        {status.enabled ? (
          <>
            <Badge tone="success">on</Badge>
            <span>
              Sign-in asks for a code from your authenticator app
              {status.enabledAt ? (
                <>
                  {" "}
                  (since <DateTime value={status.enabledAt} />)
                </>
              ) : null}
              .
            </span>
          </>
        ) : (
          <>
            <Badge tone={status.required ? "danger" : "neutral"}>off</Badge>
            <span>Sign-in asks for your password only.</span>
          </>
        )}
      </p>
      {status.required && !status.enabled ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset">
          Admins of this deployment must use two-factor authentication. Set it up to continue: until then, every other page leads here and
          every action is refused.
        </p>
      ) : null}
      {confirmed && status.enabled ? (
        <ActionSuccess>
          Two-factor authentication is on: from now on, sign-in asks for a code from your authenticator app.
          {continueHref ? (
            <>
              {" "}
              <Link href={continueHref} className="font-medium underline">
                Continue
              </Link>
            </>
          ) : null}
        </ActionSuccess>
      ) : null}
      {disable.data && !status.enabled ? <ActionSuccess>Two-factor authentication is off.</ActionSuccess> : null}

      {enrolment ? (
        <EnrolmentStep
          key={enrolment.secret}
          enrolment={enrolment}
          confirmAction={confirmAction}
          onConfirmed={() => setConfirmed(enrolment.secret)}
        />
      ) : status.enabled ? (
        <div className="space-y-5">
          <form onSubmit={start.onSubmit} aria-label="Set up a new authenticator" className="space-y-3" noValidate>
            <p className="text-sm text-zinc-600">
              New phone? Set up a new authenticator with a current code of the old one; the old one works until the new one is confirmed.
            </p>
            <Field label="Current code" error={start.fieldError("currentCode")}>
              {(ids) => <CodeInput name="currentCode" {...ids} />}
            </Field>
            {start.error && !start.fieldError("currentCode") ? <ActionError error={start.error} /> : null}
            <SubmitButton pending={start.pending} pendingLabel="Starting…" variant="secondary">
              Set up a new authenticator
            </SubmitButton>
          </form>
          <div className="border-t border-zinc-100 pt-4">
            {status.required ? (
              <Unavailable>Admins of this deployment must use two-factor authentication, so it cannot be turned off here.</Unavailable>
            ) : (
              <form onSubmit={disable.onSubmit} aria-label="Turn off two-factor authentication" className="space-y-3" noValidate>
                <Field label="Current code" error={disable.fieldError("code")}>
                  {(ids) => <CodeInput name="code" {...ids} />}
                </Field>
                {disable.error && !disable.fieldError("code") ? <ActionError error={disable.error} /> : null}
                <SubmitButton pending={disable.pending} pendingLabel="Turning off…" variant="danger">
                  Turn off
                </SubmitButton>
              </form>
            )}
          </div>
        </div>
      ) : (
        <form onSubmit={start.onSubmit} aria-label="Set up two-factor authentication" className="space-y-3">
          <p className="text-sm text-zinc-600">
            With an authenticator app (on your phone or in your password manager), sign-in also asks for the 6-digit code it shows.
          </p>
          <ActionError error={start.error} />
          <SubmitButton pending={start.pending} pendingLabel="Starting…">
            Set up two-factor authentication
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
