import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import type { KeyShareHolderGroup, TSSRequest } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { appendUserEvent } from "@/lib/server/events/user-events";
import { groupKeyColumns } from "@/lib/server/groups/group-keys";

// Making a key share holder group and the TSS request that gives it key shares takes two Cobo
// calls, neither with an idempotency key. The plan is written first (a local group row with its
// members, the TSS request type and source); `completeGroupProvisioning` then carries it out and
// can be re-run at any point after a crash: it adopts a group or TSS request Cobo already made
// (found by listing) before making one. The lease on the row keeps two runners apart.

const LEASE_MS = 30_000;

/** A holder of a planned group; `signer` (Cobo's designated transaction signer) is sent for Main Groups only. */
export type PlannedHolder = { tssNodeRowId: string; tssNodeId: string; holderName: string; holderType: "Mobile" | "API"; signer?: boolean };

export type GroupPlan = {
  vaultId: string;
  groupType: "MainGroup" | "RecoveryGroup";
  participants: number;
  threshold: number;
  holders: PlannedHolder[];
  tssType: "KeyGen" | "KeyGenFromKeyGroup" | "Recovery";
  sourceGroupId?: string;
  sourceNodeIds?: string[];
  requestedBy: string;
};

/** Writes the plan: a pending group with its members. Returns the local group id. */
export async function planGroup(plan: GroupPlan): Promise<string> {
  const group = await db.keyShareHolderGroup.create({
    data: {
      vaultId: plan.vaultId,
      groupType: plan.groupType,
      participants: plan.participants,
      threshold: plan.threshold,
      status: "New",
      lifecycle: "pending",
      plannedTssType: plan.tssType,
      plannedSourceGroupId: plan.sourceGroupId ?? null,
      plannedSourceNodeIds: plan.sourceNodeIds ?? [],
      requestedBy: plan.requestedBy,
      members: {
        create: plan.holders.map((h) => ({
          nodeId: h.tssNodeRowId,
          holderName: h.holderName,
          holderType: h.holderType,
          status: "NotActivated",
          signer: h.signer ?? false,
        })),
      },
    },
    select: { id: true },
  });
  return group.id;
}

/** What a caller gets back: Cobo's ids (the SDK knows only those); `created` is false when resumed. */
export type GroupCreation = { coboGroupId: string; coboTssRequestId: string; tssRequestStatus: string; created: boolean };

/**
 * Carries out (or resumes) a group plan: the group at Cobo, then its TSS request. The planner
 * passes `planner: true` and takes the lease at once; anyone resuming waits for it to expire.
 */
