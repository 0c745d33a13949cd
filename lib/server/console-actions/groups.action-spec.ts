import "server-only";
import { z } from "zod";
import type { ActionSpec } from "@/lib/server/actions/run-action";
import type { ConsoleIdentity } from "@/lib/server/auth/console-users";
import { createMainGroup } from "@/lib/server/groups/create-main-group";
import type { GroupCreation } from "@/lib/server/groups/provision-group";
import { createRecoveryGroup } from "@/lib/server/groups/create-recovery-group";
import { recoverMainGroup } from "@/lib/server/groups/recover-main-group";

// An admin starts the guide's group flows for an app user (a support call: "my phone cannot set up
// the wallet", "I lost my phone"). They call the same use-cases as the Client API; only
// `requestedBy` differs, so the TSS request and the audit log name the console user. Signing still
// happens on the user's devices: these only create the groups and ask Cobo for the TSS request.

const userId = z.guid("Unknown app user.");
const nodeId = z.string().trim().min(1, "Pick a TSS node.").max(128, "A TSS node id has at most 128 characters.");

export const createMainGroupInput = z.object({ userId, nodeId });

export const createRecoveryGroupInput = z.object({
  userId,
  nodeIds: z.array(nodeId).min(1, "Pick the devices of the Recovery Group.").max(16, "Pick at most 16 devices."),
});

export const recoverMainGroupInput = z.object({
  userId,
  recoveryGroupId: z.string().trim().min(1, "Pick a Recovery Group.").max(128),
  nodeId,
});

const requestedBy = (actor: ConsoleIdentity) => `console:${actor.id}`;
const userTarget = (input: { userId: string }) => ({ type: "user", id: input.userId });

/** Admins create an app user's Main Group on one of their TSS nodes (KeyGen). */
export const createMainGroupSpec: ActionSpec<z.output<typeof createMainGroupInput>, GroupCreation> = {
  name: "group.create_main",
  role: "admin",
  input: createMainGroupInput,
  target: userTarget,
  run: (input, actor) => createMainGroup(input.userId, input.nodeId, requestedBy(actor), "nodeId"),
};

/** Admins create a Recovery Group of the user's other devices (KeyGenFromKeyGroup). */
export const createRecoveryGroupSpec: ActionSpec<z.output<typeof createRecoveryGroupInput>, GroupCreation> = {
  name: "group.create_recovery",
  role: "admin",
  input: createRecoveryGroupInput,
  target: userTarget,
  run: (input, actor) => createRecoveryGroup(input.userId, input.nodeIds, requestedBy(actor)),
};

/** Admins move a user's Main Group to a new device from a Valid Recovery Group (Recovery). */
export const recoverMainGroupSpec: ActionSpec<z.output<typeof recoverMainGroupInput>, GroupCreation> = {
  name: "group.recover_main",
  role: "admin",
  input: recoverMainGroupInput,
  target: userTarget,
  run: (input, actor) => recoverMainGroup(input.userId, input.recoveryGroupId, input.nodeId, requestedBy(actor), "nodeId"),
};
