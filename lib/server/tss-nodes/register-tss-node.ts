import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";

export type TssNodeView = { tss_node_id: string; status: string; label: string | null; created_at: string; groups: { key_share_holder_group_id: string; group_type: string; lifecycle: string }[] };

/** Registers a device's TSS node id (from the SDK's Get TSS Node ID) to the caller; idempotent. */
export async function registerTssNode(userId: string, nodeId: string, label: string | null): Promise<{ created: boolean; node: TssNodeView }> {
  const existing = await db.tssNode.findUnique({ where: { nodeId }, select: { userId: true } });
  if (existing && existing.userId !== userId) throw new AppError("conflict", "This TSS node id is registered to another account.");
  let created = false;
  if (!existing) {
    try {
      await db.tssNode.create({ data: { nodeId, userId, kind: "user", label } });
      created = true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const again = await db.tssNode.findUnique({ where: { nodeId }, select: { userId: true } });
      if (again?.userId !== userId) throw new AppError("conflict", "This TSS node id is registered to another account.");
    }
  } else if (label) {
    await db.tssNode.update({ where: { nodeId }, data: { label } });
  }
  const [node] = await listTssNodes(userId, nodeId);
  return { created, node: node! };
}

/** The caller's TSS nodes with the groups each belongs to. */
export async function listTssNodes(userId: string, onlyNodeId?: string): Promise<TssNodeView[]> {
  const nodes = await db.tssNode.findMany({
    where: { userId, ...(onlyNodeId ? { nodeId: onlyNodeId } : {}) },
    orderBy: { createdAt: "asc" },
    select: {
      nodeId: true,
      status: true,
      label: true,
      createdAt: true,
      memberships: { select: { group: { select: { coboGroupId: true, groupType: true, lifecycle: true } } } },
    },
  });
  return nodes.map((n) => ({
    tss_node_id: n.nodeId,
    status: n.status,
    label: n.label,
    created_at: n.createdAt.toISOString(),
    groups: n.memberships.flatMap((m) =>
      m.group.coboGroupId ? [{ key_share_holder_group_id: m.group.coboGroupId, group_type: m.group.groupType, lifecycle: m.group.lifecycle }] : [],
    ),
  }));
}
