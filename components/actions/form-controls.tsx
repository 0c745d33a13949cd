"use client";

import Link from "next/link";
import { useId } from "react";
import { APPROVAL_PENDING } from "@/components/actions/action-result";

// The few controls every admin form shares, styled like the rest of the console (sign-in form,
// table toolbar): small, dense, one accent colour.

export const inputClass =
  "block h-8 w-full rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-500 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none aria-invalid:border-red-400 disabled:bg-zinc-50 disabled:text-zinc-500";

export const selectClass =
  "block h-8 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 shadow-xs focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none aria-invalid:border-red-400";

const BUTTON_CLASSES = {
  primary: "bg-zinc-900 text-white hover:bg-zinc-800",
  secondary: "border border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-50",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
} as const;

export function SubmitButton({
  pending,
  children,
  pendingLabel,
  variant = "primary",
  size = "md",
  disabled = false,
  title,
}: {
  pending: boolean;
  children: React.ReactNode;
  pendingLabel: string;
  variant?: keyof typeof BUTTON_CLASSES;
  size?: "sm" | "md";
  disabled?: boolean;
  title?: string;
}) {
  return (
    <button
      type="submit"
      disabled={pending || disabled}
      aria-disabled={pending || disabled}
      title={title}
      className={`inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-60 ${
        size === "sm" ? "h-7 px-2 text-xs" : "h-8 px-3 text-sm"
      } ${BUTTON_CLASSES[variant]}`}
    >
      {/* one inline wrapper: spaces between text and screen-reader-only parts are kept */}
      <span>{pending ? pendingLabel : children}</span>
    </button>
  );
}

/** A labelled control with its hint and (after a failed submit) its error, wired for screen readers. */
export function Field({
  label,
  error,
  hint,
  children,
  className = "",
}: {
  label: string;
  error?: string;
  hint?: React.ReactNode;
  /** Receives the ids to put on the control. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => React.ReactNode;
  className?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`min-w-0 space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-xs font-medium text-zinc-700">
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint ? (
        <p id={hintId} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type FieldFrame = { label: string; error?: string; hint?: React.ReactNode; className?: string };
/** A control's own attributes; the field sets its id, description, invalid state and class. */
type ControlAttributes<A> = Omit<A, "id" | "name" | "className" | "aria-describedby" | "aria-invalid"> & {
  name: string;
  /** classes added to the control's own (e.g. a max width) */
  controlClassName?: string;
};

/** A labelled text input (any `type`) in a Field; `mono` for ids, addresses and amounts. */
export function TextField({
  label,
  error,
  hint,
  className,
  controlClassName = "",
  mono = false,
  ...input
}: FieldFrame & ControlAttributes<React.InputHTMLAttributes<HTMLInputElement>> & { mono?: boolean }) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {({ id, describedBy, invalid }) => (
        <input
          type="text"
          {...(mono ? { spellCheck: false } : {})}
          {...input}
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={[inputClass, mono ? "font-mono" : "", controlClassName].filter(Boolean).join(" ")}
        />
      )}
    </Field>
  );
}

/** A labelled select in a Field; its options are the children. */
export function SelectField({
  label,
  error,
  hint,
  className,
  controlClassName = "",
  children,
  ...select
}: FieldFrame & ControlAttributes<React.SelectHTMLAttributes<HTMLSelectElement>>) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {({ id, describedBy, invalid }) => (
        <select
          {...select}
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={[selectClass, controlClassName].filter(Boolean).join(" ")}
        >
          {children}
        </select>
      )}
    </Field>
  );
}

/** The reason a destructive or audited action asks for (kept with the action in the audit log). */
export function ReasonField({
  label = "Reason",
  error,
  hint,
  placeholder,
  className,
  autoFocus,
}: {
  label?: string;
  error?: string;
  hint?: React.ReactNode;
  placeholder?: string;
  className?: string;
  autoFocus?: boolean;
}) {
  return (
    <TextField
      name="reason"
      label={label}
      error={error}
      hint={hint}
      className={className}
      required
      minLength={3}
      maxLength={500}
      placeholder={placeholder}
      autoFocus={autoFocus}
    />
  );
}

/**
 * The action's refusal or failure, announced to assistive tech; or, when the call was stored for a
 * second admin's approval instead of run, a notice saying so with a link to the request.
 */
export function ActionError({ error }: { error: { message: string; code?: string; approvalId?: string } | null }) {
  if (!error) return null;
  if (error.code === APPROVAL_PENDING) return <ApprovalPendingNotice message={error.message} />;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-600/20 ring-inset">
      {error.message}
    </p>
  );
}

/** A call stored for approval: nothing changed yet; a second admin decides on the Approvals page. */
export function ApprovalPendingNotice({ message }: { message: string }) {
  return (
    <p
      role="status"
      data-testid="approval-pending"
      className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset"
    >
      {message}{" "}
      <Link href="/approvals" className="font-medium underline">
        Open Approvals
      </Link>
    </p>
  );
}

/** What the action did, announced politely. */
export function ActionSuccess({ children }: { children: React.ReactNode }) {
  return (
    <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-600/20 ring-inset">
      {children}
    </div>
  );
}

/** Says why an action is not offered right now (instead of a button that cannot work). */
export function Unavailable({ children }: { children: React.ReactNode }) {
  return <p className="rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-600 ring-1 ring-zinc-200 ring-inset">{children}</p>;
}

/** A "first password" field for forms that create an account (admins hand it over out of band). */
export function FirstPasswordField({ error, minLength }: { error?: string; minLength: number }) {
  return (
    <TextField
      name="password"
      type="password"
      label="First password"
      error={error}
      hint={`At least ${minLength} characters. Hand it over out of band.`}
      autoComplete="new-password"
      required
      minLength={minLength}
    />
  );
}
