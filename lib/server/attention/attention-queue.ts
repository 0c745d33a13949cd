import "server-only";
import { db } from "@/lib/db/client";
import { ATTENTION_KINDS, ATTENTION_KIND_LABELS, type AttentionKind } from "@/lib/domain/attention";
import { Prisma } from "@/lib/generated/prisma/client";
import { readAttentionSettings, type AttentionSettings } from "@/lib/server/attention/attention-settings";
import { TSS_FINAL_STATUSES } from "@/lib/server/tss-requests/tss-status";

// The "Needs attention" queue: what support staff look at first. Six classes of item, each read
// by one index-backed query (the partial indexes of prisma/migrations/*_needs_attention, or the
// console lists' (status, time, id) indexes), oldest first, without the items an admin has
// acknowledged (attention_acknowledgements, an anti-join on its unique (kind, subject_id)):
//
//   tss_pending        a TSS request not final tssPendingMinutes after it was created
//   device_wait        a transaction in PendingSignature (the user's device must approve and sign)
//                      deviceWaitMinutes after it was created
//   withdrawal_failed  a withdrawal that ended Failed or Rejected in the last failedWithdrawalHours
//   webhook_failed     a webhook event whose apply still fails webhookFailedMinutes after it arrived
//   callback_failed    a risk-control callback we could not decide on its merits in the last
//                      callbackFailureHours (bad or missing signature, unreadable body, our error,
//                      timeout): Cobo was told "deny" because the endpoint fails closed
//   drift_open         a reconciliation drift not resolved
//
// Each class reads at most ROWS_PER_CLASS items and counts up to COUNT_CAP, so a page view costs
// the same however large the tables or the queue grow.

export { ATTENTION_KINDS, ATTENTION_KIND_LABELS, type AttentionKind };

export const ROWS_PER_CLASS = 100;
export const COUNT_CAP = 1000;

export type AttentionItem = {
  kind: AttentionKind;
  /** our row id of the object (what an acknowledgement names) */
  subjectId: string;
  /** the id staff recognise (Cobo's id, or ours before Cobo answered) */
  ref: string;
  /** the console page of the object */
  href: string;
  /** when the age is counted from (ISO) */
  since: string;
  ageSeconds: number;
  userId: string | null;
  userEmail: string | null;
  /** why it is in the queue, in words */
  why: string;
};

export type AttentionQueue = {
  generatedAt: string;
  items: AttentionItem[];
  /** per class: how many items (at most COUNT_CAP) */
  counts: Record<AttentionKind, number>;
  total: number;
  /** some class has more than COUNT_CAP items (its count is a lower bound) */
  capped: boolean;
};

const literalList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ");

// Literal predicates, the same text as the partial indexes' (the final statuses are code constants).
const TSS_OPEN = Prisma.raw(`t.status NOT IN (${literalList(TSS_FINAL_STATUSES)})`);
const WITHDRAWAL_FAILED = Prisma.raw(`t.type = 'Withdrawal' AND t.status IN ('Failed', 'Rejected')`);
/** risk reason codes that mean the callback could not be decided on its merits (lib/server/risk/risk-reasons.ts) */
export const CALLBACK_FAILURE_CODES = ["verification_error", "malformed_body", "body_too_large", "timeout", "internal_error"] as const;
const CALLBACK_FAILED = Prisma.raw(
  `(r.signature_result <> 'valid' OR ${CALLBACK_FAILURE_CODES.map((c) => `r.reason LIKE '${c}:%'`).join(" OR ")})`,
);

const notAcknowledged = (kind: AttentionKind, column: string) =>
  Prisma.sql`NOT EXISTS (SELECT 1 FROM attention_acknowledgements a WHERE a.kind = ${kind} AND a.subject_id = ${Prisma.raw(column)})`;

type Row = {
  subject_id: string;
  ref: string;
  since_ms: number;
  user_id: string | null;
  user_email: string | null;
  detail: string | null;
  extra: string | null;
  /** drift_open: our row id of the drift's subject, when we hold it */
  link_id?: string | null;
};

