import "server-only";
import { db } from "@/lib/db/client";
import { TSS_REQUEST_STATUS } from "@/lib/domain/status/tss-request";
import { isTerminal } from "@/lib/domain/status/catalog";
import { processSlot } from "@/lib/process-state";

// The console's charts: aggregates over a window of whole UTC days, read with index-backed range
// scans (transactions by (status, created_at), TSS requests, webhook events and risk decisions by
// created/received time) and kept for a minute per window, so a busy console at 1M transactions
// asks the database at most once a minute per window. Days with nothing are present, as zeros.

export const INSIGHT_WINDOWS = [7, 30, 90] as const;
export type InsightsWindow = (typeof INSIGHT_WINDOWS)[number];
export const DEFAULT_INSIGHTS_WINDOW: InsightsWindow = 30;

/** The window a `?days=` value names; anything else is the default (a view setting, not an input to refuse). */
export function parseInsightsWindow(raw: unknown): InsightsWindow {
  const n = Number(raw);
  return INSIGHT_WINDOWS.find((d) => d === n) ?? DEFAULT_INSIGHTS_WINDOW;
}

export type VolumePoint = {
  day: string;
  tokenId: string;
  deposits: string;
  withdrawals: string;
  depositCount: number;
  withdrawalCount: number;
};
export type TssDay = {
  day: string;
  succeeded: number;
  failed: number;
  open: number;
  approveP50Seconds: number | null;
  approveP90Seconds: number | null;
};
export type WebhookDay = { day: string; received: number; applied: number; latencyP50Ms: number | null; latencyP95Ms: number | null };
export type DenialReason = { code: string; count: number };

export type Insights = {
  days: InsightsWindow;
  /** every day of the window, oldest first (YYYY-MM-DD, UTC) */
  dayList: string[];
  volume: VolumePoint[];
  /** tokens with completed deposits or withdrawals in the window, most transactions first */
  tokens: string[];
  tss: TssDay[];
  webhooks: WebhookDay[];
  denials: DenialReason[];
  generatedAt: string;
};

const CACHE_MS = 60_000;
const cache = processSlot("insightsCache", () => new Map<number, { at: number; value: Promise<Insights> }>(), { envDerived: true });

/** The charts' data for the last `days` whole UTC days (today included), at most a minute old. */
export function getInsights(days: InsightsWindow): Promise<Insights> {
  const entries = cache.get();
  const hit = entries.get(days);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = computeInsights(days);
  entries.set(days, { at: Date.now(), value });
  value.catch(() => entries.delete(days));
  return value;
}

function dayList(days: number, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

async function computeInsights(days: InsightsWindow): Promise<Insights> {
  const now = new Date();
  const list = dayList(days, now);
  const since = new Date(`${list[0]}T00:00:00.000Z`);

  const [volumeRows, tssRows, approveRows, receivedRows, appliedRows, denialRows] = await Promise.all([
    db.$queryRaw<{ day: string; token_id: string; type: string; total: string; n: number }[]>`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, token_id, type, sum(amount)::text AS total, count(*)::int AS n
      FROM transactions
      WHERE status = 'Completed' AND created_at >= ${since} AND type IN ('Deposit', 'Withdrawal')
      GROUP BY 1, 2, 3`,
    db.$queryRaw<{ day: string; status: string; n: number }[]>`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, status, count(*)::int AS n
      FROM tss_requests WHERE created_at >= ${since}
      GROUP BY 1, 2`,
    db.$queryRaw<{ day: string; p50: number | null; p90: number | null }[]>`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finalized_at - created_at)) AS p50,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM finalized_at - created_at)) AS p90
      FROM tss_requests WHERE created_at >= ${since} AND status = 'Success' AND finalized_at IS NOT NULL
      GROUP BY 1`,
    db.$queryRaw<{ day: string; n: number; p50: number | null; p95: number | null }[]>`
      SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - cobo_created_at) * 1000)
               FILTER (WHERE source = 'push' AND cobo_created_at IS NOT NULL) AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - cobo_created_at) * 1000)
               FILTER (WHERE source = 'push' AND cobo_created_at IS NOT NULL) AS p95
      FROM webhook_events WHERE received_at >= ${since} AND signature_result = 'valid'
      GROUP BY 1`,
    db.$queryRaw<{ day: string; n: number }[]>`
      SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM webhook_events WHERE received_at >= ${since} AND signature_result = 'valid' AND status IN ('applied', 'ignored')
      GROUP BY 1`,
    db.$queryRaw<{ code: string; n: number }[]>`
      SELECT coalesce(substring(reason FROM '^([a-z_]+): '), 'other') AS code, count(*)::int AS n
      FROM risk_decisions WHERE created_at >= ${since} AND decision = 'deny'
      GROUP BY 1 ORDER BY 2 DESC, 1`,
  ]);

  const volume = new Map<string, VolumePoint>();
  const tokenCounts = new Map<string, number>();
  for (const r of volumeRows) {
    const key = `${r.day}|${r.token_id}`;
    const point = volume.get(key) ?? {
      day: r.day,
      tokenId: r.token_id,
      deposits: "0",
      withdrawals: "0",
      depositCount: 0,
      withdrawalCount: 0,
    };
    if (r.type === "Deposit") Object.assign(point, { deposits: r.total, depositCount: r.n });
    else Object.assign(point, { withdrawals: r.total, withdrawalCount: r.n });
    volume.set(key, point);
    tokenCounts.set(r.token_id, (tokenCounts.get(r.token_id) ?? 0) + r.n);
  }

  const tss = new Map(
    list.map((day) => [day, { day, succeeded: 0, failed: 0, open: 0, approveP50Seconds: null, approveP90Seconds: null } as TssDay]),
  );
  for (const r of tssRows) {
    const d = tss.get(r.day);
    if (!d) continue;
    if (r.status === "Success") d.succeeded += r.n;
    else if (isTerminal(TSS_REQUEST_STATUS, r.status)) d.failed += r.n;
    else d.open += r.n;
  }
  for (const r of approveRows) {
    const d = tss.get(r.day);
    if (d) Object.assign(d, { approveP50Seconds: num(r.p50), approveP90Seconds: num(r.p90) });
  }

  const webhooks = new Map(
    list.map((day) => [day, { day, received: 0, applied: 0, latencyP50Ms: null, latencyP95Ms: null } as WebhookDay]),
  );
  for (const r of receivedRows) {
    const d = webhooks.get(r.day);
    if (d) Object.assign(d, { received: r.n, latencyP50Ms: num(r.p50), latencyP95Ms: num(r.p95) });
  }
  for (const r of appliedRows) {
    const d = webhooks.get(r.day);
    if (d) d.applied = r.n;
  }

  return {
    days,
    dayList: list,
    volume: [...volume.values()].sort((a, b) => a.day.localeCompare(b.day) || a.tokenId.localeCompare(b.tokenId)),
    tokens: [...tokenCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t),
    tss: [...tss.values()],
    webhooks: [...webhooks.values()],
    denials: denialRows.map((r) => ({ code: r.code, count: r.n })),
    generatedAt: now.toISOString(),
  };
}
