"use client";

import { ActionError, ActionSuccess, Field, inputClass, selectClass, SubmitButton } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import { formatWindow, WINDOW_PRESETS } from "@/components/risk/format-window";
import type { RiskLimitRow } from "@/lib/server/risk/manage-risk-limits";

/** Adds a rolling amount limit; the amount stays a decimal string all the way to the database. */
export function AddRiskLimitForm({ action }: { action: ServerAction<RiskLimitRow> }) {
  const { formRef, onSubmit, pending, data, error, fieldError } = useActionForm(
    action,
    (form) => ({
      scope: textField(form, "scope") ?? "",
      tokenId: textField(form, "tokenId") ?? "",
      maxAmount: textField(form, "maxAmount") ?? "",
      windowSeconds: textField(form, "windowSeconds") ?? "",
      enabled: form.get("enabled") === "on",
    }),
    { resetOnSuccess: true },
  );
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label="Add amount limit" className="space-y-3" noValidate>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <Field label="Token id" error={fieldError("tokenId")} hint={'Cobo token id, e.g. "ETH_USDT"'}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="tokenId" type="text" autoComplete="off" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} className={`${inputClass} font-mono`} />
          )}
        </Field>
        <Field label="Scope" error={fieldError("scope")}>
          {({ id, describedBy, invalid }) => (
            <select id={id} name="scope" defaultValue="user" aria-describedby={describedBy} aria-invalid={invalid} className={selectClass}>
              <option value="user">per app user</option>
              <option value="wallet">per wallet</option>
            </select>
          )}
        </Field>
        <Field label="Max amount" error={fieldError("maxAmount")} hint="In the token's units; 0 blocks the token.">
          {({ id, describedBy, invalid }) => (
            <input id={id} name="maxAmount" type="text" inputMode="decimal" autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} className={`${inputClass} font-mono`} />
          )}
        </Field>
        <Field label="Window" error={fieldError("windowSeconds")}>
          {({ id, describedBy, invalid }) => (
            <select id={id} name="windowSeconds" defaultValue="86400" aria-describedby={describedBy} aria-invalid={invalid} className={selectClass}>
              {WINDOW_PRESETS.map((w) => (
                <option key={w.seconds} value={w.seconds}>
                  {w.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm text-zinc-700">
        <input type="checkbox" name="enabled" defaultChecked className="size-3.5 accent-zinc-900" />
        Enabled (applies to the next risk-control callback)
      </label>
      <ActionError error={error} />
      {data ? (
        <ActionSuccess>
          Added a {data.scope} limit of <span className="font-mono">{data.maxAmount}</span> {data.tokenId} per {formatWindow(data.windowSeconds)}.
        </ActionSuccess>
      ) : null}
      <SubmitButton pending={pending} pendingLabel="Adding…">
        Add limit
      </SubmitButton>
    </form>
  );
}
