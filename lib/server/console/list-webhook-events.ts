import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { WEBHOOK_EVENT_STATUSES, WEBHOOK_EVENT_TYPES } from "@/lib/server/console/known-values";
import { mergeOptions, pageParam, pageSizeParam, pageWindow, sortParam, textParam, type ListResult, type SortState, orderBySort } from "@/lib/server/console/list-query";
import { isoString, isoStringOrNull } from "@/lib/server/console/serialize";

const SORTS = ["receivedAt", "type", "status", "attempts"] as const;
type WebhookEventSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<WebhookEventSort> = { id: "receivedAt", desc: true };

export const listWebhookEventsInput = z.object({
  page: pageParam,
  pageSize: pageSizeParam,
  sort: sortParam(SORTS, DEFAULT_SORT),
  q: textParam,
  status: textParam,
  type: textParam,
  signature: textParam,
});

export type WebhookEventRow = {
  id: string;
  eventId: string;
  type: string;
  status: string;
  signatureResult: string;
  source: string;
  receivedAt: string;
  appliedAt: string | null;
  attempts: number;
  lastError: string | null;
};

export type WebhookEventFilters = { q?: string; status?: string; type?: string; signature?: string };

export type ListWebhookEventsResult = ListResult<WebhookEventRow, WebhookEventSort, WebhookEventFilters> & {
  statusOptions: string[];
  typeOptions: string[];
  signatureOptions: string[];
};

function orderBy(sort: SortState<WebhookEventSort>): Prisma.WebhookEventOrderByWithRelationInput[] {
  return orderBySort<WebhookEventSort, Prisma.WebhookEventOrderByWithRelationInput>(sort);
}

/** The webhook inbox: every event Cobo delivered (or reconciliation pulled), newest first. */
export async function listWebhookEvents(rawInput: unknown): Promise<ListWebhookEventsResult> {
  const input = listWebhookEventsInput.parse(rawInput ?? {});
  const where: Prisma.WebhookEventWhereInput = {
    ...(input.q ? { eventId: { contains: input.q, mode: "insensitive" } } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.type ? { type: input.type } : {}),
    ...(input.signature ? { signatureResult: input.signature } : {}),
  };
  const [total, storedStatuses, storedTypes, storedSignatures] = await Promise.all([
    db.webhookEvent.count({ where }),
    db.webhookEvent.findMany({ distinct: ["status"], select: { status: true } }),
    db.webhookEvent.findMany({ distinct: ["type"], select: { type: true } }),
    db.webhookEvent.findMany({ distinct: ["signatureResult"], select: { signatureResult: true } }),
  ]);
  const window = pageWindow(input.page, input.pageSize, total);
  const events = await db.webhookEvent.findMany({
    where,
    orderBy: orderBy(input.sort),
    skip: window.skip,
    take: window.pageSize,
    // rawBody is deliberately not read here: it can be large and is shown on the detail page only.
    select: {
      id: true,
      eventId: true,
      type: true,
      status: true,
      signatureResult: true,
      source: true,
      receivedAt: true,
      appliedAt: true,
      attempts: true,
      lastError: true,
    },
  });
  return {
    page: window.page,
    pageSize: window.pageSize,
    total: window.total,
    pageCount: window.pageCount,
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, status: input.status, type: input.type, signature: input.signature },
    statusOptions: mergeOptions(WEBHOOK_EVENT_STATUSES, storedStatuses.map((s) => s.status)),
    typeOptions: mergeOptions(WEBHOOK_EVENT_TYPES, storedTypes.map((t) => t.type)),
    signatureOptions: mergeOptions(["valid", "invalid"], storedSignatures.map((s) => s.signatureResult)),
    rows: events.map((e) => ({
      id: e.id,
      eventId: e.eventId,
      type: e.type,
      status: e.status,
      signatureResult: e.signatureResult,
      source: e.source,
      receivedAt: isoString(e.receivedAt),
      appliedAt: isoStringOrNull(e.appliedAt),
      attempts: e.attempts,
      lastError: e.lastError,
    })),
  };
}
