"use client";

import { useState } from "react";
import { ActionError, Field, selectClass, SubmitButton } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import { GroupCreationResult } from "@/components/users/group-creation-result";
import { nodeOptionLabel } from "@/components/users/node-label";
import type { NodeOption, RecoveryGroupOption } from "@/lib/server/console/get-user-group-options";
import type { GroupCreation } from "@/lib/server/groups/provision-group";

/** Recover Main Group: a Valid Recovery Group moves the key to a new device of the user. */
export function RecoverMainGroupForm({
  userId,
  recoveryGroups,
  nodes,
  action,
}: {
  userId: string;
  recoveryGroups: RecoveryGroupOption[];
  nodes: NodeOption[];
  action: ServerAction<GroupCreation>;
}) {
  const [groupId, setGroupId] = useState(recoveryGroups[0]?.coboGroupId ?? "");
  const group = recoveryGroups.find((g) => g.coboGroupId === groupId);
  // The new device must not be one of the Recovery Group's own devices.
  const newNodes = nodes.filter((n) => !group?.nodeIds.includes(n.nodeId));
  const { onSubmit, pending, data, error, fieldError } = useActionForm(action, (form) => ({
    userId,
    recoveryGroupId: textField(form, "recoveryGroupId") ?? "",
    nodeId: textField(form, "nodeId") ?? "",
  }));
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Recover Main Group">
      <Field label="Recovery Group" error={fieldError("recoveryGroupId")}>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            name="recoveryGroupId"
            value={groupId}
            onChange={(e) => setGroupId(e.currentTarget.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={selectClass}
          >
            {recoveryGroups.map((g) => (
              <option key={g.coboGroupId} value={g.coboGroupId}>
                {g.coboGroupId} ({g.threshold}-of-{g.participants})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="New device (TSS node)"
        error={fieldError("nodeId")}
        hint={newNodes.length === 0 ? "Every registered node is in this Recovery Group: the new phone must register its node first." : "It becomes the new Main Group's device."}
      >
        {({ id, describedBy, invalid }) => (
          <select key={groupId} id={id} name="nodeId" aria-describedby={describedBy} aria-invalid={invalid} disabled={newNodes.length === 0} className={selectClass}>
            {newNodes.map((n) => (
              <option key={n.nodeId} value={n.nodeId}>
                {nodeOptionLabel(n)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ActionError error={error} />
      {data ? <GroupCreationResult result={data} what="Recovery" /> : null}
      <SubmitButton pending={pending} pendingLabel="Starting…" disabled={newNodes.length === 0}>
        Recover Main Group
      </SubmitButton>
    </form>
  );
}