export async function completeGroupProvisioning(groupId: string, opts: { planner?: boolean } = {}): Promise<GroupCreation> {
  const cobo = getCoboGateway();
  let group = await loadPlan(groupId);
  if (!group.coboGroupId) {
    const lease = await claimLease(groupId, group.updatedAt, opts.planner ?? false);
    let remote: KeyShareHolderGroup;
    try {
      remote = (await findOrphanGroup(group)) ?? (await createRemoteGroup(group));
    } catch (error) {
      // This attempt is over and knows it: free the plan for the next one at once (it lists
      // Cobo's groups first, so a group this attempt may have made is adopted, not duplicated).
      await releaseLease(groupId, lease);
      throw error;
    }
    await storeRemoteGroup(groupId, remote);
    group = await loadPlan(groupId);
  }
  const coboGroupId = group.coboGroupId!;
  const existing = await db.tssRequest.findFirst({
    where: { targetGroupId: groupId },
    orderBy: { createdAt: "desc" },
    select: { coboTssRequestId: true, status: true },
  });
  const answer = (tssRequestId: string, status: string): GroupCreation => ({
    coboGroupId,
    coboTssRequestId: tssRequestId,
    tssRequestStatus: status,
    created: opts.planner ?? false,
  });
  if (existing) return answer(existing.coboTssRequestId, existing.status);

  const listed = await cobo.listTssRequests(group.vault.coboVaultId!, coboGroupId, { limit: 50 });
  let request: TSSRequest | undefined = listed.data.find(
    (r) => r.target_key_share_holder_group_id === coboGroupId && r.type === group.plannedTssType,
  );
  if (request)
    logger.info(
      { event: "tss_request.adopted", coboTssRequestId: request.tss_request_id },
      "adopted a TSS request made by an interrupted attempt",
    );
  if (!request) {
    const source = group.plannedSourceGroupId
      ? await db.keyShareHolderGroup.findUniqueOrThrow({ where: { id: group.plannedSourceGroupId }, select: { coboGroupId: true } })
      : null;
    request = await cobo.createTssRequest(group.vault.coboVaultId!, {
      type: group.plannedTssType as "KeyGen" | "KeyGenFromKeyGroup" | "Recovery",
      target_key_share_holder_group_id: coboGroupId,
      ...(source?.coboGroupId
        ? { source_key_share_holder_group: { key_share_holder_group_id: source.coboGroupId, tss_node_ids: group.plannedSourceNodeIds } }
        : {}),
      description: describe(group.plannedTssType),
    });
  }
  const created = request;
  await db.$transaction(async (tx) => {
    const row = await tx.tssRequest.upsert({
      where: { coboTssRequestId: created.tss_request_id },
      update: {},
      create: {
        coboTssRequestId: created.tss_request_id,
        vaultId: group.vaultId,
        type: created.type ?? group.plannedTssType!,
        status: created.status,
        sourceGroupId: group.plannedSourceGroupId,
        targetGroupId: groupId,
        description: created.description ?? null,
        requestedBy: group.requestedBy,
        coboCreatedAt: created.created_timestamp ? new Date(created.created_timestamp) : null,
        lastSyncedAt: new Date(),
      },
      select: { id: true },
    });
    // Cobo's webhook may have beaten our own answer here (adopt-tss-request.ts stored the request,
    // its first timeline entry and the user's notice, all in one transaction): then there is
    // nothing to add, and a second "created" entry would only confuse the timeline.
    if ((await tx.tssRequestStatusChange.count({ where: { tssRequestId: row.id } })) > 0) return;
    await tx.tssRequestStatusChange.create({
      data: {
        tssRequestId: row.id,
        fromStatus: null,
        toStatus: created.status,
        source: "api",
        applied: true,
        note: `created by ${group.requestedBy ?? "the backend"}`,
      },
    });
    await appendUserEvent(tx, {
      userId: group.vault.userId,
      subjectType: "tss_request",
      subjectId: created.tss_request_id,
      status: created.status,
    });
  });
  return answer(created.tss_request_id, created.status);
}

function describe(type: string | null): string {
  if (type === "KeyGen") return "Main Group key generation";
  if (type === "KeyGenFromKeyGroup") return "Recovery Group key generation from the Main Group";
  if (type === "Recovery") return "Main Group recovery from a Recovery Group";
  return "TSS request";
}

async function loadPlan(groupId: string) {
  const g = await db.keyShareHolderGroup.findUniqueOrThrow({
    where: { id: groupId },
    select: {
      id: true,
      vaultId: true,
      coboGroupId: true,
      groupType: true,
      participants: true,
      threshold: true,
      plannedTssType: true,
      plannedSourceGroupId: true,
      plannedSourceNodeIds: true,
      requestedBy: true,
      updatedAt: true,
      vault: { select: { coboVaultId: true, userId: true } },
      members: { select: { holderName: true, holderType: true, signer: true, node: { select: { nodeId: true } } } },
    },
  });
  return g;
}

type Plan = Awaited<ReturnType<typeof loadPlan>>;

