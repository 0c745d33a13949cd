import "server-only";
import { z } from "zod";
import { renderActor, type Actor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { isRetiredNode, mainGroupMustRecover, TSS_NODE_RETIRED } from "@/lib/domain/status/tss-node";
import { AppError } from "@/lib/errors";
import { listTssNodes, type TssNodeRecord } from "@/lib/server/tss-nodes/register-tss-node";

// Retiring a lost (or decommissioned) device's TSS node: the app user for themselves (Client API)
// or an admin on their behalf (console), always with a reason. A retired node is never offered or
// accepted again as a Main Group device, a Recovery Group member or a recovery target
// (lib/server/groups/group-inputs.ts), and a reshare never counts on it as a source. Retiring the
// only device of the active Main Group is allowed (that is the lost-phone case): the user then
// has to recover onto a new device from a Recovery Group.
//
// Retiring is final and idempotent: retiring a retired node changes nothing and answers the node as
// it is (first retirement's time, author and reason). There is no un-retire, for anyone: a phone
// that turns up again initialises new Secrets and registers a new node (registering the retired id
// again is refused, register-tss-node.ts). Nothing is called at Cobo: Cobo has no operation to
// retire a key share holder, and its key shares stay where they are (see docs/cobo.md#lost-devices).
//
// Pausing a user does not stop this: retiring only takes a device out of use.

export const RETIRE_REASON_MAX = 500;

export const retireReasonSchema = z
  .string("Give a reason.")
  .trim()
  .min(3, "Give a reason (at least 3 characters).")
  .max(RETIRE_REASON_MAX, `A reason has at most ${RETIRE_REASON_MAX} characters.`);

/** The console form's input (the Client API's body is declared in lib/api/v1/nodes.schema.ts). */
export const retireTssNodeInput = z.object({
  userId: z.guid("Unknown app user."),
  nodeId: z.string().trim().min(1, "Pick a TSS node.").max(128, "A TSS node id has at most 128 characters."),
  reason: retireReasonSchema,
});

export type RetireResult = {
  /** false when the node was already retired (nothing changed) */
  retired: boolean;
  node: TssNodeRecord;
  /** the vault's active Main Group has no device of the user left that is not retired: recover */
  mustRecover: boolean;
};

/** What the console's retire form is told. */
export type RetireOutcome = { nodeId: string; retired: boolean; mustRecover: boolean };

/**
 * Retires one of `userId`'s TSS nodes. Another user's node, Cobo's or a co-signer's, and an unknown
 * id are all "not found" (node ids cannot be probed).
 */
export async function retireTssNode(userId: string, nodeId: string, reason: string, by: Actor): Promise<RetireResult> {
  const node = await db.tssNode.findFirst({ where: { nodeId, userId, kind: "user" }, select: { id: true, status: true } });
  if (!node) throw new AppError("not_found", `TSS node ${nodeId} was not found.`);
  let retired = false;
  if (!isRetiredNode(node.status)) {
    // Conditional: of two concurrent retirements exactly one writes; the other answers its result.
    const done = await db.tssNode.updateMany({
      where: { id: node.id, status: { not: TSS_NODE_RETIRED } },
      data: { status: TSS_NODE_RETIRED, retiredAt: new Date(), retiredBy: renderActor(by), retireReason: reason },
    });
    retired = done.count === 1;
  }
  const [record] = await listTssNodes(userId, nodeId);
  return { retired, node: record!, mustRecover: await activeMainGroupNeedsRecovery(userId) };
}

/** Whether the user's active Main Group has user devices and every one of them is retired. */
export async function activeMainGroupNeedsRecovery(userId: string): Promise<boolean> {
  const vault = await db.vault.findUnique({
    where: { userId },
    select: {
      activeMainGroup: { select: { members: { where: { node: { kind: "user" } }, select: { node: { select: { status: true } } } } } },
    },
  });
  return mainGroupMustRecover((vault?.activeMainGroup?.members ?? []).map((m) => m.node.status));
}
