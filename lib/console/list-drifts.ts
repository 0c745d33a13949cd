import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  countRows,
  cursorPage,
  distinctValues,
  inPageOrder,
  keysetPage,
  listInput,
  mergeOptions,
  searchCondition,
  textParam,
  type KeysetQuery,
  type ListResult,
  type SortKey,
  type SortState,
} from "@/lib/console/list-query";
import { isoString, isoStringOrNull } from "@/lib/serialize";

// Reconciliation records every difference it found between our records and Cobo's. Subjects are
// named by the ids Cobo uses (TSS request id, transaction id, event id); the console links to its
// own pages, so each row is resolved to our row id where we have one.

const SORTS = ["detectedAt", "subjectType", "resolvedAt"] as const;
type DriftSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<DriftSort> = { id: "detectedAt", desc: true };

export const DRIFT_SUBJECT_TYPES = ["tss_request", "transaction", "webhook_event", "callback_message"] as const;
export const DRIFT_STATES = ["open", "resolved"] as const;

export const listDriftsInput = listInput(SORTS, DEFAULT_SORT, {
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
    tssIds.length
      ? db.tssRequest.findMany({ where: { coboTssRequestId: { in: tssIds } }, select: { id: true, coboTssRequestId: true } })
      : [],
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
  // Failed callback messages are retried from the Risk page.
  for (const id of ids("callback_message")) hrefs.set(`callback_message:${id}`, "/risk#failed-callbacks");
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

const DETECTED: SortKey = { sql: "d.detected_at", type: "timestamptz" };
/**
 * The index-backed key of each sort (reconciliation_drifts_*_idx); `d.id` follows. An open drift
 * has no resolution time: it sorts as the latest (first when sorted newest first).
 */
const SORT_KEYS: Record<DriftSort, SortKey[]> = {
  detectedAt: [DETECTED],
  subjectType: [{ sql: "d.subject_type", type: "text" }, DETECTED],
  resolvedAt: [{ sql: "coalesce(d.resolved_at, 'infinity'::timestamptz)", type: "timestamptz" }],
};

/** The keyset query of one page (exported for the EXPLAIN tests). */
export function driftsListQuery(input: z.infer<typeof listDriftsInput>): KeysetQuery {
  const where: Prisma.Sql[] = [];
  if (input.q) where.push(searchCondition(["d.subject_id"], input.q));
  if (input.subject) where.push(Prisma.sql`d.subject_type = ${input.subject}`);
  if (input.state === "open") where.push(Prisma.sql`d.resolved_at IS NULL`);
  if (input.state === "resolved") where.push(Prisma.sql`d.resolved_at IS NOT NULL`);
  return {
    from: "reconciliation_drifts d",
    id: "d.id",
    where,
    keys: SORT_KEYS[input.sort.id],
    sort: input.sort,
    after: input.after,
    before: input.before,
    pageSize: input.pageSize,
  };
}

/** Every drift reconciliation recorded, newest first (server-side paging, filters and sorting). */
export async function listDrifts(rawInput: unknown): Promise<ListDriftsResult> {
  const input = listDriftsInput.parse(rawInput ?? {});
  const query = driftsListQuery(input);
  const [page, total, storedSubjects] = await Promise.all([
    keysetPage(query),
    countRows({ from: query.from, where: query.where, table: "reconciliation_drifts" }),
    distinctValues("reconciliation_drifts", "subject_type"),
  ]);
  const rows = await db.reconciliationDrift.findMany({ where: { id: { in: page.ids } }, select: driftSelect });
  return {
    ...cursorPage(input.pageSize, total, page),
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, subject: input.subject, state: input.state },
    subjectOptions: mergeOptions(DRIFT_SUBJECT_TYPES, storedSubjects),
    stateOptions: [...DRIFT_STATES],
    rows: await toDriftRows(inPageOrder(page.ids, rows)),
  };
}
