import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { isRetiredNode } from "@/lib/domain/status/tss-node";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

const tssNodeRecordSelect = {
  nodeId: true,
  status: true,
  label: true,
  createdAt: true,
  retiredAt: true,
  retiredBy: true,
  retireReason: true,
  secretsBackupMethod: true,
  secretsBackedUpAt: true,
  secretsBackupReportedAt: true,
  memberships: { select: { group: { select: { coboGroupId: true, groupType: true, lifecycle: true } } } },
} as const satisfies Prisma.TssNodeSelect;

/** A TSS node with the groups it is a member of. */
export type TssNodeRecord = Prisma.TssNodeGetPayload<{ select: typeof tssNodeRecordSelect }>;

/**
 * Registers a device's TSS node id (from the SDK's Get TSS Node ID) to the caller; idempotent. A
 * node the caller retired stays retired: registering it again is a conflict (retiring is final; a
 * found phone initialises new Secrets and registers the new node id).
 */
export async function registerTssNode(
  userId: string,
  nodeId: string,
  label: string | null,
): Promise<{ created: boolean; node: TssNodeRecord }> {
  const existing = await db.tssNode.findUnique({ where: { nodeId }, select: { userId: true, status: true } });
  if (existing && existing.userId !== userId) throw new AppError("conflict", "This TSS node id is registered to another account.");
  if (existing && isRetiredNode(existing.status))
    throw new AppError(
      "conflict",
      `TSS node ${nodeId} was retired and cannot be used again. Initialise new Secrets on the device and register its new TSS node id.`,
    );
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
export async function listTssNodes(userId: string, onlyNodeId?: string): Promise<TssNodeRecord[]> {
  return db.tssNode.findMany({
    where: { userId, ...(onlyNodeId ? { nodeId: onlyNodeId } : {}) },
    orderBy: { createdAt: "asc" },
    select: tssNodeRecordSelect,
  });
}