type ClassQuery = { kind: AttentionKind; from: Prisma.Sql; where: Prisma.Sql; order: Prisma.Sql; id: Prisma.Sql };

/** The FROM/WHERE of each class at `now` (exported for the EXPLAIN test). */
export function attentionClassQueries(settings: AttentionSettings, now: Date): ClassQuery[] {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  return [
    {
      kind: "tss_pending",
      id: Prisma.sql`t.id`,
      from: Prisma.sql`tss_requests t JOIN vaults v ON v.id = t.vault_id JOIN users u ON u.id = v.user_id`,
      where: Prisma.sql`${TSS_OPEN} AND t.created_at < ${ago(settings.tssPendingMinutes * MIN)} AND ${notAcknowledged("tss_pending", "t.id")}`,
      order: Prisma.sql`t.created_at`,
    },
    {
      kind: "device_wait",
      id: Prisma.sql`t.id`,
      from: Prisma.sql`transactions t LEFT JOIN wallets w ON w.id = t.wallet_id LEFT JOIN vaults v ON v.id = w.vault_id LEFT JOIN users u ON u.id = coalesce(t.user_id, v.user_id)`,
      where: Prisma.sql`t.status = 'PendingSignature' AND t.created_at < ${ago(settings.deviceWaitMinutes * MIN)} AND ${notAcknowledged("device_wait", "t.id")}`,
      order: Prisma.sql`t.created_at`,
    },
    {
      kind: "withdrawal_failed",
      id: Prisma.sql`t.id`,
      from: Prisma.sql`transactions t LEFT JOIN wallets w ON w.id = t.wallet_id LEFT JOIN vaults v ON v.id = w.vault_id LEFT JOIN users u ON u.id = coalesce(t.user_id, v.user_id)`,
      where: Prisma.sql`${WITHDRAWAL_FAILED} AND t.updated_at > ${ago(settings.failedWithdrawalHours * HOUR)} AND ${notAcknowledged("withdrawal_failed", "t.id")}`,
      order: Prisma.sql`t.updated_at`,
    },
    {
      kind: "webhook_failed",
      id: Prisma.sql`e.id`,
      from: Prisma.sql`webhook_events e`,
      where: Prisma.sql`e.status = 'failed' AND e.received_at < ${ago(settings.webhookFailedMinutes * MIN)} AND ${notAcknowledged("webhook_failed", "e.id")}`,
      order: Prisma.sql`e.received_at`,
    },
    {
      kind: "callback_failed",
      id: Prisma.sql`r.id`,
      from: Prisma.sql`risk_decisions r LEFT JOIN transactions t ON t.request_id = r.request_id LEFT JOIN users u ON u.id = t.user_id`,
      where: Prisma.sql`${CALLBACK_FAILED} AND r.created_at > ${ago(settings.callbackFailureHours * HOUR)} AND ${notAcknowledged("callback_failed", "r.id")}`,
      order: Prisma.sql`r.created_at`,
    },
    {
      kind: "drift_open",
      id: Prisma.sql`d.id`,
      from: Prisma.sql`reconciliation_drifts d
        LEFT JOIN tss_requests t ON d.subject_type = 'tss_request' AND t.cobo_tss_request_id = d.subject_id
        LEFT JOIN vaults v ON v.id = t.vault_id
        LEFT JOIN transactions x ON d.subject_type = 'transaction' AND x.cobo_transaction_id = d.subject_id
        LEFT JOIN users u ON u.id = coalesce(v.user_id, x.user_id)`,
      where: Prisma.sql`d.resolved_at IS NULL AND ${notAcknowledged("drift_open", "d.id")}`,
      order: Prisma.sql`d.detected_at`,
    },
  ];
}

