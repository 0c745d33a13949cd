import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isRetiredNode, mainGroupMustRecover } from "@/lib/domain/status/tss-node";

// What the admin forms on a user's page may offer: the user's TSS nodes, which of them can join a
// Recovery Group, and which Recovery Groups can recover the vault. The use-cases check all of this
// again (and decide); this only keeps the forms from offering choices that cannot work.

export type NodeOption = { nodeId: string; label: string | null };

export type RecoveryGroupOption = {
  coboGroupId: string;
  threshold: number;
  participants: number;
  /** the user's devices in the group: a new Main Group must be on another device */
  nodeIds: string[];
};

export type UserGroupOptions = {
  /** The vault exists at Cobo (group flows need it). */
  hasVault: boolean;
  activeMainGroup: {
    coboGroupId: string | null;
    threshold: number;
    nodeIds: string[];
    /** every device of the user in it is retired (a lost phone): only recovery can help */
    mustRecover: boolean;
  } | null;
  /** A Main Group whose key generation (or recovery) has not finished yet, with its open TSS request (admins may cancel it). */
  pendingMainGroup: {
    coboGroupId: string | null;
    nodeIds: string[];
    tssRequest: { id: string; coboTssRequestId: string; status: string } | null;
  } | null;
  /** Every active TSS node of the user's devices (retired ones are never offered). */
  nodes: NodeOption[];
  /** The user's nodes outside the active Main Group. */
  recoveryCandidates: NodeOption[];
  /** Recovery Groups that hold key shares (Cobo status Valid, lifecycle active) and still have enough devices that are not retired. */
  recoveryGroups: RecoveryGroupOption[];
};

const idSchema = z.guid();

/** The choices for the Main Group, Recovery Group and recovery forms; null for an unknown user. */
export async function getUserGroupOptions(rawUserId: unknown): Promise<UserGroupOptions | null> {
  const parsed = idSchema.safeParse(rawUserId);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({
    where: { id: parsed.data },
    select: {
      tssNodes: {
        where: { kind: "user", status: "active" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { nodeId: true, label: true },
      },
      vault: {
        select: {
          coboVaultId: true,
          activeMainGroupId: true,
          groups: {
            where: { OR: [{ groupType: "MainGroup", lifecycle: "pending" }, { lifecycle: "active" }] },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            select: {
              id: true,
              coboGroupId: true,
              groupType: true,
              threshold: true,
              participants: true,
              status: true,
              lifecycle: true,
              members: { select: { node: { select: { nodeId: true, kind: true, status: true } } } },
              targetOfRequests: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, coboTssRequestId: true, status: true } },
            },
          },
        },
      },
    },
  });
  if (!user) return null;

  const groups = user.vault?.groups ?? [];
  const devices = (g: (typeof groups)[number]) => g.members.filter((m) => m.node.kind === "user");
  const deviceIds = (g: (typeof groups)[number]) => devices(g).map((m) => m.node.nodeId);
  const active = groups.find((g) => g.id === user.vault?.activeMainGroupId);
  const pending = groups.filter((g) => g.groupType === "MainGroup" && g.lifecycle === "pending").at(-1);
  const inMain = new Set(active ? active.members.map((m) => m.node.nodeId) : []);

  return {
    hasVault: Boolean(user.vault?.coboVaultId),
    activeMainGroup: active
      ? {
          coboGroupId: active.coboGroupId,
          threshold: active.threshold,
          nodeIds: deviceIds(active),
          mustRecover: mainGroupMustRecover(devices(active).map((m) => m.node.status)),
        }
      : null,
    pendingMainGroup: pending
      ? { coboGroupId: pending.coboGroupId, nodeIds: deviceIds(pending), tssRequest: pending.targetOfRequests[0] ?? null }
      : null,
    nodes: user.tssNodes,
    recoveryCandidates: user.tssNodes.filter((n) => !inMain.has(n.nodeId)),
    recoveryGroups: groups.flatMap((g) =>
      g.groupType === "RecoveryGroup" &&
      g.lifecycle === "active" &&
      g.status === "Valid" &&
      g.coboGroupId &&
      g.members.filter((m) => !isRetiredNode(m.node.status)).length >= g.threshold
        ? [{ coboGroupId: g.coboGroupId, threshold: g.threshold, participants: g.participants, nodeIds: deviceIds(g) }]
        : [],
    ),
  };
}
