import type { z } from "zod";
import type { MeSchema, TssNodeSchema } from "@/lib/api/v1/nodes.schema";
import type { TssNodeRecord } from "@/lib/server/tss-nodes/register-tss-node";
import type { getMe } from "@/lib/server/app-users/get-me";
import { TSS_NODE_RETIRED } from "@/lib/domain/status/tss-node";
import { parseActorRef } from "@/lib/actor";

// Domain records → the Client API's account and TSS node answers.

export type TssNodeDto = z.output<typeof TssNodeSchema>;
export type MeDto = z.output<typeof MeSchema>;

/** A TSS node with the groups it belongs to (only those Cobo already knows). */
export function presentTssNode(n: TssNodeRecord): TssNodeDto {
  return {
    tss_node_id: n.nodeId,
    status: n.status,
    label: n.label,
    created_at: n.createdAt.toISOString(),
    retirement:
      n.status === TSS_NODE_RETIRED && n.retiredAt
        ? {
            retired_at: n.retiredAt.toISOString(),
            retired_by: byAdmin(n.retiredBy) ? "admin" : "self",
            reason: byAdmin(n.retiredBy) ? null : n.retireReason,
          }
        : null,
    secrets_backup:
      n.secretsBackupMethod && n.secretsBackedUpAt && n.secretsBackupReportedAt
        ? {
            method: n.secretsBackupMethod,
            backed_up_at: n.secretsBackedUpAt.toISOString(),
            reported_at: n.secretsBackupReportedAt.toISOString(),
          }
        : null,
    groups: n.memberships.flatMap((m) =>
      m.group.coboGroupId
        ? [{ key_share_holder_group_id: m.group.coboGroupId, group_type: m.group.groupType, lifecycle: m.group.lifecycle }]
        : [],
    ),
  };
}

/** Retired by a console admin (anything else was the user, through the Client API). */
function byAdmin(retiredBy: string | null): boolean {
  return retiredBy !== null && parseActorRef(retiredBy).kind === "console";
}

export function presentMe(me: Awaited<ReturnType<typeof getMe>>): MeDto {
  return { id: me.id, email: me.email, status: me.status, vault_id: me.vaultId, tss_nodes: me.tssNodes.map(presentTssNode) };
}
