import "server-only";
import { db, type Db } from "@/lib/db/client";
import type { CallbackIds } from "@/lib/server/risk/callback-payload";
import { formatReason, type RiskStage, type RiskVerdict, type SignatureResult } from "@/lib/server/risk/risk-reasons";

// Every answer the callback endpoint gives is recorded, forged requests included: the console
// shows who asked, what was decided and why. Bodies are bounded: a verified Transaction is a few
// kilobytes; what an unverified sender posts is kept only as a short preview.

export const MAX_VERIFIED_BODY_CHARS = 64 * 1024;
export const MAX_UNVERIFIED_BODY_CHARS = 4 * 1024;

export type RiskDecisionEntry = {
  verdict: RiskVerdict;
  signatureResult: SignatureResult;
  rawBody: string;
  /** only for verified bodies: ids an unverified sender claims are not recorded as facts */
  ids?: CallbackIds;
  /** default "callback" */
  stage?: RiskStage;
};

/** Cuts text to `max` characters without leaving half a surrogate pair; NULs (PostgreSQL refuses them) become U+FFFD. */
export function boundedText(text: string, max: number): string {
  let out = text.length > max ? text.slice(0, max) : text;
  const last = out.charCodeAt(out.length - 1);
  if (out.length < text.length && last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
  return out.replace(/\u0000/g, "\uFFFD");
}

/** Appends one decision to the record. */
export async function recordRiskDecision(entry: RiskDecisionEntry, client: Pick<Db, "riskDecision"> = db): Promise<{ id: string }> {
  const trusted = entry.signatureResult === "valid" || entry.signatureResult === "not_applicable";
  const max = trusted ? MAX_VERIFIED_BODY_CHARS : MAX_UNVERIFIED_BODY_CHARS;
  return client.riskDecision.create({
    data: {
      decision: entry.verdict.decision,
      reason: formatReason(entry.verdict),
      rawBody: boundedText(entry.rawBody, max),
      signatureResult: entry.signatureResult,
      requestId: entry.ids?.requestId ?? null,
      coboTransactionId: entry.ids?.transactionId ?? null,
      walletId: entry.ids?.walletId ?? null,
      stage: entry.stage ?? "callback",
      ruleType: entry.verdict.rule?.type ?? null,
      ruleId: entry.verdict.rule?.id ?? null,
    },
    select: { id: true },
  });
}
