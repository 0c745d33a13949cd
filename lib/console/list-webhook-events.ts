import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { WEBHOOK_EVENT_STATUSES, WEBHOOK_EVENT_TYPES } from "@/lib/console/known-values";
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
import { webhookSubjects, type WebhookSubject } from "@/lib/console/webhook-subjects";
import { isoString, isoStringOrNull } from "@/lib/serialize";

const SORTS = ["receivedAt", "type", "status", "attempts"] as const;
type WebhookEventSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<WebhookEventSort> = { id: "receivedAt", desc: true };

export const listWebhookEventsInput = listInput(SORTS, DEFAULT_SORT, {
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
  /** the object of ours the event is about (a link), when it names one */
  subject: WebhookSubject | null;
};

export type WebhookEventFilters = { q?: string; status?: string; type?: string; signature?: string };

export type ListWebhookEventsResult = ListResult<WebhookEventRow, WebhookEventSort, WebhookEventFilters> & {
  statusOptions: string[];
  typeOptions: string[];
  signatureOptions: string[];
};

const RECEIVED: SortKey = { sql: "e.received_at", type: "timestamptz" };
/** The index-backed key of each sort (webhook_events_*_idx); `e.id` follows. */
const SORT_KEYS: Record<WebhookEventSort, SortKey[]> = {
  receivedAt: [RECEIVED],
  type: [{ sql: "e.type", type: "text" }, RECEIVED],
  status: [{ sql: "e.status", type: "text" }, RECEIVED],
  attempts: [{ sql: "e.attempts", type: "int" }],
};

/** The keyset query of one page (exported for the EXPLAIN tests). */
export function webhookEventsListQuery(input: z.infer<typeof listWebhookEventsInput>): KeysetQuery {
  const where: Prisma.Sql[] = [];
  if (input.q) where.push(searchCondition(["e.event_id"], input.q));
  if (input.status) where.push(Prisma.sql`e.status = ${input.status}`);
  if (input.type) where.push(Prisma.sql`e.type = ${input.type}`);
  if (input.signature) where.push(Prisma.sql`e.signature_result = ${input.signature}`);
  return {
    from: "webhook_events e",
    id: "e.id",
    where,
    keys: SORT_KEYS[input.sort.id],
    sort: input.sort,
    after: input.after,
    before: input.before,
    pageSize: input.pageSize,
  };
}

/** The webhook inbox: every event Cobo delivered (or reconciliation pulled), newest first. */
export async function listWebhookEvents(rawInput: unknown): Promise<ListWebhookEventsResult> {
  const input = listWebhookEventsInput.parse(rawInput ?? {});
  const query = webhookEventsListQuery(input);
  const [page, total, storedStatuses, storedTypes, storedSignatures] = await Promise.all([
    keysetPage(query),
    countRows({ from: query.from, where: query.where, table: "webhook_events" }),
    distinctValues("webhook_events", "status"),
    distinctValues("webhook_events", "type"),
    distinctValues("webhook_events", "signature_result"),
  ]);
  const [events, subjects] = await Promise.all([
    db.webhookEvent.findMany({
      where: { id: { in: page.ids } },
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
    }),
    webhookSubjects(page.ids),
  ]);
  return {
    ...cursorPage(input.pageSize, total, page),
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, status: input.status, type: input.type, signature: input.signature },
    statusOptions: mergeOptions(WEBHOOK_EVENT_STATUSES, storedStatuses),
    typeOptions: mergeOptions(WEBHOOK_EVENT_TYPES, storedTypes),
    signatureOptions: mergeOptions(["valid", "invalid"], storedSignatures),
    rows: inPageOrder(page.ids, events).map((e) => ({
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
      subject: subjects.get(e.id) ?? null,
    })),
  };
}
