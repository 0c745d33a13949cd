import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_OUTCOMES } from "@/lib/console/known-values";
import {
  countRows,
  cursorPage,
  dateParam,
  dateRangeConditions,
  distinctValues,
  inPageOrder,
  isGuid,
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
import { isoString } from "@/lib/serialize";
import { auditDetailItems, type DetailItem } from "@/lib/console/audit-details";
import { auditTargetName, auditTargetNames } from "@/lib/console/audit-targets";

const SORTS = ["createdAt", "actorEmail", "action", "outcome"] as const;
type AuditSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<AuditSort> = { id: "createdAt", desc: true };

export const listAuditLogInput = listInput(SORTS, DEFAULT_SORT, {
  q: textParam,
  action: textParam,
  outcome: textParam,
  /** the actor's email, exactly */
  actor: textParam,
  /** a target id, or an email: entries about that app user or console user */
  target: textParam,
  targetType: textParam,
  from: dateParam,
  to: dateParam,
});

/** The filters an audit log view (page or export) reads from the URL. */
export const AUDIT_FILTER_KEYS = ["q", "action", "outcome", "actor", "target", "targetType", "from", "to"] as const;

export type AuditLogRow = {
  id: string;
  createdAt: string;
  actorEmail: string;
  actorRole: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** The target's name (an email, "Withdrawal of 0.5 XTN (…)"), when it still exists and has one. */
  targetName: string | null;
  outcome: string;
  requestId: string | null;
  /** The details as label/value pairs (empty when the entry has none). */
  details: DetailItem[];
};

export type AuditLogFilters = Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>>;

export type ListAuditLogResult = ListResult<AuditLogRow, AuditSort, AuditLogFilters> & {
  actionOptions: string[];
  outcomeOptions: string[];
  actorOptions: string[];
  targetTypeOptions: string[];
};

const CREATED: SortKey = { sql: "a.created_at", type: "timestamptz" };
/** The index-backed key of each sort (audit_log_*_idx); `a.id` follows. */
const SORT_KEYS: Record<AuditSort, SortKey[]> = {
  createdAt: [CREATED],
  actorEmail: [{ sql: "a.actor_email", type: "text" }],
  action: [{ sql: "a.action", type: "text" }, CREATED],
  outcome: [{ sql: "a.outcome", type: "text" }, CREATED],
};

/** The keyset query of one page (exported for the EXPLAIN tests). */
export function auditLogListQuery(input: z.infer<typeof listAuditLogInput>): KeysetQuery {
  const where: Prisma.Sql[] = [];
  if (input.q) where.push(searchCondition(["a.actor_email", "a.target_id"], input.q));
  if (input.action) where.push(Prisma.sql`a.action = ${input.action}`);
  if (input.outcome) where.push(Prisma.sql`a.outcome = ${input.outcome}`);
  // audit_log_actor_email_created_at_id_idx
  if (input.actor) where.push(Prisma.sql`a.actor_email = ${input.actor}`);
  if (input.targetType) where.push(Prisma.sql`a.target_type = ${input.targetType}`);
  // audit_log_target_id_created_at_id_idx. An email names the person however the entry named
  // them: by app user or console user id, or by the email itself (an action that created them).
  if (input.target) {
    const target = input.target;
    where.push(
      target.includes("@")
        ? Prisma.sql`a.target_id IN (SELECT ${target} UNION ALL SELECT u.id::text FROM users u WHERE u.email = ${target.toLowerCase()}
            UNION ALL SELECT c.id::text FROM console_users c WHERE c.email = ${target.toLowerCase()})`
        : Prisma.sql`a.target_id = ${isGuid(target) ? target.toLowerCase() : target}`,
    );
  }
  where.push(...dateRangeConditions("a.created_at", input.from, input.to));
  return {
    from: "audit_log a",
    id: "a.id",
    where,
    keys: SORT_KEYS[input.sort.id],
    sort: input.sort,
    after: input.after,
    before: input.before,
    pageSize: input.pageSize,
  };
}

/** Console actions (and exports), newest first; the search box matches the actor's email or the target id. */
export async function listAuditLog(rawInput: unknown): Promise<ListAuditLogResult> {
  const input = listAuditLogInput.parse(rawInput ?? {});
  const query = auditLogListQuery(input);
  const [page, total, storedActions, storedOutcomes, storedActors, storedTargetTypes] = await Promise.all([
    keysetPage(query),
    countRows({ from: query.from, where: query.where, table: "audit_log" }),
    distinctValues("audit_log", "action"),
    distinctValues("audit_log", "outcome"),
    distinctValues("audit_log", "actor_email"),
    distinctValues("audit_log", "target_type"),
  ]);
  const entries = await db.auditLog.findMany({ where: { id: { in: page.ids } }, select: auditLogRowSelect });
  const rows = await auditLogRows(inPageOrder(page.ids, entries));
  return {
    ...cursorPage(input.pageSize, total, page),
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, input[k]])),
    // Actions are named by whoever writes the audit entries; offer what has been recorded.
    actionOptions: mergeOptions([], storedActions),
    outcomeOptions: mergeOptions(AUDIT_OUTCOMES, storedOutcomes),
    actorOptions: mergeOptions([], storedActors),
    targetTypeOptions: mergeOptions([], storedTargetTypes),
    rows,
  };
}

export const auditLogRowSelect = {
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
} satisfies Prisma.AuditLogSelect;

/** Audit entries as the console shows them: targets named, details readable. */
export async function auditLogRows(entries: Prisma.AuditLogGetPayload<{ select: typeof auditLogRowSelect }>[]): Promise<AuditLogRow[]> {
  const names = await auditTargetNames(entries.map((e) => ({ type: e.targetType, id: e.targetId })));
  return entries.map((e) => ({
    id: e.id,
    createdAt: isoString(e.createdAt),
    actorEmail: e.actorEmail,
    actorRole: e.actorRole,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    targetName: auditTargetName(names, { type: e.targetType, id: e.targetId }),
    outcome: e.outcome,
    requestId: e.requestId,
    details: auditDetailItems(e.details),
  }));
}
