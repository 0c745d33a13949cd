import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { mergeOptions, pageParam, pageSizeParam, pageWindow, sortParam, textParam, type ListResult, type SortState } from "@/lib/server/console/list-query";
import { isoString, isoStringOrNull } from "@/lib/server/console/serialize";

// Reconciliation records every difference it found between our records and Cobo's. Subjects are
// named by the ids Cobo uses (TSS request id, transaction id, event id); the console links to its
// own pages, so each row is resolved to our row id where we have one.

const SORTS = ["detectedAt", "subjectType", "resolvedAt"] as const;
type DriftSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<DriftSort> = { id: "detectedAt", desc: true };

export const DRIFT_SUBJECT_TYPES = ["tss_request", "transaction", "webhook_event"] as const;
export const DRIFT_STATES = ["open", "resolved"] as const;

export const listDriftsInput = z.object({
  page: pageParam,
  pageSize: pageSizeParam,
  sort: sortParam(SORTS, DEFAULT_SORT),
  /** subject id (exact or partial) */
  q: textParam,
  subject: textParam,
  state: textParam,
});

export type DriftRow = {
  id: string;
  subjectType: string;
  subjectId: string;
  /** console path of the subject, when we hold a row for it */
  subjectHref: string | null;
  ourValue: string | null;
  coboValue: string | null;
  detail: string | null;
  detectedAt: string;
  resolvedAt: string | null;
};

export type DriftFilters = { q?: string; subject?: string; state?: string };

export type ListDriftsResult = ListResult<DriftRow, DriftSort, DriftFilters> & { subjectOptions: string[]; stateOptions: string[] };

export const driftSelect = {
  id: true,
  subjectType: true,
  subjectId: true,
  ourValue: true,
  coboValue: true,
  detail: true,
  detectedAt: true,
  resolvedAt: true,
} satisfies Prisma.ReconciliationDriftSelect;

type DriftRecord = Prisma.ReconciliationDriftGetPayload<{ select: typeof driftSelect }>;

/** Drift rows with links to the console pages of their subjects (three batched lookups at most). */
export async function toDriftRows(drifts: DriftRecord[]): Promise<DriftRow[]> {
  const ids = (type: string) => [...new Set(drifts.filter((d) => d.subjectType === type).map((d) => d.subjectId))];
  const tssIds = ids("tss_request");
  const txIds = ids("transaction");
  const eventIds = ids("webhook_event");
  const [tss, txs, events] = await Promise.all([
    tssIds.length ? db.tssRequest.findMany({ where: { coboTssRequestId: { in: tssIds } }, select: { id: true, coboTssRequestId: true } }) : [],
    txIds.length
      ? db.transaction.findMany({
          where: { OR: [{ coboTransactionId: { in: txIds } }, { requestId: { in: txIds } }] },
          select: { id: true, coboTransactionId: true, requestId: true },
        })
      : [],
    eventIds.length ? db.webhookEvent.findMany({ where: { eventId: { in: eventIds } }, select: { id: true, eventId: true } }) : [],
  ]);
  const hrefs = new Map<string, string>();
  for (const t of tss) hrefs.set(`tss_request:${t.coboTssRequestId}`, `/tss-requests/${t.id}`);
  for (const t of txs) {
    hrefs.set(`transaction:${t.requestId}`, `/transactions/${t.id}`);
    if (t.coboTransactionId) hrefs.set(`transaction:${t.coboTransactionId}`, `/transactions/${t.id}`);
  }
  for (const e of events) hrefs.set(`webhook_event:${e.eventId}`, `/webhooks/${e.id}`);
  return drifts.map((d) => ({
    id: d.id,
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    subjectHref: hrefs.get(`${d.subjectType}:${d.subjectId}`) ?? null,
    ourValue: d.ourValue,
    coboValue: d.coboValue,
    detail: d.detail,
    detectedAt: isoString(d.detectedAt),
    resolvedAt: isoStringOrNull(d.resolvedAt),
  }));
}

/** Every drift reconciliation recorded, newest first (server-side paging, filters and sorting). */
export async function listDrifts(rawInput: unknown): Promise<ListDriftsResult> {
  const input = listDriftsInput.parse(rawInput ?? {});
  const where: Prisma.ReconciliationDriftWhereInput = {
    ...(input.q ? { subjectId: { contains: input.q, mode: "insensitive" } } : {}),
    ...(input.subject ? { subjectType: input.subject } : {}),
    ...(input.state === "open" ? { resolvedAt: null } : input.state === "resolved" ? { resolvedAt: { not: null } } : {}),
  };
  const [total, storedSubjects] = await Promise.all([
    db.reconciliationDrift.count({ where }),
    db.reconciliationDrift.findMany({ distinct: ["subjectType"], select: { subjectType: true } }),
  ]);
  const window = pageWindow(input.page, input.pageSize, total);
  const dir = input.sort.desc ? "desc" : "asc";
  const primary: Prisma.ReconciliationDriftOrderByWithRelationInput =
    input.sort.id === "resolvedAt" ? { resolvedAt: { sort: dir, nulls: "first" } } : { [input.sort.id]: dir };
  const rows = await db.reconciliationDrift.findMany({
    where,
    orderBy: [primary, { detectedAt: "desc" }, { id: "asc" }],
    skip: window.skip,
    take: window.pageSize,
    select: driftSelect,
  });
  return {
    page: window.page,
    pageSize: window.pageSize,
    total: window.total,
    pageCount: window.pageCount,
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, subject: input.subject, state: input.state },
    subjectOptions: mergeOptions(DRIFT_SUBJECT_TYPES, storedSubjects.map((s) => s.subjectType)),
    stateOptions: [...DRIFT_STATES],
    rows: await toDriftRows(rows),
  };
}
