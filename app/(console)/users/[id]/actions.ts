"use server";

import { z } from "zod";
import {
  appAccountActionInput,
  endAppUserSessions,
  resetAppPasswordInput,
  resetAppUserPassword,
  unlockAppUserSignIn,
} from "@/lib/server/app-users/manage-app-account";
import { consoleAction } from "@/lib/http/console-action";
import { createMainGroup } from "@/lib/server/groups/create-main-group";
import { createRecoveryGroup } from "@/lib/server/groups/create-recovery-group";
import { recoverMainGroup } from "@/lib/server/groups/recover-main-group";
import { pauseAppUser, pauseAppUserInput, unpauseAppUser, unpauseAppUserInput } from "@/lib/server/risk/set-app-user-status";
import { retireTssNode, retireTssNodeInput, type RetireOutcome } from "@/lib/server/tss-nodes/retire-tss-node";
import { refreshUserBalances } from "@/lib/server/wallets/refresh-balances";

// Admin actions of the user page (made by the console's action client, see lib/http/console-action.ts).
// An admin starts the guide's group flows for an app user (a support call: "my phone cannot set up
// the wallet", "I lost my phone") through the same use-cases as the Client API; only the actor
// differs, so the TSS request and the audit log name the console user. Signing still happens on
// the user's devices: these only create the groups and ask Cobo for the TSS request.

const userId = z.guid("Unknown app user.");
const nodeId = z.string().trim().min(1, "Pick a TSS node.").max(128, "A TSS node id has at most 128 characters.");
const userTarget = (input: { userId: string }) => ({ type: "user", id: input.userId });

/** Admins create an app user's Main Group on one of their TSS nodes (KeyGen). */
export const createMainGroupAction = consoleAction({
  name: "group.create_main",
  role: "admin",
  input: z.object({ userId, nodeId }),
  run: (input, actor) => createMainGroup(input.userId, input.nodeId, actor, "nodeId"),
  target: userTarget,
});

/** Admins create a Recovery Group of the user's other devices (KeyGenFromKeyGroup). */
export const createRecoveryGroupAction = consoleAction({
  name: "group.create_recovery",
  role: "admin",
  input: z.object({
    userId,
    nodeIds: z.array(nodeId).min(1, "Pick the devices of the Recovery Group.").max(16, "Pick at most 16 devices."),
  }),
  run: (input, actor) => createRecoveryGroup(input.userId, input.nodeIds, actor, "nodeIds"),
  target: userTarget,
});

/**
 * Admins move a user's Main Group to a new device from a Valid Recovery Group (Recovery), with a
 * reason; a second admin approves it first when the approval policy says so (category "recovery").
 */
export const recoverMainGroupAction = consoleAction({
  name: "group.recover_main",
  role: "admin",
  approval: "recovery",
  input: z.object({ userId, recoveryGroupId: z.string().trim().min(1, "Pick a Recovery Group.").max(128), nodeId }),
  run: (input, actor) => recoverMainGroup(input.userId, input.recoveryGroupId, input.nodeId, actor, "nodeId"),
  target: userTarget,
});

/** Admins pause an app user, with a reason: no key changes, no transfers, withdrawals denied at the callback. */
export const pauseUserAction = consoleAction({
  name: "app_user.pause",
  role: "admin",
  input: pauseAppUserInput,
  run: (input, actor) => pauseAppUser(input.userId, input.reason, actor),
  target: (input) => ({ type: "app_user", id: input.userId }),
  details: (input) => ({ reason: input.reason }),
});

/** Admins unpause an app user, with a reason (audited); a second admin approves it first when the policy says so. */
export const unpauseUserAction = consoleAction({
  name: "app_user.unpause",
  role: "admin",
  approval: "unpause",
  input: unpauseAppUserInput,
  run: (input) => unpauseAppUser(input.userId),
  target: (input) => ({ type: "app_user", id: input.userId }),
  details: (input) => ({ reason: input.reason }),
});

/**
 * Admins retire one of an app user's TSS nodes (a lost or replaced phone), with a reason kept on the
 * node and in the audit log. Final: there is no un-retire (see lib/server/tss-nodes/retire-tss-node.ts).
 */
export const retireTssNodeAction = consoleAction({
  name: "tss_node.retire",
  role: "admin",
  input: retireTssNodeInput,
  run: async (input, actor): Promise<RetireOutcome> => {
    const { retired, mustRecover, node } = await retireTssNode(input.userId, input.nodeId, input.reason, actor);
    return { nodeId: node.nodeId, retired, mustRecover };
  },
  target: userTarget,
  details: (input) => ({ tssNodeId: input.nodeId, reason: input.reason }),
});

/** Every console user (support too: it only reads) re-reads an app user's balances from Cobo into the stored snapshot. */
export const refreshBalancesAction = consoleAction({
  name: "balances.refresh",
  role: "any",
  input: z.object({ userId }),
  run: (input) => refreshUserBalances(input.userId),
  target: userTarget,
});

/** Admins end every session of an app user (a reason is required). */
export const endAppSessionsAction = consoleAction({
  name: "app_user.sign_out_everywhere",
  role: "admin",
  input: appAccountActionInput,
  run: (input) => endAppUserSessions(input.userId),
  target: (input) => ({ type: "app_user", id: input.userId }),
  details: (input) => ({ reason: input.reason }),
});

/** Admins set a new password for an app user: their sessions end and their lockout lifts. The password is never audited. */
export const resetAppPasswordAction = consoleAction({
  name: "app_user.reset_password",
  role: "admin",
  input: resetAppPasswordInput,
  run: (input) => resetAppUserPassword(input.userId, input.password),
  target: (input) => ({ type: "app_user", id: input.userId }),
  details: (input) => ({ reason: input.reason }),
});

/** Admins lift an app user's sign-in lockout. */
export const unlockAppSignInAction = consoleAction({
  name: "app_user.unlock_sign_in",
  role: "admin",
  input: appAccountActionInput,
  run: (input) => unlockAppUserSignIn(input.userId),
  target: (input) => ({ type: "app_user", id: input.userId }),
  details: (input) => ({ reason: input.reason }),
});