/** What each class selects: the subject, its display id, the time its age counts from, the user, and the facts for "why". */
const SELECTS: Record<AttentionKind, Prisma.Sql> = {
  tss_pending: Prisma.sql`t.id::text AS subject_id, t.cobo_tss_request_id AS ref, (extract(epoch FROM t.created_at) * 1000)::float8 AS since_ms,
    u.id::text AS user_id, u.email AS user_email, t.status AS detail, t.type AS extra`,
  device_wait: Prisma.sql`t.id::text AS subject_id, coalesce(t.cobo_transaction_id, t.request_id) AS ref, (extract(epoch FROM t.created_at) * 1000)::float8 AS since_ms,
    u.id::text AS user_id, u.email AS user_email, t.sub_status AS detail, t.type AS extra`,
  withdrawal_failed: Prisma.sql`t.id::text AS subject_id, coalesce(t.cobo_transaction_id, t.request_id) AS ref, (extract(epoch FROM t.updated_at) * 1000)::float8 AS since_ms,
    u.id::text AS user_id, u.email AS user_email, t.status AS detail, coalesce(t.sub_status || coalesce(': ' || t.failed_reason, ''), t.failed_reason) AS extra`,
  webhook_failed: Prisma.sql`e.id::text AS subject_id, e.event_id AS ref, (extract(epoch FROM e.received_at) * 1000)::float8 AS since_ms,
    NULL::text AS user_id, NULL::text AS user_email, e.type AS detail, e.attempts::text || ' attempts; ' || coalesce(e.last_error, 'no error recorded') AS extra`,
  callback_failed: Prisma.sql`r.id::text AS subject_id, coalesce(r.cobo_transaction_id, r.request_id, r.id::text) AS ref, (extract(epoch FROM r.created_at) * 1000)::float8 AS since_ms,
    u.id::text AS user_id, u.email AS user_email, r.signature_result AS detail, r.reason AS extra`,
  drift_open: Prisma.sql`d.id::text AS subject_id, d.subject_id AS ref, (extract(epoch FROM d.detected_at) * 1000)::float8 AS since_ms,
    u.id::text AS user_id, u.email AS user_email, d.subject_type AS detail,
    coalesce(d.detail, 'ours ' || coalesce(d.our_value, '—') || ', Cobo ' || coalesce(d.cobo_value, '—')) AS extra,
    coalesce(t.id, x.id)::text AS link_id`,
};

/** The rows query of one class (oldest first). */
export function attentionRowsSql(q: ClassQuery, limit = ROWS_PER_CLASS): Prisma.Sql {
  return Prisma.sql`SELECT ${SELECTS[q.kind]} FROM ${q.from} WHERE ${q.where} ORDER BY ${q.order} ASC LIMIT ${limit}`;
}

/** The capped count query of one class (reads at most COUNT_CAP + 1 index entries). */
export function attentionCountSql(q: ClassQuery): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${q.from} WHERE ${q.where} LIMIT ${COUNT_CAP + 1}) s`;
}

function minutesText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h` : `${Math.floor(h / 24)} days`;
}

function why(kind: AttentionKind, r: Row, settings: AttentionSettings): string {
  switch (kind) {
    case "tss_pending":
      return `${r.extra ?? "TSS request"} still ${r.detail} after more than ${minutesText(settings.tssPendingMinutes * 60)} (threshold)`;
    case "device_wait":
      return `Waiting for the user's device to approve and sign${r.detail ? ` (${r.detail})` : ""} for more than ${minutesText(settings.deviceWaitMinutes * 60)}`;
    case "withdrawal_failed":
      return `Withdrawal ${r.detail}${r.extra ? `: ${r.extra}` : ""}`;
    case "webhook_failed":
      return `${r.detail} event failed to apply (${r.extra ?? ""})`;
    case "callback_failed":
      return `Risk-control callback answered deny without a decision on its merits (signature ${r.detail}; ${r.extra ?? ""})`;
    case "drift_open":
      return `Unresolved ${r.detail?.replace("_", " ")} drift: ${r.extra ?? ""}`;
  }
}

