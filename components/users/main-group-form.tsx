"use client";

import { ActionError, SelectField, SubmitButton } from "@/components/actions/form-controls";
import { textField, useActionForm, type ServerAction } from "@/components/actions/use-action-form";
import { GroupCreationResult } from "@/components/users/group-creation-result";
import { nodeOptionLabel } from "@/components/users/node-label";
import type { NodeOption } from "@/lib/console/get-user-group-options";
import type { GroupCreation } from "@/lib/server/groups/provision-group";

/** Create Main Group: one of the user's TSS nodes, then Cobo's KeyGen request for it. */
export function MainGroupForm({
  userId,
  nodes,
  defaultNodeId,
  action,
}: {
  userId: string;
  nodes: NodeOption[];
  /** the node of a key generation in progress, so resubmitting resumes it */
  defaultNodeId?: string;
  action: ServerAction<GroupCreation>;
}) {
  const { onSubmit, pending, data, error, fieldError } = useActionForm(action, (form) => ({
    userId,
    nodeId: textField(form, "nodeId") ?? "",
  }));
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Create Main Group">
      <SelectField
        name="nodeId"
        label="TSS node"
        error={fieldError("nodeId")}
        hint="The device that will hold the user's key share."
        defaultValue={defaultNodeId ?? nodes[0]?.nodeId}
      >
        {nodes.map((n) => (
          <option key={n.nodeId} value={n.nodeId}>
            {nodeOptionLabel(n)}
          </option>
        ))}
      </SelectField>
      <ActionError error={error} />
      {data ? <GroupCreationResult result={data} what="Main Group" /> : null}
      <SubmitButton pending={pending} pendingLabel="Creating…">
        Create Main Group
      </SubmitButton>
    </form>
  );
}
