import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// The app's view of TSS requests: only those of the caller's vault. The SDK knows only Cobo's
// ids, so requests are addressed by Cobo's TSS request id.

const select = {
  id: true,
  coboTssRequestId: true,
  type: true,
  status: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  finalizedAt: true,
  cancelledAt: true,
  cancelReason: true,
  sourceGroup: { select: { coboGroupId: true, members: { select: { node: { select: { nodeId: true } } } } } },
  targetGroup: { select: { coboGroupId: true, groupType: true, members: { select: { node: { select: { nodeId: true } } } } } },
} as const;

type Row = {
  coboTssRequestId: string;
  type: string;
  status: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  finalizedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  sourceGroup: { coboGroupId: string | null; members: { node: { nodeId: string } }[] } | null;
  targetGroup: { coboGroupId: string | null; groupType: string; members: { node: { nodeId: string } }[] };
};

export type TssRequestView = {
  tss_request_id: string;
  type: string;
  status: string;
  description: string | null;
  source_key_share_holder_group_id: string | null;
  target_key_share_holder_group_id: string | null;
  target_group_type: string;
  tss_node_ids: string[];
  created_at: string;
  updated_at: string;
  finalized_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
};

function view(r: Row): TssRequestView {
  const nodes = new Set([...(r.sourceGroup?.members ?? []), ...r.targetGroup.members].map((m) => m.node.nodeId));
  return {
    tss_request_id: r.coboTssRequestId,
    type: r.type,
    status: r.status,
    description: r.description,
    source_key_share_holder_group_id: r.sourceGroup?.coboGroupId ?? null,
    target_key_share_holder_group_id: r.targetGroup.coboGroupId,
    target_group_type: r.targetGroup.groupType,
    tss_node_ids: [...nodes],
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
    finalized_at: r.finalizedAt?.toISOString() ?? null,
    cancelled_at: r.cancelledAt?.toISOString() ?? null,
    cancel_reason: r.cancelReason,
  };
}

/** The caller's TSS requests, newest first; filtered by a node taking part and/or by status. */
export async function listMyTssRequests(userId: string, filter: { tssNodeId?: string; status?: string; limit: number; cursor?: string }) {
  const nodeFilter = filter.tssNodeId
    ? {
        OR: [
          { targetGroup: { members: { some: { node: { nodeId: filter.tssNodeId } } } } },
          { sourceGroup: { members: { some: { node: { nodeId: filter.tssNodeId } } } } },
        ],
      }
    : {};
  const rows = await db.tssRequest.findMany({
    where: { vault: { userId }, ...(filter.status ? { status: filter.status } : {}), ...nodeFilter },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit + 1,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
    select,
  });
  const page = rows.slice(0, filter.limit);
  return { data: page.map(view), next_cursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
}

/** One of the caller's TSS requests with its timeline; 404 when it is not theirs. */
export async function getMyTssRequest(userId: string, coboTssRequestId: string) {
  const row = await db.tssRequest.findFirst({
    where: { coboTssRequestId, vault: { userId } },
    select: {
      ...select,
      history: { orderBy: [{ occurredAt: "asc" }, { seq: "asc" }], select: { fromStatus: true, toStatus: true, source: true, applied: true, note: true, occurredAt: true } },
    },
  });
  if (!row) throw new AppError("not_found", "That TSS request was not found.");
  return {
    ...view(row),
    timeline: row.history.map((h) => ({
      from_status: h.fromStatus,
      to_status: h.toStatus,
      source: h.source,
      applied: h.applied,
      note: h.note,
      occurred_at: h.occurredAt.toISOString(),
    })),
  };
}
