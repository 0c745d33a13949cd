"use client";

import { useState } from "react";
import { ActionError, SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import { GroupCreationResult } from "@/components/users/group-creation-result";
import type { NodeOption } from "@/lib/console/get-user-group-options";
import type { GroupCreation } from "@/lib/server/groups/provision-group";

/** Create Recovery Group: at least the Main Group's threshold of the user's other devices. */
export function RecoveryGroupForm({
  userId,
  candidates,
  threshold,
  action,
}: {
  userId: string;
  candidates: NodeOption[];
  threshold: number;
  action: ServerAction<GroupCreation>;
}) {
  const [picked, setPicked] = useState(0);
  const { onSubmit, pending, data, error, fieldError } = useActionForm(action, (form) => ({
    userId,
    nodeIds: form.getAll("nodeIds").filter((v): v is string => typeof v === "string"),
  }));
  const nodesError = fieldError("nodeIds");
  const enough = picked >= threshold;
  return (
    <form
      onSubmit={onSubmit}
      onChange={(e) => setPicked(new FormData(e.currentTarget).getAll("nodeIds").length)}
      className="space-y-3"
      aria-label="Create Recovery Group"
    >
      <fieldset aria-describedby="recovery-nodes-hint" aria-invalid={Boolean(nodesError)} className="min-w-0 space-y-1">
        <legend className="text-xs font-medium text-zinc-700">Devices</legend>
        <ul className="max-h-44 space-y-1 overflow-y-auto rounded-md border border-zinc-200 p-2">
          {candidates.map((n) => (
            <li key={n.nodeId}>
              <label className="flex min-w-0 items-center gap-2 text-sm text-zinc-800">
                <input type="checkbox" name="nodeIds" value={n.nodeId} className="size-3.5 shrink-0 accent-zinc-900" />
                <span className="min-w-0 truncate font-mono text-xs" title={n.nodeId}>
                  {n.nodeId}
                </span>
                {n.label ? <span className="shrink-0 text-xs text-zinc-500">{n.label}</span> : null}
              </label>
            </li>
          ))}
        </ul>
        <p id="recovery-nodes-hint" className="text-xs text-zinc-500">
          Pick at least {threshold} (the Main Group&apos;s threshold); {picked} picked.
        </p>
        {nodesError ? <p className="text-xs text-red-700">{nodesError}</p> : null}
      </fieldset>
      <ActionError error={error} />
      {data ? <GroupCreationResult result={data} what="Recovery Group" /> : null}
      <SubmitButton
        pending={pending}
        pendingLabel="Creating…"
        disabled={!enough}
        title={enough ? undefined : `Pick at least ${threshold} devices`}
      >
        Create Recovery Group
      </SubmitButton>
    </form>
  );
}
