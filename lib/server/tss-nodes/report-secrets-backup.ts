import "server-only";
import { db } from "@/lib/db/client";
import { isRetiredNode, TSS_NODE_RETIRED, type SecretsBackupMethod } from "@/lib/domain/status/tss-node";
import { AppError } from "@/lib/errors";
import { listTssNodes, type TssNodeRecord } from "@/lib/server/tss-nodes/register-tss-node";

// The app reports that the user backed up the Secrets of one of their devices (the UCW SDK's
// exportSecrets, kept in the cloud, written down or saved as a file). Only the fact is recorded,
// per TSS node: how, when the app says it happened, and when the report arrived. No secret
// material is accepted (the Client API's body takes exactly `method` and `backed_up_at`) or stored.
//
// The newest backup wins: a report is recorded only when it is later than the one on record, so a
// repeated or late report (the app retrying, two devices' queues draining out of order) changes
// nothing. A retired node's backup is not recorded (its device is gone, or out of use).

export type BackupReport = { method: SecretsBackupMethod; backedUpAt: Date };

/** Records a Secrets backup of one of `userId`'s TSS nodes; `recorded` is false for a repeated or older report. */
export async function reportSecretsBackup(
  userId: string,
  nodeId: string,
  report: BackupReport,
): Promise<{ recorded: boolean; node: TssNodeRecord }> {
  const node = await db.tssNode.findFirst({ where: { nodeId, userId, kind: "user" }, select: { id: true, status: true } });
  if (!node) throw new AppError("not_found", `TSS node ${nodeId} was not found.`);
  if (isRetiredNode(node.status))
    throw new AppError("conflict", `TSS node ${nodeId} is retired: a backup of a retired device is not recorded.`);
  const done = await db.tssNode.updateMany({
    where: {
      id: node.id,
      status: { not: TSS_NODE_RETIRED },
      OR: [{ secretsBackedUpAt: null }, { secretsBackedUpAt: { lt: report.backedUpAt } }],
    },
    data: { secretsBackupMethod: report.method, secretsBackedUpAt: report.backedUpAt, secretsBackupReportedAt: new Date() },
  });
  const [record] = await listTssNodes(userId, nodeId);
  // Retired between the read and the write: the write did not happen, and saying so is the truth.
  if (done.count === 0 && isRetiredNode(record!.status))
    throw new AppError("conflict", `TSS node ${nodeId} is retired: a backup of a retired device is not recorded.`);
  return { recorded: done.count === 1, node: record! };
}
