"use client";

import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import { SelectField, TextField } from "@/components/actions/form-controls";
import { textField, type ServerAction } from "@/components/actions/use-action-form";
import { formatWindow, WINDOW_PRESETS } from "@/components/risk/format-window";
import type { RiskLimitRow } from "@/lib/server/risk/manage-risk-limits";

/**
 * Adds a rolling amount limit, with a reason and a confirmation (a risk-rule change: a second
 * admin may have to approve it); the amount stays a decimal string all the way to the database.
 */
export function AddRiskLimitForm({ action }: { action: ServerAction<RiskLimitRow> }) {
  return (
    <ConfirmedActionForm
      action={action}
      label="Add amount limit"
      baseInput={{}}
      extraInput={(form) => ({
        scope: textField(form, "scope") ?? "",
        tokenId: textField(form, "tokenId") ?? "",
        maxAmount: textField(form, "maxAmount") ?? "",
        windowSeconds: textField(form, "windowSeconds") ?? "",
        enabled: form.get("enabled") === "on",
      })}
      button="Add limit"
      pendingLabel="Adding…"
      variant="primary"
      size="md"
      confirmText="Change the withdrawal policy"
      reasonPlaceholder="e.g. compliance ticket 42"
      success={(data) => (
        <>
          Added a {data.scope} limit of <span className="font-mono">{data.maxAmount}</span> {data.tokenId} per{" "}
          {formatWindow(data.windowSeconds)}.
        </>
      )}
    >
      {(fieldError) => (
        <>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
            <TextField
              name="tokenId"
              label="Token id"
              error={fieldError("tokenId")}
              hint={'Cobo token id, e.g. "ETH_USDT"'}
              autoComplete="off"
              mono
            />
            <SelectField name="scope" label="Scope" error={fieldError("scope")} defaultValue="user">
              <option value="user">per app user</option>
              <option value="wallet">per wallet</option>
            </SelectField>
            <TextField
              name="maxAmount"
              label="Max amount"
              error={fieldError("maxAmount")}
              hint="In the token's units; 0 blocks the token."
              inputMode="decimal"
              autoComplete="off"
              mono
            />
            <SelectField name="windowSeconds" label="Window" error={fieldError("windowSeconds")} defaultValue="86400">
              {WINDOW_PRESETS.map((w) => (
                <option key={w.seconds} value={w.seconds}>
                  {w.label}
                </option>
              ))}
            </SelectField>
          </div>
          <label className="flex items-center gap-2 text-sm text-zinc-700">
            <input type="checkbox" name="enabled" defaultChecked className="size-3.5 accent-zinc-900" />
            Enabled (applies to the next risk-control callback)
          </label>
        </>
      )}
    </ConfirmedActionForm>
  );
}
