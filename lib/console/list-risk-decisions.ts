import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  countRows,
  cursorPage,
  escapeLike,
  inPageOrder,
  keysetPage,
  listInput,
  searchCondition,
  textParam,
  type KeysetQuery,
  type ListResult,
  type SortKey,
  type SortState,
} from "@/lib/console/list-query";
import { isoString } from "@/lib/serialize";
import { parseReason, RISK_REASON_CODES } from "@/lib/server/risk/risk-reasons";

// The record of every risk-control answer, newest first, for the console: what Cobo (or someone
// posing as Cobo) asked, what we answered and why. The list leaves out raw bodies (large, and
// attacker-supplied for refused requests); get-risk-decision.ts returns one with its body.

const SORTS = ["createdAt", "decision", "signatureResult"] as const;
type RiskDecisionSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<RiskDecisionSort> = { id: "createdAt", desc: true };

export const RISK_DECISIONS = ["ok", "deny"] as const;
export const SIGNATURE_RESULTS = ["valid", "invalid", "missing", "stale", "too_large", "error", "not_applicable"] as const;

export const listRiskDecisionsInput = listInput(SORTS, DEFAULT_SORT, {
  /** request id, Cobo transaction id or Cobo wallet id (exact or partial) */
  q: textParam,
  decision: textParam,
  /** a reason code such as limit_exceeded */
  reason: textParam,
  signatureResult: textParam,
});

export type RiskDecisionRow = {
  id: string;
  createdAt: string;
  decision: string;
  reasonCode: string;
  reasonDetail: string;
  signatureResult: string;
  /** callback (Cobo asked) or pre_submission (checked before the transfer was sent) */
  stage: string;
  /** the rule that decided a deny, when one is named */
  rule: { type: string; id: string | null } | null;
  requestId: string | null;
  coboTransactionId: string | null;
  walletId: string | null;
};

export type RiskDecisionFilters = { q?: string; decision?: string; reason?: string; signatureResult?: string };

export type ListRiskDecisionsResult = ListResult<RiskDecisionRow, RiskDecisionSort, RiskDecisionFilters> & {
  decisionOptions: string[];
  reasonOptions: string[];
  signatureResultOptions: string[];
};

export const riskDecisionRowSelect = {
  id: true,
  createdAt: true,
  decision: true,
  reason: true,
  signatureResult: true,
  stage: true,
  ruleType: true,
  ruleId: true,
  requestId: true,
  coboTransactionId: true,
  walletId: true,
} as const;

/** A decision row as the console shows it: the stored reason split into code and detail. */
export function riskDecisionRow(d: Prisma.RiskDecisionGetPayload<{ select: typeof riskDecisionRowSelect }>): RiskDecisionRow {
  const { code, detail } = parseReason(d.reason);
  return {
    id: d.id,
    createdAt: isoString(d.createdAt),
    decision: d.decision,
    reasonCode: code,
    reasonDetail: detail,
    signatureResult: d.signatureResult,
    stage: d.stage,
    rule: d.ruleType ? { type: d.ruleType, id: d.ruleId } : null,
    requestId: d.requestId,
    coboTransactionId: d.coboTransactionId,
    walletId: d.walletId,
  };
}

const CREATED: SortKey = { sql: "r.created_at", type: "timestamptz" };
/** The index-backed key of each sort (risk_decisions_*_idx); `r.id` follows. */
const SORT_KEYS: Record<RiskDecisionSort, SortKey[]> = {
  createdAt: [CREATED],
  decision: [{ sql: "r.decision", type: "text" }, CREATED],
  signatureResult: [{ sql: "r.signature_result", type: "text" }, CREATED],
};

/** The keyset query of one page (exported for the EXPLAIN tests). */
export function riskDecisionsListQuery(input: z.infer<typeof listRiskDecisionsInput>): KeysetQuery {
  const where: Prisma.Sql[] = [];
  if (input.q) where.push(searchCondition(["r.request_id", "r.cobo_transaction_id", "r.wallet_id"], input.q));
  if (input.decision) where.push(Prisma.sql`r.decision = ${input.decision}`);
  if (input.reason) where.push(Prisma.sql`r.reason LIKE ${`${escapeLike(input.reason)}: %`}`);
  if (input.signatureResult) where.push(Prisma.sql`r.signature_result = ${input.signatureResult}`);
  return {
    from: "risk_decisions r",
    id: "r.id",
    where,
    keys: SORT_KEYS[input.sort.id],
    sort: input.sort,
    after: input.after,
    before: input.before,
    pageSize: input.pageSize,
  };
}

/** Risk decisions for the console table (server-side paging, filters and sorting). */
export async function listRiskDecisions(rawInput: unknown): Promise<ListRiskDecisionsResult> {
  const input = listRiskDecisionsInput.parse(rawInput ?? {});
  const query = riskDecisionsListQuery(input);
  const [page, total] = await Promise.all([
    keysetPage(query),
    countRows({ from: query.from, where: query.where, table: "risk_decisions" }),
  ]);
  const rows = await db.riskDecision.findMany({ where: { id: { in: page.ids } }, select: riskDecisionRowSelect });
  return {
    ...cursorPage(input.pageSize, total, page),
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, decision: input.decision, reason: input.reason, signatureResult: input.signatureResult },
    decisionOptions: [...RISK_DECISIONS],
    reasonOptions: [...RISK_REASON_CODES],
    signatureResultOptions: [...SIGNATURE_RESULTS],
    rows: inPageOrder(page.ids, rows).map(riskDecisionRow),
  };
}
