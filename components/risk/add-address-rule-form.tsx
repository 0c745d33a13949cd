"use client";

import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import { SelectField, TextField } from "@/components/actions/form-controls";
import { textField, type ServerAction } from "@/components/actions/use-action-form";
import type { AddressRuleRow } from "@/lib/server/risk/manage-address-rules";

/** Puts a destination on a chain's allow or deny list, with a reason and a confirmation (a second admin may have to approve it). */
export function AddAddressRuleForm({ action }: { action: ServerAction<AddressRuleRow> }) {
  return (
    <ConfirmedActionForm
      action={action}
      label="Add address rule"
      baseInput={{}}
      extraInput={(form) => ({
        kind: textField(form, "kind") ?? "",
        chainId: textField(form, "chainId") ?? "",
        address: textField(form, "address") ?? "",
        note: textField(form, "note"),
      })}
      button="Add rule"
      pendingLabel="Adding…"
      variant="primary"
      size="md"
      confirmText="Change the withdrawal policy"
      reasonPlaceholder="e.g. address flagged by compliance"
      success={(data) => (
        <>
          <span className="font-mono">{data.address}</span> is on the {data.chainId} {data.kind} list.
        </>
      )}
    >
      {(fieldError) => (
        <>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-[10rem_12rem_minmax(0,2fr)_minmax(0,1fr)]">
            <SelectField name="kind" label="List" error={fieldError("kind")} defaultValue="deny">
              <option value="deny">deny</option>
              <option value="allow">allow</option>
            </SelectField>
            <TextField name="chainId" label="Chain id" error={fieldError("chainId")} hint={'e.g. "ETH"'} autoComplete="off" mono />
            <TextField name="address" label="Address" error={fieldError("address")} autoComplete="off" mono />
            <TextField name="note" label="Note (optional)" error={fieldError("note")} autoComplete="off" />
          </div>
          <p className="text-xs text-zinc-500">
            Deny-listed addresses never receive withdrawals. Once a chain has any allow rule, only allow-listed addresses on that chain do.
          </p>
        </>
      )}
    </ConfirmedActionForm>
  );
}
