import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { adoptTssRequest, type TssGroupHint } from "@/lib/server/tss-requests/adopt-tss-request";
import { applyTssRequestUpdate, type TssUpdateResult, type TssUpdateSource } from "@/lib/server/tss-requests/apply-tss-request-update";
import { isFinalTssStatus } from "@/lib/server/tss-requests/tss-status";

// Re-reads a TSS request from Cobo and applies what Cobo says: the polling option of the guide,
// and what a webhook triggers (a webhook is a nudge; Cobo's answer is the truth, and TSS request
// events carry no vault id, which we know locally, or learn from the group of ours the request
// names: see adopt-tss-request.ts). After a success, the target group is re-read too, for its key
// share group id and root public key.

/**
 * Syncs one TSS request (by Cobo id) from Cobo; `found: false` if it is not ours. One we have not
 * seen is adopted when `groups` (the event's target / source group ids) name a group of ours.
 */
export async function syncTssRequest(
  coboTssRequestId: string,
  source: TssUpdateSource = "poll",
  extra: { webhookEventId?: string | null; groups?: TssGroupHint } = {},
): Promise<TssUpdateResult> {
  const find = () =>
    db.tssRequest.findUnique({
      where: { coboTssRequestId },
      select: { vault: { select: { coboVaultId: true } }, targetGroup: { select: { id: true, coboGroupId: true, rootPubkey: true } } },
    });
  let local = await find();
  // Two tries: a concurrent applier may store it (or its target group) between our read and write.
  for (let attempt = 0; !local && extra.groups && attempt < 2; attempt++) {
    const adopted = await adoptTssRequest(coboTssRequestId, extra.groups, { source, webhookEventId: extra.webhookEventId ?? null });
    if (adopted.kind === "not_ours") return { found: false, applied: false, status: null };
    if (adopted.kind === "adopted") {
      const g = adopted.targetGroup;
      if (adopted.status === "Success" && !g.rootPubkey) await refreshGroupKeys(adopted.coboVaultId, g.id, g.coboGroupId);
      return { found: true, applied: true, status: adopted.status, vaultId: adopted.vaultId };
    }
    local = await find();
  }
  if (!local?.vault.coboVaultId) return { found: false, applied: false, status: null };
  const cobo = getCoboGateway();
  const remote = await cobo.getTssRequest(local.vault.coboVaultId, coboTssRequestId);
  const result = await applyTssRequestUpdate({
    coboTssRequestId,
    status: remote.status,
    source,
    webhookEventId: extra.webhookEventId ?? null,
    payload: remote as unknown as Prisma.InputJsonValue,
  });
  if (remote.status === "Success" && local.targetGroup.coboGroupId && !local.targetGroup.rootPubkey) {
    await refreshGroupKeys(local.vault.coboVaultId, local.targetGroup.id, local.targetGroup.coboGroupId);
  }
  return result;
}

/** Stores the key share group id, root public key and holder statuses Cobo reports for a group. */
export async function refreshGroupKeys(coboVaultId: string, groupId: string, coboGroupId: string): Promise<void> {
  const remote = await getCoboGateway().getKeyShareHolderGroup(coboVaultId, coboGroupId);
  const share = remote.tss_key_share_groups?.find((k) => k.root_pubkey) ?? remote.tss_key_share_groups?.[0];
  await db.$transaction(async (tx) => {
    const group = await tx.keyShareHolderGroup.update({
      where: { id: groupId },
      data: {
        ...(remote.status ? { status: remote.status } : {}),
        tssKeyShareGroupId: share?.tss_key_share_group_id ?? null,
        rootPubkey: share?.root_pubkey ?? null,
      },
      select: { vaultId: true, rootPubkey: true },
    });
    if (group.rootPubkey) await tx.vault.updateMany({ where: { id: group.vaultId, rootPubkey: null }, data: { rootPubkey: group.rootPubkey } });
    for (const h of remote.key_share_holders ?? []) {
      if (!h.tss_node_id || !h.status) continue;
      await tx.groupMember.updateMany({ where: { groupId, node: { nodeId: h.tss_node_id } }, data: { status: h.status } });
    }
  });
}

/** Whether a TSS request still needs watching. */
export function needsSync(status: string): boolean {
  return !isFinalTssStatus(status);
}
