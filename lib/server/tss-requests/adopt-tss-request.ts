import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { isCoboError } from "@/lib/cobo/errors";
import type { KeyShareHolderGroup, TSSRequest } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { writeStatusChange } from "@/lib/server/events/write-status-change";
import {
  SUCCESS_WITHOUT_KEYS_STATUS,
  groupKeyColumns,
  groupWithKeys,
  keyShareGroupsOf,
  storeGroupKeys,
  successWithoutKeysNote,
} from "@/lib/server/groups/group-keys";
import { onStatusApplied, type TssUpdateSource } from "@/lib/server/tss-requests/apply-tss-request-update";
import { isFinalTssStatus, tssObservedAt } from "@/lib/server/tss-requests/tss-status";

// A TSS request we have not seen (made in Cobo Portal, with our API key outside this backend, or
// reported before our own create call returned) belongs to our project when its target or source
// key share holder group is one of ours. Its events carry no vault id, so the vault is the one
// owning that group, and the request itself is re-read from Cobo in that vault: the event is only
// a pointer. When only the source group is ours, the target group (same vault at Cobo) is read
// from Cobo and stored too, since every request of ours has a target group. No group of ours:
// not ours, nothing is stored.

export type TssGroupHint = { targetGroupId?: string | null; sourceGroupId?: string | null };

export type AdoptResult =
  /** not ours (no group of ours), or Cobo does not know it in our vault */
  | { kind: "not_ours" }
  /** someone stored it meanwhile: apply Cobo's status to that row instead */
  | { kind: "exists" }
  | {
      kind: "adopted";
      status: string;
      vaultId: string;
      coboVaultId: string;
      targetGroup: { id: string; coboGroupId: string; rootPubkey: string | null };
    };

const groupSelect = {
  id: true,
  vaultId: true,
  coboGroupId: true,
  rootPubkey: true,
  requestedBy: true,
  plannedTssType: true,
  vault: { select: { coboVaultId: true, userId: true, activeMainGroupId: true } },
} as const satisfies Prisma.KeyShareHolderGroupSelect;

