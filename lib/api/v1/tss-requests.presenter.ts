import type { z } from "zod";
import type { TssRequestDetailSchema, TssRequestList, TssRequestSchema } from "@/lib/api/v1/tss-requests.schema";
import type { TssRequestRecord, TssRequestWithTimeline } from "@/lib/server/tss-requests/list-tss-requests";

// Domain records → the Client API's TSS request answers, by Cobo's TSS request id (what the UCW
// SDK knows); dates as ISO strings.

export type TssRequestDto = z.output<typeof TssRequestSchema>;
export type TssRequestDetailDto = z.output<typeof TssRequestDetailSchema>;
export type TssRequestListDto = z.output<typeof TssRequestList>;

export function presentTssRequest(r: TssRequestRecord): TssRequestDto {
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

export function presentTssRequestDetail({ history, ...r }: TssRequestWithTimeline): TssRequestDetailDto {
  return {
    ...presentTssRequest(r),
    timeline: history.map((h) => ({
      from_status: h.fromStatus,
      to_status: h.toStatus,
      source: h.source,
      applied: h.applied,
      note: h.note,
      occurred_at: h.occurredAt.toISOString(),
    })),
  };
}

export function presentTssRequestPage(page: { items: TssRequestRecord[]; nextCursor: string | null }): TssRequestListDto {
  return { data: page.items.map(presentTssRequest), next_cursor: page.nextCursor };
}
