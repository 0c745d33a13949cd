"use client";

import { useId, useState } from "react";
import { ActionError, ActionSuccess, ReasonField, SelectField, SubmitButton, TextField } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";

// A sensitive console action: it asks why (the reason goes to the audit log, and to the approval
// request when a second admin must approve it: lib/http/console-action.ts) and for an explicit
// confirmation before the button works. Extra inputs come as `fields` (text, email, password or a
// choice) or as `children` (any controls; `extraInput` reads their values from the form).
// `askReason={false}` leaves the reason out (signing yourself out everywhere) but keeps the
// confirmation; `confirm={false}` leaves out both (a change that needs neither for this input).
// When the call was stored for approval instead of run, the form says so (ActionError renders
// that notice).

export type ExtraField = {
  name: string;
  label: string;
  type: "password" | "text" | "email" | "select";
  minLength?: number;
  hint?: string;
  autoComplete?: string;
  /** the choices of a "select" (the first is picked at first, and again after a reset) */
  options?: { value: string; label: string }[];
};

export function ConfirmedActionForm<T>({
  action,
  baseInput,
  button,
  pendingLabel,
  confirmText,
  reasonPlaceholder,
  askReason = true,
  fields = [],
  children,
  extraInput,
  label,
  confirm = true,
  variant = "danger",
  size = "sm",
  disabled = false,
  success,
  bareSuccess = false,
}: {
  action: ServerAction<T>;
  /** fixed input (ids) sent with the form's fields */
  baseInput: Record<string, string>;
  button: React.ReactNode;
  pendingLabel: string;
  /** what the admin confirms, e.g. "End every session of this user" */
  confirmText: string;
  reasonPlaceholder?: string;
  /** false: no reason field (the action takes none from this form); the confirmation stays */
  askReason?: boolean;
  fields?: ExtraField[];
  /** more controls before the reason; a function gets each field's error by name */
  children?: React.ReactNode | ((fieldError: (name: string) => string | undefined) => React.ReactNode);
  /** the values of `children`'s controls, read from the submitted form */
  extraInput?: (form: FormData) => Record<string, unknown>;
  /** the form's accessible name */
  label?: string;
  /** false: no reason and no confirmation */
  confirm?: boolean;
  variant?: "primary" | "secondary" | "danger";
  size?: "sm" | "md";
  disabled?: boolean;
  success: (data: T) => React.ReactNode;
  /** `success` draws its own status box (not wrapped in ActionSuccess) */
  bareSuccess?: boolean;
}) {
  const withReason = confirm && askReason;
  const [confirmed, setConfirmed] = useState(false);
  const { formRef, onSubmit, pending, error, fieldError, data } = useActionForm(
    action,
    (form) => ({
      ...baseInput,
      ...extraInput?.(form),
      ...(withReason ? { reason: textField(form, "reason") } : {}),
      ...Object.fromEntries(fields.map((f) => [f.name, f.type === "password" ? (form.get(f.name) ?? undefined) : textField(form, f.name)])),
    }),
    { resetOnSuccess: true },
  );
  const confirmId = useId();
  // The reason is asked for here even where the server would take the call without one (an
  // action whose approval policy is off): every one of these forms records why.
  const [missingReason, setMissingReason] = useState(false);
  function submit(event: React.FormEvent<HTMLFormElement>) {
    if (withReason) {
      const reason = new FormData(event.currentTarget).get("reason");
      if (typeof reason !== "string" || reason.trim().length < 3) {
        event.preventDefault();
        setMissingReason(true);
        return;
      }
    }
    setMissingReason(false);
    onSubmit(event);
  }
  // Field errors show beside their fields; the message, and errors about inputs this form does not
  // render (a stale id), show above the button. Controls passed as `children` show their own.
  const rendered = new Set([...fields.map((f) => f.name), ...(withReason ? ["reason"] : [])]);
  const elsewhere = error?.fields?.filter((f) => !rendered.has(f.path.split(".")[0]!)) ?? [];
  let unplaced: { message: string } | null = error;
  if (children === undefined && error?.fields?.length)
    unplaced = elsewhere.length ? { message: elsewhere.map((f) => f.message).join(" ") } : null;
  return (
    <form
      ref={formRef}
      onSubmit={submit}
      aria-label={label}
      className="space-y-2"
      onReset={() => setConfirmed(false)}
      noValidate={children !== undefined}
    >
      {typeof children === "function" ? children(fieldError) : children}
      {fields.map((f) =>
        f.type === "select" ? (
          <SelectField
            key={f.name}
            name={f.name}
            label={f.label}
            error={fieldError(f.name)}
            hint={f.hint}
            defaultValue={f.options?.[0]?.value}
          >
            {(f.options ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField
            key={f.name}
            name={f.name}
            type={f.type}
            label={f.label}
            error={fieldError(f.name)}
            hint={f.hint}
            required
            minLength={f.minLength}
            autoComplete={f.autoComplete ?? "off"}
          />
        ),
      )}
      {withReason ? (
        <ReasonField
          label="Reason (kept in the audit log)"
          error={missingReason ? "Give a reason (at least 3 characters)." : fieldError("reason")}
          placeholder={reasonPlaceholder}
        />
      ) : null}
      {confirm ? (
        <div className="flex items-center gap-2">
          <input id={confirmId} type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} className="h-4 w-4" />
          <label htmlFor={confirmId} className="text-xs text-zinc-700">
            {confirmText}
          </label>
        </div>
      ) : null}
      <ActionError error={unplaced} />
      {data ? bareSuccess ? success(data) : <ActionSuccess>{success(data)}</ActionSuccess> : null}
      <SubmitButton
        pending={pending}
        pendingLabel={pendingLabel}
        variant={variant}
        size={size}
        disabled={disabled || (confirm && !confirmed)}
      >
        {button}
      </SubmitButton>
    </form>
  );
}