/** Adopts an unseen TSS request when one of its groups is ours (see above). */
export async function adoptTssRequest(
  coboTssRequestId: string,
  hint: TssGroupHint,
  meta: { source: TssUpdateSource; webhookEventId?: string | null },
): Promise<AdoptResult> {
  const hinted = [hint.targetGroupId, hint.sourceGroupId].filter((g): g is string => typeof g === "string" && g !== "");
  if (hinted.length === 0) return { kind: "not_ours" };
  const anchor = await db.keyShareHolderGroup.findFirst({ where: { coboGroupId: { in: hinted } }, select: groupSelect });
  const coboVaultId = anchor?.vault.coboVaultId;
  if (!anchor || !coboVaultId) return { kind: "not_ours" };

  const cobo = getCoboGateway();
  let remote: TSSRequest;
  let readStartedAt = new Date();
  try {
    readStartedAt = new Date();
    remote = await cobo.getTssRequest(coboVaultId, coboTssRequestId);
  } catch (error) {
    // Cobo does not know it in the vault owning our group: the event's group ids were not its own.
    if (isCoboError(error) && error.kind === "rejected" && error.coboHttpStatus === 404) return { kind: "not_ours" };
    throw error;
  }
  // From here on only Cobo's answer counts, not the event's group ids.
  const targetCoboId = remote.target_key_share_holder_group_id ?? null;
  const sourceCoboId = remote.source_key_share_holder_group?.key_share_holder_group_id ?? null;
  if (!targetCoboId) return { kind: "not_ours" };
  const inVault = (coboGroupId: string | null) =>
    coboGroupId
      ? db.keyShareHolderGroup.findFirst({ where: { coboGroupId, vaultId: anchor.vaultId }, select: groupSelect })
      : Promise.resolve(null);
  const [knownTarget, sourceGroup] = await Promise.all([inVault(targetCoboId), inVault(sourceCoboId)]);
  if (!knownTarget && !sourceGroup) return { kind: "not_ours" };
  const remoteTarget = knownTarget ? null : await cobo.getKeyShareHolderGroup(coboVaultId, targetCoboId);

  // A Success is believed only when the target group holds key share groups at Cobo (see
  // applyRemoteTssStatus in sync-tss-request.ts); their keys are stored with it.
  let status = remote.status;
  let successNote: string | null = null;
  let keyed: KeyShareHolderGroup | null = null;
  if (status === "Success") {
    keyed = remoteTarget
      ? keyShareGroupsOf(remoteTarget).length > 0
        ? remoteTarget
        : null
      : await groupWithKeys(coboVaultId, targetCoboId);
    if (!keyed) {
      status = SUCCESS_WITHOUT_KEYS_STATUS;
      successNote = successWithoutKeysNote(targetCoboId);
    } else if (knownTarget) {
      await storeGroupKeys(knownTarget.id, keyed);
    }
  }

  try {
    const result = await db.$transaction(async (tx) => {
      if (await tx.tssRequest.findUnique({ where: { coboTssRequestId }, select: { id: true } })) return { kind: "exists" } as const;
      const target = knownTarget ?? (await storeTargetGroup(tx, anchor.vaultId, remoteTarget!));
      // Our own provisioning's request, seen before its create call returned: keep who asked.
      const ownPlan = knownTarget?.plannedTssType && knownTarget.plannedTssType === remote.type ? knownTarget.requestedBy : null;
      const row = await tx.tssRequest.create({
        data: {
          coboTssRequestId,
          vaultId: anchor.vaultId,
          type: remote.type ?? "Unknown",
          status,
          sourceGroupId: sourceGroup?.id ?? null,
          targetGroupId: target.id,
          description: remote.description || null,
          requestedBy: ownPlan,
          coboCreatedAt: remote.created_timestamp ? new Date(remote.created_timestamp) : null,
          statusObservedAt: tssObservedAt(remote, readStartedAt),
          lastSyncedAt: new Date(),
          ...(isFinalTssStatus(status) ? { finalizedAt: new Date() } : {}),
        },
        select: { id: true },
      });
      // Already final when we first hear of it: the vault's groups follow, as if we had watched it.
      if (isFinalTssStatus(status)) {
        await onStatusApplied(
          tx,
          {
            type: remote.type ?? "Unknown",
            vaultId: anchor.vaultId,
            targetGroupId: target.id,
            sourceGroupId: sourceGroup?.id ?? null,
            vault: { activeMainGroupId: anchor.vault.activeMainGroupId },
          },
          status,
        );
      }
      await writeStatusChange(tx, {
        subject: "tss_request",
        rowId: row.id,
        timeline: {
          fromStatus: null,
          toStatus: status,
          source: meta.source,
          applied: true,
          note: [
            ownPlan
              ? `created by ${ownPlan}; seen at Cobo before our call returned`
              : "TSS request made outside this backend, seen at Cobo",
            successNote,
          ]
            .filter(Boolean)
            .join("; "),
          webhookEventId: meta.webhookEventId ?? null,
          payload: remote as unknown as Prisma.InputJsonValue,
        },
        notice: { userId: anchor.vault.userId, subjectId: coboTssRequestId, status },
      });
      logger.info({ event: "tss_request.adopted", coboTssRequestId, vaultId: anchor.vaultId }, "adopted a TSS request seen at Cobo");
      return {
        kind: "adopted",
        status,
        vaultId: anchor.vaultId,
        coboVaultId,
        targetGroup: { id: target.id, coboGroupId: targetCoboId, rootPubkey: target.rootPubkey },
      } as const;
    });
    // A group first stored just now: the vault learns its root keys too.
    if (result.kind === "adopted" && keyed && !knownTarget) await storeGroupKeys(result.targetGroup.id, keyed);
    return result;
  } catch (error) {
    // Another applier stored the request (or the target group) first: theirs stands.
    if (isUniqueViolation(error)) return { kind: "exists" };
    throw error;
  }
}

/** Stores a group of our vault we learn of through a TSS request, with its holders (as provisioning does). */
async function storeTargetGroup(
  tx: Prisma.TransactionClient,
  vaultId: string,
  remote: KeyShareHolderGroup,
): Promise<{ id: string; rootPubkey: string | null }> {
  const group = await tx.keyShareHolderGroup.create({
    data: {
      vaultId,
      coboGroupId: remote.key_share_holder_group_id,
      groupType: remote.type ?? "MainGroup",
      participants: remote.participants ?? remote.key_share_holders?.length ?? 0,
      threshold: remote.threshold ?? 0,
      status: remote.status ?? "New",
      lifecycle: "pending",
      ...groupKeyColumns(remote),
    },
    select: { id: true, rootPubkey: true },
  });
  for (const h of remote.key_share_holders ?? []) {
    if (!h.tss_node_id) continue;
    const node = await tx.tssNode.upsert({
      where: { nodeId: h.tss_node_id },
      update: {},
      create: { nodeId: h.tss_node_id, userId: null, kind: h.type === "Cobo" ? "cobo" : "cosigner", label: h.name ?? null },
      select: { id: true },
    });
    await tx.groupMember.create({
      data: {
        groupId: group.id,
        nodeId: node.id,
        holderName: h.name ?? h.type ?? "holder",
        holderType: h.type ?? "API",
        status: h.status ?? "NotActivated",
        signer: h.signer ?? false,
      },
    });
  }
  return group;
}