function hrefOf(kind: AttentionKind, r: Row): string {
  switch (kind) {
    case "tss_pending":
      return `/tss-requests/${r.subject_id}`;
    case "device_wait":
    case "withdrawal_failed":
      return `/transactions/${r.subject_id}`;
    case "webhook_failed":
      return `/webhooks/${r.subject_id}`;
    case "callback_failed":
      return `/risk/decisions/${r.subject_id}`;
    case "drift_open":
      if (r.link_id) return r.detail === "tss_request" ? `/tss-requests/${r.link_id}` : `/transactions/${r.link_id}`;
      return `/reconciliation?q=${encodeURIComponent(r.ref)}`;
  }
}

/** Counts per class (capped), without reading the rows: what the sidebar badge and the alert need. */
export async function countAttention(
  settings?: AttentionSettings,
  now = new Date(),
): Promise<Pick<AttentionQueue, "counts" | "total" | "capped">> {
  const s = settings ?? (await readAttentionSettings());
  const queries = attentionClassQueries(s, now);
  const counts = await Promise.all(queries.map((q) => db.$queryRaw<{ n: number }[]>(attentionCountSql(q)).then((rows) => rows[0]?.n ?? 0)));
  return summarise(queries.map((q, i) => [q.kind, counts[i] ?? 0] as const));
}

function summarise(entries: (readonly [AttentionKind, number])[]): Pick<AttentionQueue, "counts" | "total" | "capped"> {
  const counts = Object.fromEntries(ATTENTION_KINDS.map((k) => [k, 0])) as Record<AttentionKind, number>;
  let capped = false;
  for (const [kind, n] of entries) {
    counts[kind] = Math.min(n, COUNT_CAP);
    if (n > COUNT_CAP) capped = true;
  }
  return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0), capped };
}

/** The queue: every class's oldest items (at most ROWS_PER_CLASS each), oldest first overall, and the counts. */
export async function readAttentionQueue(settings?: AttentionSettings, now = new Date()): Promise<AttentionQueue> {
  const s = settings ?? (await readAttentionSettings());
  const queries = attentionClassQueries(s, now);
  const results = await Promise.all(
    queries.map(async (q) => {
      const [rows, count] = await Promise.all([
        db.$queryRaw<Row[]>(attentionRowsSql(q)),
        db.$queryRaw<{ n: number }[]>(attentionCountSql(q)).then((r) => r[0]?.n ?? 0),
      ]);
      return { kind: q.kind, rows, count };
    }),
  );
  const items: AttentionItem[] = results.flatMap(({ kind, rows }) =>
    rows.map((r) => ({
      kind,
      subjectId: r.subject_id,
      ref: r.ref,
      href: hrefOf(kind, r),
      since: new Date(r.since_ms).toISOString(),
      ageSeconds: Math.max(0, Math.floor((now.getTime() - r.since_ms) / 1000)),
      userId: r.user_id,
      userEmail: r.user_email,
      why: why(kind, r, s),
    })),
  );
  items.sort((a, b) => b.ageSeconds - a.ageSeconds || a.kind.localeCompare(b.kind) || a.subjectId.localeCompare(b.subjectId));
  return { generatedAt: now.toISOString(), items, ...summarise(results.map((r) => [r.kind, r.count] as const)) };
}

/** Whether the object `subjectId` is in the queue as a `kind` item now (not acknowledged, past its threshold). */
export async function isInAttentionQueue(
  kind: AttentionKind,
  subjectId: string,
  settings?: AttentionSettings,
  now = new Date(),
): Promise<boolean> {
  const s = settings ?? (await readAttentionSettings());
  const q = attentionClassQueries(s, now).find((c) => c.kind === kind)!;
  const rows = await db.$queryRaw<{ n: number }[]>(
    Prisma.sql`SELECT count(*)::int AS n FROM ${q.from} WHERE ${q.where} AND ${q.id} = ${subjectId}::uuid`,
  );
  return (rows[0]?.n ?? 0) > 0;
}
