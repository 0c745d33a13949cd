import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import type { WebhookEndpoint, WebhookEvent } from "@/lib/cobo/types";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { applyClaimedEvent, INBOX_RETRY } from "@/lib/server/cobo-inbound/inbox";
import { recordDrift } from "@/lib/server/reconciliation/record-drift";

// Reconciliation's scan for webhook events Cobo has (listWebhookEvents) that never reached our
// inbox (Cobo gave up after its retries, or our endpoint was down). Two things Cobo does not
// document are not relied on (docs/cobo-assumptions.md#4-webhook-event-list-order and
// #5-webhook-event-list-scope):
//  - the order of the list. The scan pages to the end of the list, and stops early only when the
//    order is verified newest first: every page so far ordered by created_timestamp descending,
//    and the page reaching events older than the last complete scan (less an overlap). Oldest
//    first (or no visible order), it reads every page, however old the first ones are;
//  - the scope of the list. Only OUR endpoint is scanned (COBO_WEBHOOK_ENDPOINT_ID, or the endpoint
//    whose URL is COBO_WEBHOOK_URL, default APP_URL + /api/webhooks/cobo), never every endpoint of
//    the organisation; and an event listed there that names another URL (another endpoint's copy,
//    when Cobo lists the organisation's events under any endpoint) is skipped.
// A scan cut short by the page limit keeps its cursor and the next run continues from there.

/** How far back the first scan looks, and how much each later scan re-reads before its last one. */
export const FIRST_SCAN_MS = 24 * 60 * 60_000;
export const SCAN_OVERLAP_MS = 10 * 60_000;

export type ListOrder = "newest_first" | "oldest_first" | "unknown";

/**
 * Where the scan of one endpoint's events stands: everything created up to `checkedThrough` was
 * seen by a complete scan; `resume` is where a scan cut short continues; `order` is the order the
 * last pages showed (for the console and logs only: it is verified again on every page).
 */
type ScanState = { checkedThrough: number | null; resume?: { after: string; newest: number; newestFirst: boolean }; order?: ListOrder };

const scanKey = (endpointId: string) => `reconcile.webhook_scan.${endpointId}`;

async function readScan(endpointId: string): Promise<ScanState> {
  const row = await db.systemSetting.findUnique({ where: { key: scanKey(endpointId) }, select: { value: true } });
  return row ? (row.value as ScanState) : { checkedThrough: null };
}

async function writeScan(endpointId: string, state: ScanState): Promise<void> {
  const value = JSON.parse(JSON.stringify(state)) as Prisma.InputJsonValue;
  await db.systemSetting.upsert({ where: { key: scanKey(endpointId) }, update: { value }, create: { key: scanKey(endpointId), value } });
}

/** The order a list of timestamps shows: strictly one way somewhere and never the other. */
export function orderOf(timestamps: readonly number[]): ListOrder {
  let down = false;
  let up = false;
  for (let i = 1; i < timestamps.length; i++) {
    if (timestamps[i]! < timestamps[i - 1]!) down = true;
    if (timestamps[i]! > timestamps[i - 1]!) up = true;
  }
  if (down && !up) return "newest_first";
  if (up && !down) return "oldest_first";
  return "unknown";
}

/** A URL compared loosely: scheme and host in lower case, no trailing slash. */
function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      const x = new URL(u);
      return `${x.protocol}//${x.host}${x.pathname.replace(/\/+$/, "")}${x.search}`.toLowerCase();
    } catch {
      return u.trim().replace(/\/+$/, "").toLowerCase();
    }
  };
  return norm(a) === norm(b);
}

/** Our webhook endpoint's URL as Cobo should have it registered. */
export function ourWebhookUrl(): string {
  const env = getEnv();
  return env.COBO_WEBHOOK_URL ?? new URL("/api/webhooks/cobo", env.APP_URL).toString();
}

/** Our endpoints among those Cobo lists: the configured id, else the endpoints with our URL. */
export function ourEndpoints(endpoints: readonly WebhookEndpoint[]): WebhookEndpoint[] {
  const env = getEnv();
  if (env.COBO_WEBHOOK_ENDPOINT_ID) return endpoints.filter((e) => e.endpoint_id === env.COBO_WEBHOOK_ENDPOINT_ID);
  const url = ourWebhookUrl();
  return endpoints.filter((e) => sameUrl(e.url, url));
}

export type ScanReport = { endpoints: number; pulled: number; pages: number; order: ListOrder[] };

