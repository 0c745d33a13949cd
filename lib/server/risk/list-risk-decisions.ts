import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { pageParam, pageSizeParam, pageWindow, sortParam, textParam, type ListResult, type SortState } from "@/lib/server/console/list-query";
import { isoString } from "@/lib/server/console/serialize";
import { parseReason, RISK_REASON_CODES } from "@/lib/server/risk/risk-reasons";

// The record of every risk-control answer, newest first, for the console: what Cobo (or someone
// posing as Cobo) asked, what we answered and why. The list leaves out raw bodies (large, and
// attacker-supplied for refused requests); get-risk-decision.ts returns one with its body.

const SORTS = ["createdAt", "decision", "signatureResult"] as const;
type RiskDecisionSort = (typeof SORTS)[number];
const DEFAULT_SORT: SortState<RiskDecisionSort> = { id: "createdAt", desc: true };

export const RISK_DECISIONS = ["ok", "deny"] as const;
export const SIGNATURE_RESULTS = ["valid", "invalid", "missing", "stale", "too_large", "error"] as const;

export const listRiskDecisionsInput = z.object({
  page: pageParam,
  pageSize: pageSizeParam,
  sort: sortParam(SORTS, DEFAULT_SORT),
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
    requestId: d.requestId,
    coboTransactionId: d.coboTransactionId,
    walletId: d.walletId,
  };
}

/** Risk decisions for the console table (server-side paging, filters and sorting). */
export async function listRiskDecisions(rawInput: unknown): Promise<ListRiskDecisionsResult> {
  const input = listRiskDecisionsInput.parse(rawInput ?? {});
  const where: Prisma.RiskDecisionWhereInput = {
    ...(input.q
      ? {
          OR: [
            { requestId: { contains: input.q, mode: "insensitive" } },
            { coboTransactionId: { contains: input.q, mode: "insensitive" } },
            { walletId: { contains: input.q, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(input.decision ? { decision: input.decision } : {}),
    ...(input.reason ? { reason: { startsWith: `${input.reason}: ` } } : {}),
    ...(input.signatureResult ? { signatureResult: input.signatureResult } : {}),
  };
  const total = await db.riskDecision.count({ where });
  const window = pageWindow(input.page, input.pageSize, total);
  const dir = input.sort.desc ? "desc" : "asc";
  const rows = await db.riskDecision.findMany({
    where,
    orderBy: [{ [input.sort.id]: dir }, { createdAt: "desc" }, { id: "asc" }],
    skip: window.skip,
    take: window.pageSize,
    select: riskDecisionRowSelect,
  });
  return {
    page: window.page,
    pageSize: window.pageSize,
    total: window.total,
    pageCount: window.pageCount,
    sort: input.sort,
    defaultSort: DEFAULT_SORT,
    filters: { q: input.q, decision: input.decision, reason: input.reason, signatureResult: input.signatureResult },
    decisionOptions: [...RISK_DECISIONS],
    reasonOptions: [...RISK_REASON_CODES],
    signatureResultOptions: [...SIGNATURE_RESULTS],
    rows: rows.map(riskDecisionRow),
  };
}