/** Takes the plan's lease; returns the lease's timestamp. */
async function claimLease(groupId: string, seenUpdatedAt: Date, planner: boolean): Promise<Date> {
  const leasedAt = new Date();
  const claimed = await db.keyShareHolderGroup.updateMany({
    where: {
      id: groupId,
      coboGroupId: null,
      // the planner takes it at once; anyone else only once the previous holder went quiet
      updatedAt: planner ? seenUpdatedAt : { lt: new Date(Date.now() - LEASE_MS) },
    },
    data: { updatedAt: leasedAt },
  });
  if (claimed.count !== 1) throw new AppError("conflict", "This group is being set up. Try again in a moment.", { retryAfterSeconds: 2 });
  return leasedAt;
}

/** Gives the lease back (only if still ours), so the next attempt need not wait for it to expire. */
async function releaseLease(groupId: string, leasedAt: Date): Promise<void> {
  await db.keyShareHolderGroup
    .updateMany({
      where: { id: groupId, coboGroupId: null, updatedAt: leasedAt },
      data: { updatedAt: new Date(Date.now() - LEASE_MS - 1_000) },
    })
    .catch((error: unknown) => logger.warn({ err: error, groupId }, "could not release the group plan's lease"));
}

async function findOrphanGroup(group: Plan): Promise<KeyShareHolderGroup | undefined> {
  const wanted = group.members.map((m) => m.node.nodeId);
  const remote = await getCoboGateway().listKeyShareHolderGroups(group.vault.coboVaultId!, {
    key_share_holder_group_type: group.groupType as "MainGroup" | "RecoveryGroup",
    limit: 50,
  });
  for (const candidate of remote.data) {
    const nodes = new Set((candidate.key_share_holders ?? []).map((h) => h.tss_node_id));
    if (!wanted.every((n) => nodes.has(n))) continue;
    const known = await db.keyShareHolderGroup.findUnique({
      where: { coboGroupId: candidate.key_share_holder_group_id },
      select: { id: true },
    });
    if (!known) {
      logger.info(
        { event: "group.adopted", coboGroupId: candidate.key_share_holder_group_id },
        "adopted a group created by an interrupted attempt",
      );
      return candidate;
    }
  }
  return undefined;
}

async function createRemoteGroup(group: Plan): Promise<KeyShareHolderGroup> {
  return getCoboGateway().createKeyShareHolderGroup(group.vault.coboVaultId!, {
    key_share_holder_group_type: group.groupType as "MainGroup" | "RecoveryGroup",
    participants: group.participants,
    threshold: group.threshold,
    key_share_holders: group.members.map((m) => ({
      name: m.holderName,
      type: m.holderType as "Mobile" | "API",
      tss_node_id: m.node.nodeId,
      // Main Groups sign transactions: say which holders do (see mainGroupHolders).
      ...(group.groupType === "MainGroup" ? { signer: m.signer } : {}),
    })),
  });
}

/** Stores Cobo's id for the group and every holder Cobo lists (Cobo adds its own for UCW). */
async function storeRemoteGroup(groupId: string, remote: KeyShareHolderGroup): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.keyShareHolderGroup.update({
      where: { id: groupId },
      data: {
        coboGroupId: remote.key_share_holder_group_id,
        status: remote.status ?? "New",
        ...groupKeyColumns(remote),
      },
    });
    for (const h of remote.key_share_holders ?? []) {
      if (!h.tss_node_id) continue;
      const kind = h.type === "Cobo" ? "cobo" : undefined;
      const node = await tx.tssNode.upsert({
        where: { nodeId: h.tss_node_id },
        update: {},
        create: { nodeId: h.tss_node_id, userId: null, kind: kind ?? "cosigner", label: h.name ?? null },
        select: { id: true },
      });
      await tx.groupMember.upsert({
        where: { groupId_nodeId: { groupId, nodeId: node.id } },
        update: { status: h.status ?? "NotActivated", signer: h.signer ?? false, holderType: h.type ?? "API" },
        create: {
          groupId,
          nodeId: node.id,
          holderName: h.name ?? h.type ?? "holder",
          holderType: h.type ?? "API",
          status: h.status ?? "NotActivated",
          signer: h.signer ?? false,
        },
      });
    }
  });
}
