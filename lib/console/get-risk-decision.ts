import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { prettyRawBody } from "@/lib/serialize";
import { riskDecisionRow, riskDecisionRowSelect, type RiskDecisionRow } from "@/lib/console/list-risk-decisions";

export type RiskDecisionDetail = RiskDecisionRow & { rawBody: { text: string; isJson: boolean } };

/** One decision with the body it was made on (shown as text: refused bodies are untrusted); null when unknown. */
export async function getRiskDecision(id: string): Promise<RiskDecisionDetail | null> {
  if (!z.guid().safeParse(id).success) return null;
  const d = await db.riskDecision.findUnique({ where: { id }, select: { ...riskDecisionRowSelect, rawBody: true } });
  return d ? { ...riskDecisionRow(d), rawBody: prettyRawBody(d.rawBody) } : null;
}
