import "server-only";
import { db } from "@/lib/db/client";
import { selectTssRequests, type TssRequestSqlRow } from "@/lib/db/hot-sql";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

// The caller's TSS requests: only those of their vault. The SDK knows only Cobo's ids, so requests
// are addressed by Cobo's TSS request id (lib/api/v1/tss-requests.presenter.ts makes the answers).

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
} as const satisfies Prisma.TssRequestSelect;

/** A TSS request with the Cobo ids of its groups and the TSS nodes of their members. */
export type TssRequestRecord = Prisma.TssRequestGetPayload<{ select: typeof select }>;

const historySelect = { fromStatus: true, toStatus: true, source: true, applied: true, note: true, occurredAt: true } as const;

/** A TSS request with its timeline, oldest first. */
export type TssRequestWithTimeline = TssRequestRecord & {
  history: Prisma.TssRequestStatusChangeGetPayload<{ select: typeof historySelect }>[];
};

/** A row of the one-query page (selectTssRequests) as the same record Prisma's `select` gives. */
function recordOfRow(r: TssRequestSqlRow): TssRequestRecord {
  const members = (ids: string[]) => ids.map((nodeId) => ({ node: { nodeId } }));
  return {
    id: r.id,
    coboTssRequestId: r.cobo_tss_request_id,
    type: r.type,
    status: r.status,
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finalizedAt: r.finalized_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    sourceGroup:
      r.source_group_id !== null || r.source_node_ids.length > 0
        ? { coboGroupId: r.source_group_id, members: members(r.source_node_ids) }
        : null,
    targetGroup: { coboGroupId: r.target_group_id, groupType: r.target_group_type, members: members(r.target_node_ids) },
  };
}

/**
 * The caller's TSS requests, newest first; filtered by a node taking part and/or by status. One
 * query with the groups and their members' node ids (selectTssRequests, lib/db/hot-sql.ts).
 */
export async function listMyTssRequests(
  userId: string,
  filter: { tssNodeId?: string; status?: string; limit: number; cursor?: string },
): Promise<{ items: TssRequestRecord[]; nextCursor: string | null }> {
  const rows = await selectTssRequests(userId, filter);
  const page = rows.slice(0, filter.limit);
  return { items: page.map(recordOfRow), nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
}

/** One of the caller's TSS requests with its timeline; 404 when it is not theirs. */
export async function getMyTssRequest(userId: string, coboTssRequestId: string): Promise<TssRequestWithTimeline> {
  const row = await db.tssRequest.findFirst({
    where: { coboTssRequestId, vault: { userId } },
    select: {
      ...select,
      history: { orderBy: [{ occurredAt: "asc" }, { seq: "asc" }], select: historySelect },
    },
  });
  if (!row) throw new AppError("not_found", "That TSS request was not found.");
  return row;
}