/** Stores (source "pull") and applies events Cobo lists for our endpoint that the inbox lacks. */
export async function pullMissingEvents(now = Date.now(), opts: { pageSize?: number; maxPages?: number } = {}): Promise<ScanReport> {
  const cobo = getCoboGateway();
  const pageSize = opts.pageSize ?? 50;
  const maxPages = opts.maxPages ?? 20;
  const all: WebhookEndpoint[] = [];
  for (let after: string | undefined, i = 0; i < 20; i++) {
    const page = await cobo.listWebhookEndpoints({ limit: 50, ...(after ? { after } : {}) });
    all.push(...page.data);
    after = page.pagination?.after ?? undefined;
    if (!after || page.data.length === 0) break;
  }
  const endpoints = ourEndpoints(all);
  const report: ScanReport = { endpoints: endpoints.length, pulled: 0, pages: 0, order: [] };
  if (endpoints.length === 0) {
    logger.warn(
      { event: "reconcile.no_webhook_endpoint", url: ourWebhookUrl(), listed: all.length },
      "no webhook endpoint at Cobo is ours (COBO_WEBHOOK_ENDPOINT_ID / COBO_WEBHOOK_URL): missed events cannot be scanned",
    );
    return report;
  }
  for (const endpoint of endpoints) {
    const state = await readScan(endpoint.endpoint_id);
    const floor = (state.checkedThrough ?? now - FIRST_SCAN_MS) - SCAN_OVERLAP_MS;
    let after = state.resume?.after;
    let newest = state.resume?.newest ?? null;
    // Newest first, verified on every page read in this scan (and the scan it resumes).
    let newestFirst = state.resume ? state.resume.newestFirst : true;
    let previousLast: number | null = null;
    let seen: ListOrder = "unknown";
    let complete = false;
    for (let page = 0; page < maxPages; page++) {
      const events = await cobo.listWebhookEvents(endpoint.endpoint_id, { limit: pageSize, ...(after ? { after } : {}) });
      report.pages++;
      const stamps = events.data.map((e) => e.created_timestamp ?? now);
      const sequence = previousLast === null ? stamps : [previousLast, ...stamps];
      const order = orderOf(sequence);
      if (order !== "unknown") seen = order;
      if (sequence.length > 1 && order !== "newest_first") newestFirst = false;
      if (stamps.length > 0) previousLast = stamps[stamps.length - 1]!;
      const mine = events.data.filter((e) => !e.url || sameUrl(e.url, endpoint.url));
      const ids = mine.map((e) => e.event_id);
      const known = new Set(
        (await db.webhookEvent.findMany({ where: { eventId: { in: ids } }, select: { eventId: true } })).map((e) => e.eventId),
      );
      let reachedFloor = false;
      for (const e of events.data) {
        const at = e.created_timestamp ?? now;
        newest = Math.max(newest ?? at, at);
        if (at < floor) reachedFloor = true;
      }
      for (const e of mine) {
        if ((e.created_timestamp ?? now) < floor || known.has(e.event_id)) continue;
        report.pulled += await pullEvent(e);
      }
      after = events.pagination?.after ?? undefined;
      if (!after || events.data.length < pageSize || (newestFirst && reachedFloor)) {
        complete = true;
        break;
      }
    }
    report.order.push(seen);
    // Complete: everything up to the newest event seen is checked. Cut short: continue next run.
    await writeScan(
      endpoint.endpoint_id,
      complete || !after
        ? { checkedThrough: newest ?? state.checkedThrough, order: seen }
        : { checkedThrough: state.checkedThrough, resume: { after, newest: newest ?? now, newestFirst }, order: seen },
    );
  }
  return report;
}

/** Stores one listed event in the inbox, records the drift and applies it; 0 if it arrived meanwhile. */
async function pullEvent(e: WebhookEvent): Promise<number> {
  try {
    const row = await db.webhookEvent.create({
      data: {
        eventId: e.event_id,
        type: e.type,
        rawBody: JSON.stringify(e),
        signatureResult: "api",
        source: "pull",
        coboCreatedAt: e.created_timestamp ? new Date(e.created_timestamp) : null,
        // stored already claimed by this run (no inbox worker takes it while it is applied below)
        nextAttemptAt: new Date(Date.now() + INBOX_RETRY.leaseSeconds * 1000),
      },
      select: { id: true, type: true, attempts: true },
    });
    await recordDrift({
      subjectType: "webhook_event",
      subjectId: e.event_id,
      ourValue: null,
      coboValue: e.status ?? null,
      detail: `event ${e.type} never reached the webhook endpoint; pulled from Cobo`,
      healed: true,
    });
    await applyClaimedEvent(row); // a failure stays in the inbox, retried under the inbox's policy
    return 1;
  } catch (error) {
    if (isUniqueViolation(error)) return 0; // pushed meanwhile: fine
    throw error;
  }
}
