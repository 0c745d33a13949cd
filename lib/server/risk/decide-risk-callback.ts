import "server-only";
import { logger } from "@/lib/log/logger";
import { parseCallbackPayload, type CallbackIds } from "@/lib/server/risk/callback-payload";
import { evaluateWithdrawal } from "@/lib/server/risk/evaluate-withdrawal";
import { loadWithdrawalFacts } from "@/lib/server/risk/load-withdrawal-facts";
import { recordRiskDecision } from "@/lib/server/risk/record-risk-decision";
import { deny, type RiskVerdict } from "@/lib/server/risk/risk-reasons";

// The decision for a callback whose signature has verified: parse, load, evaluate, record. It
// never throws: any failure along the way is a "deny" (fail closed), and an "ok" that could not be
// recorded is withdrawn, so every approval Cobo acts on is in the record.

export type RiskCallbackOutcome = { verdict: RiskVerdict; ids: CallbackIds; recorded: boolean };

/** Decides and records the answer to one verified callback body. */
export async function decideRiskCallback(rawBody: string): Promise<RiskCallbackOutcome> {
  const parsed = parseCallbackPayload(rawBody);
  let ids: CallbackIds;
  let verdict: RiskVerdict;
  if (!parsed.ok) {
    ids = parsed.ids;
    verdict = deny("malformed_body", parsed.detail);
  } else {
    ids = { requestId: parsed.tx.requestId, transactionId: parsed.tx.transactionId, walletId: parsed.tx.walletId };
    try {
      verdict = evaluateWithdrawal(await loadWithdrawalFacts(parsed.tx));
    } catch (error) {
      logger.error({ err: error, event: "risk_callback.error", request_id: ids.requestId }, "risk-control decision failed; denying");
      verdict = deny("internal_error", "the decision could not be made (the error was logged); denied to fail closed");
    }
  }
  try {
    await recordRiskDecision({ verdict, signatureResult: "valid", rawBody, ids });
    return { verdict, ids, recorded: true };
  } catch (error) {
    logger.error({ err: error, event: "risk_callback.record_failed", request_id: ids.requestId }, "could not record the risk decision");
    const withdrawn = verdict.decision === "ok" ? deny("internal_error", "approved, but the decision could not be recorded; denied to fail closed") : verdict;
    return { verdict: withdrawn, ids, recorded: false };
  }
}
