"use client";

import { useState } from "react";
import { ActionError, ActionSuccess, ReasonField, SelectField, SubmitButton } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import { nodeOptionLabel } from "@/components/users/node-label";
import type { NodeOption } from "@/lib/console/get-user-group-options";
import type { RetireOutcome } from "@/lib/server/tss-nodes/retire-tss-node";

/**
 * Retire a lost or replaced device's TSS node, with a reason, after a confirmation step ("Retire
 * device…" → "Confirm retire"), so a stray click changes nothing. Retiring is final.
 */
export function RetireNodeForm({ userId, nodes, action }: { userId: string; nodes: NodeOption[]; action: ServerAction<RetireOutcome> }) {
  const [picked, setNodeId] = useState(nodes[0]?.nodeId ?? "");
  // After a retirement the page re-renders without that node: fall back to the first one left.
  const nodeId = nodes.some((n) => n.nodeId === picked) ? picked : (nodes[0]?.nodeId ?? "");
  const [confirming, setConfirming] = useState(false);
  const { formRef, onSubmit, pending, data, error, fieldError } = useActionForm(
    action,
    (form) => ({ userId, nodeId: textField(form, "nodeId") ?? "", reason: textField(form, "reason") }),
    { resetOnSuccess: true },
  );
  const chosen = nodes.find((n) => n.nodeId === nodeId);
  const outcome = data ? (
    <ActionSuccess>
      {data.retired ? "Retired" : "Already retired:"} <span className="font-mono text-xs">{data.nodeId}</span>.
      {data.mustRecover
        ? " Every device of the active Main Group is now retired: the user must recover onto a new device from a Recovery Group."
        : null}
    </ActionSuccess>
  ) : null;
  if (nodes.length === 0)
    return (
      <div className="space-y-3">
        {outcome}
        <p className="text-sm text-zinc-600">No device of this user can be retired: none is registered, or all are retired already.</p>
      </div>
    );
  return (
    <form
      ref={formRef}
      aria-label="Retire a device"
      onSubmit={(event) => {
        onSubmit(event);
        setConfirming(false);
      }}
      className="space-y-3"
    >
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <SelectField
          name="nodeId"
          label="Device (TSS node)"
          error={fieldError("nodeId")}
          value={nodeId}
          onChange={(e) => {
            setNodeId(e.currentTarget.value);
            setConfirming(false);
          }}
        >
          {nodes.map((n) => (
            <option key={n.nodeId} value={n.nodeId}>
              {nodeOptionLabel(n)}
            </option>
          ))}
        </SelectField>
        <ReasonField
          label="Reason for retiring"
          error={fieldError("reason")}
          hint="Kept on the node and in the audit log."
          placeholder="e.g. phone lost, reported by the user on a support call"
        />
      </div>
      {confirming && chosen ? (
        <div
          role="group"
          aria-label="Confirm retiring"
          className="space-y-2 rounded-md bg-red-50 px-3 py-2 ring-1 ring-red-600/20 ring-inset"
        >
          <p className="text-sm text-red-800">
            Retire <span className="font-mono text-xs">{nodeOptionLabel(chosen)}</span>? It is never offered or accepted for a Main Group, a
            Recovery Group or recovery again, and this cannot be undone.
          </p>
          <span className="flex items-center gap-2">
            <SubmitButton pending={pending} pendingLabel="Retiring…" variant="danger" size="sm">
              Confirm retire
            </SubmitButton>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="h-7 rounded-md px-2 text-xs font-medium text-zinc-600 hover:bg-zinc-100"
            >
              Cancel
            </button>
          </span>
        </div>
      ) : (
        <button
          type="button"
          disabled={!chosen}
          onClick={() => {
            if (formRef.current?.reportValidity()) setConfirming(true);
          }}
          className="h-7 rounded-md border border-red-300 bg-white px-2 text-xs font-medium text-red-700 shadow-xs hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-60"
        >
          Retire device…
        </button>
      )}
      <ActionError error={error} />
      {outcome}
    </form>
  );
}
