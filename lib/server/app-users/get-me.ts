import "server-only";
import { selectMe } from "@/lib/db/hot-sql";
import { AppError } from "@/lib/errors";
import type { TssNodeRecord } from "@/lib/server/tss-nodes/register-tss-node";

/** The signed-in app user with vault id and TSS nodes (one query: selectMe, lib/db/hot-sql.ts). */
export async function getMe(userId: string) {
  const user = await selectMe(userId);
  if (!user) throw new AppError("unauthenticated", "This account no longer exists.");
  const tssNodes: TssNodeRecord[] = user.tss_nodes.map((n) => ({
    nodeId: n.tss_node_id,
    status: n.status,
    label: n.label,
    createdAt: new Date(n.created_at),
    retiredAt: dateOrNull(n.retired_at),
    retiredBy: n.retired_by,
    retireReason: n.retire_reason,
    secretsBackupMethod: n.secrets_backup_method,
    secretsBackedUpAt: dateOrNull(n.secrets_backed_up_at),
    secretsBackupReportedAt: dateOrNull(n.secrets_backup_reported_at),
    memberships: n.groups.map((g) => ({
      group: { coboGroupId: g.key_share_holder_group_id, groupType: g.group_type, lifecycle: g.lifecycle },
    })),
  }));
  return { id: user.id, email: user.email, status: user.status, vaultId: user.cobo_vault_id, tssNodes };
}

function dateOrNull(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}
