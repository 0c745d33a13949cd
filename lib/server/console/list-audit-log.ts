import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_OUTCOMES } from "@/lib/server/console/known-values";
import { mergeOptions, pageParam, pageSizeParam, pageWindow, sortParam, textParam, type ListResult, type SortState, orderBySort } from "@/lib/server/console/list-query";
import { isoString } from "@/lib/server/console/serialize";

const SORTS = ["createdAt", "actorEmail", "action", "outcome"] as const;
type AuditSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<AuditSort> = { id: "createdAt", desc: true };

export const listAuditLogInput = z.object({
  page: pageParam,
  pageSize: pageSizeParam,
  sort: sortParam(SORTS, DEFAULT_SORT),
  q: textParam,
  action: textParam,
  outcome: textParam,
});

export type AuditLogRow = {
  id: string;
  createdAt: string;
  actorEmail: string;
  actorRole: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  requestId: string | null;
  /** Compact JSON for a one-line cell; null when the entry has no details. */
  details: string | null;
};

export type AuditLogFilters = { q?: string; action?: string; outcome?: string };

export type ListAuditLogResult = ListResult<AuditLogRow, AuditSort, AuditLogFilters> & {
  actionOptions: string[];
  outcomeOptions: string[];
};

function orderBy(sort: SortState<AuditSort>): Prisma.AuditLogOrderByWithRelationInput[] {
  return orderBySort<AuditSort, Prisma.AuditLogOrderByWithRelationInput>(sort);
}

/** Console actions, newest first; the search box matches the actor's email or the target id. */
export async function listAuditLog(rawInput: unknown): Promise<ListAuditLogResult> {
  const input = listAuditLogInput.parse(rawInput ?? {});
  const where: Prisma.AuditLogWhereInput = {
    ...(input.q
      ? {
          OR: [
            { actorEmail: { contains: input.q, mode: "insensitive" } },
            { targetId: { contains: input.q, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(input.action ? { action: input.action } : {}),
    ...(input.outcome ? { outcome: input.outcome } : {}),
  };
  const [total, storedActions, storedOutcomes] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({ distinct: ["action"], select: { action: true } }),
    db.auditLog.findMany({ distinct: ["outcome"], select: { outcome: true } }),
  ]);
  const window = pageWindow(input.page, input.pageSize, total);
  const entries = await db.auditLog.findMany({
    where,
    orderBy: orderBy(input.sort),
    skip: window.skip,
    take: window.pageSize,
    select: {
      id: true,
      createdAt: true,
      actorEmail: true,
      actorRole: true,
      action: true,
      targetType: true,
      targetId: true,
      outcome: true,
      requestId: true,
      details: true,
    },
  });
  return {
    page: window.page,
    pageSize: window.pageSize,
    total: window.total,
    pageCount: window.pageCount,
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, action: input.action, outcome: input.outcome },
    // Actions are named by whoever writes the audit entries; offer what has been recorded.
    actionOptions: mergeOptions([], storedActions.map((a) => a.action)),
    outcomeOptions: mergeOptions(AUDIT_OUTCOMES, storedOutcomes.map((o) => o.outcome)),
    rows: entries.map((e) => ({
      id: e.id,
      createdAt: isoString(e.createdAt),
      actorEmail: e.actorEmail,
      actorRole: e.actorRole,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      outcome: e.outcome,
      requestId: e.requestId,
      details: e.details === null ? null : JSON.stringify(e.details),
    })),
  };
}
