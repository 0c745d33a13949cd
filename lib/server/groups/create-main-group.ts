import "server-only";
import { appUserActor, renderActor, type Actor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireProjectScheme } from "@/lib/server/vaults/cobo-context";
import { askedBy, mainGroupHolders, registeredNode, requireVault, resumePendingMainGroup } from "@/lib/server/groups/group-inputs";
import { completeGroupProvisioning, planGroup, type GroupCreation } from "@/lib/server/groups/provision-group";
import { requireActiveUser } from "@/lib/server/risk/require-active-user";

// The guide's "Create a Main Group": a Main Group of the user's TSS node (plus the server
// co-signers of a 2-3 or 3-3 scheme; Cobo adds its own holder), then its KeyGen TSS request. The
// device approves the request through the UCW SDK; its status reaches us by webhook or polling.
// The node must be one the user registered; a key generation that went wrong (wrong device, app
// reinstalled before approving) is cancelled (cancel-tss-request.ts), after which a new one starts.

/**
 * Creates the vault's Main Group for `nodeId` and its key generation; repeating the call is safe.
 * `requestedBy` is the app user themselves, or a console admin on their behalf.
 * `nodeField` names the input field in a refusal (the Client API's body field, or a console form's).
 */
export async function createMainGroup(
  userId: string,
  nodeId: string,
  requestedBy: Actor = appUserActor(userId),
  nodeField = "body.tss_node_id",
): Promise<GroupCreation> {
  await requireActiveUser(userId, "Main Group creation", askedBy(requestedBy));
  const vault = await requireVault(userId);
  if (vault.activeMainGroupId)
    throw new AppError("conflict", "Your vault already has a Main Group. Use recovery to move it to a new device.");
  const node = await registeredNode(userId, nodeId, nodeField);

  const resumed = await resumePendingMainGroup(
    vault.id,
    nodeId,
    "A Main Group key generation for another device is in progress. Cancel it (POST /api/v1/tss-requests/{id}/cancel) to start one for this device.",
  );
  if (resumed) return resumed;

  const scheme = await requireProjectScheme(vault.coboProjectId);
  const holders = await mainGroupHolders(vault.user.email, node);
  const groupId = await planGroup({
    vaultId: vault.id,
    groupType: "MainGroup",
    participants: scheme.participants,
    threshold: scheme.threshold,
    holders,
    tssType: "KeyGen",
    requestedBy: renderActor(requestedBy),
  });
  await db.vault.update({ where: { id: vault.id }, data: { status: "MainGroupCreated" } });
  return completeGroupProvisioning(groupId, { planner: true });
}
