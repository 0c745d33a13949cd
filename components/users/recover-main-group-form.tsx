"use client";

import { useState } from "react";
import { ConfirmedActionForm } from "@/components/actions/confirmed-action-form";
import { SelectField } from "@/components/actions/form-controls";
import { textField, type ServerAction } from "@/components/actions/use-action-form";
import { GroupCreationResult } from "@/components/users/group-creation-result";
import { nodeOptionLabel } from "@/components/users/node-label";
import type { NodeOption, RecoveryGroupOption } from "@/lib/console/get-user-group-options";
import type { GroupCreation } from "@/lib/server/groups/provision-group";

/**
 * Recover Main Group: a Valid Recovery Group moves the key to a new device of the user. Asks for a
 * reason and a confirmation (a second admin may have to approve it: lib/http/console-action.ts).
 */
export function RecoverMainGroupForm({
  userId,
  recoveryGroups,
  nodes,
  currentNodeIds,
  action,
}: {
  userId: string;
  recoveryGroups: RecoveryGroupOption[];
  nodes: NodeOption[];
  /** The current Main Group's devices (the lost phone): recovery moves the key away from them. */
  currentNodeIds: string[];
  action: ServerAction<GroupCreation>;
}) {
  const [groupId, setGroupId] = useState(recoveryGroups[0]?.coboGroupId ?? "");
  const group = recoveryGroups.find((g) => g.coboGroupId === groupId);
  // The new device is a replacement: neither the current Main Group's (lost) device nor one of
  // the Recovery Group's own devices.
  const newNodes = nodes.filter((n) => !group?.nodeIds.includes(n.nodeId) && !currentNodeIds.includes(n.nodeId));
  return (
    <ConfirmedActionForm
      action={action}
      label="Recover Main Group"
      baseInput={{ userId }}
      extraInput={(form) => ({ recoveryGroupId: textField(form, "recoveryGroupId") ?? "", nodeId: textField(form, "nodeId") ?? "" })}
      button="Recover Main Group"
      pendingLabel="Starting…"
      variant="primary"
      size="md"
      disabled={newNodes.length === 0}
      confirmText="Move this user's key to the new device"
      reasonPlaceholder="e.g. phone lost, identity checked (ticket 12)"
      bareSuccess
      success={(data) => <GroupCreationResult result={data} what="Recovery" />}
    >
      {(fieldError) => (
        <>
          <SelectField
            name="recoveryGroupId"
            label="Recovery Group"
            error={fieldError("recoveryGroupId")}
            value={groupId}
            onChange={(e) => setGroupId(e.currentTarget.value)}
          >
            {recoveryGroups.map((g) => (
              <option key={g.coboGroupId} value={g.coboGroupId}>
                {g.coboGroupId} ({g.threshold}-of-{g.participants})
              </option>
            ))}
          </SelectField>
          <SelectField
            // a new list of nodes for each Recovery Group: the choice starts again at its first
            key={groupId}
            name="nodeId"
            label="New device (TSS node)"
            error={fieldError("nodeId")}
            hint={
              newNodes.length === 0
                ? "Every registered node is the current Main Group's or in this Recovery Group: the new phone must register its node first."
                : "It becomes the new Main Group's device."
            }
            disabled={newNodes.length === 0}
          >
            {newNodes.map((n) => (
              <option key={n.nodeId} value={n.nodeId}>
                {nodeOptionLabel(n)}
              </option>
            ))}
          </SelectField>
        </>
      )}
    </ConfirmedActionForm>
  );
}
