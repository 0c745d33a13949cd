import "server-only";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { parseCallbackPayload, type CallbackIds } from "@/lib/server/risk/callback-payload";
import { evaluateWithdrawal } from "@/lib/server/risk/evaluate-withdrawal";
import { loadWithdrawalFacts } from "@/lib/server/risk/load-withdrawal-facts";
import { recordRiskDecision } from "@/lib/server/risk/record-risk-decision";
import { deny, type RiskVerdict } from "@/lib/server/risk/risk-reasons";

// The decision for a callback whose signature has verified: parse, load, evaluate, record. It
// never throws: any failure along the way is a "deny" (fail closed), and an "ok" that could not be
// recorded is withdrawn, so every approval Cobo acts on is in the record.
//
// It also never keeps Cobo waiting. Cobo gives the callback about 2 seconds; the decision has a
// budget below that (RISK_CALLBACK_BUDGET_MS from the request's arrival). The reads run in one
// database transaction with lock_timeout and statement_timeout set to what is left, so a locked
// table or a slow query ends there; and whatever does not finish in time (a pool with no free
// connection, an embedded database busy with another transaction) is answered "deny" with the
// reason "timeout", recorded as soon as the database takes it. An "ok" is recorded in the same
// transaction as the reads and counts only if that commit began within the budget: a late "ok"
// is rolled back, never answered and never recorded.

/** How long a callback may take to decide, from its arrival; Cobo waits about 2 s. */
export const RISK_CALLBACK_BUDGET_MS = 1500;

export type RiskCallbackOutcome = { verdict: RiskVerdict; ids: CallbackIds; recorded: boolean };

class BudgetSpent extends Error {}

type Phase = "deciding" | "committing" | "over";

/** Decides and records the answer to one verified callback body, within `deadline` (epoch ms). */
export async function decideRiskCallback(rawBody: string, opts: { deadline?: number } = {}): Promise<RiskCallbackOutcome> {
  const deadline = opts.deadline ?? Date.now() + RISK_CALLBACK_BUDGET_MS;
  const parsed = parseCallbackPayload(rawBody);
  if (!parsed.ok) return recordWithin(deadline, deny("malformed_body", parsed.detail), parsed.ids, rawBody);
  const ids: CallbackIds = { requestId: parsed.tx.requestId, transactionId: parsed.tx.transactionId, walletId: parsed.tx.walletId };
  const budgetMs = Math.max(1, Math.floor(deadline - Date.now()));

  const state: { phase: Phase } = { phase: "deciding" };
  const work = (async (): Promise<{ verdict: RiskVerdict; recorded: boolean }> => {
    try {
      return await db.$transaction(
        async (tx) => {
          // Integers only, so interpolating them is safe (SET takes no parameters).
          await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${budgetMs}`);
          await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${budgetMs}`);
          const verdict = evaluateWithdrawal(await loadWithdrawalFacts(parsed.tx, tx));
          if (verdict.decision !== "ok") return { verdict, recorded: false };
          if (state.phase !== "deciding") throw new BudgetSpent("the budget was spent before the approval could be recorded");
          state.phase = "committing";
          await recordRiskDecision({ verdict, signatureResult: "valid", rawBody, ids }, tx);
          return { verdict, recorded: true };
        },
        { maxWait: budgetMs, timeout: budgetMs * 2 },
      );
    } catch (error) {
      if (error instanceof BudgetSpent) return { verdict: timedOut(budgetMs), recorded: false };
      if (state.phase === "committing") {
        logger.error({ err: error, event: "risk_callback.record_failed", request_id: ids.requestId }, "could not record the risk decision");
        return {
          verdict: deny("internal_error", "approved, but the decision could not be recorded; denied to fail closed"),
          recorded: false,
        };
      }
      if (isDatabaseTimeout(error)) return { verdict: timedOut(budgetMs), recorded: false };
      logger.error({ err: error, event: "risk_callback.error", request_id: ids.requestId }, "risk-control decision failed; denying");
      return {
        verdict: deny("internal_error", "the decision could not be made (the error was logged); denied to fail closed"),
        recorded: false,
      };
    }
  })();

  let result = await Promise.race([work, sleep(deadline - Date.now()).then(() => null)]);
  if (result === null) {
    if (state.phase === "committing") {
      // The approval is being committed right now: its outcome (bounded by statement_timeout) decides.
      result = await work;
    } else {
      state.phase = "over";
      void work.catch(() => undefined);
      logger.warn(
        { event: "risk_callback.timeout", request_id: ids.requestId, budget_ms: budgetMs },
        "risk-control decision exceeded its budget; denying",
      );
      result = { verdict: timedOut(budgetMs), recorded: false };
    }
  }
  if (result.recorded) return { verdict: result.verdict, ids, recorded: true };
  return recordWithin(deadline, result.verdict, ids, rawBody);
}

function timedOut(budgetMs: number): RiskVerdict {
  return deny("timeout", `no decision within the ${budgetMs} ms budget (the database was locked or slow); denied to fail closed`);
}

/**
 * Records a verdict that is never "ok" (approvals are recorded with their reads), waiting for the
 * record at most until the deadline: the answer is "deny" either way, and a record the database
 * takes later still lands (or its failure is logged).
 */
async function recordWithin(deadline: number, verdict: RiskVerdict, ids: CallbackIds, rawBody: string): Promise<RiskCallbackOutcome> {
  const safe =
    verdict.decision === "ok" ? deny("internal_error", "an approval reached the record step unrecorded; denied to fail closed") : verdict;
  const recording = recordRiskDecision({ verdict: safe, signatureResult: "valid", rawBody, ids }).then(
    () => true,
    (error: unknown) => {
      logger.error({ err: error, event: "risk_callback.record_failed", request_id: ids.requestId }, "could not record the risk decision");
      return false;
    },
  );
  const recorded = await Promise.race([recording, sleep(Math.max(0, deadline - Date.now()) + 250).then(() => false)]);
  return { verdict: safe, ids, recorded };
}

/** Whether a database error is one of the time limits this decision sets (or Prisma's transaction limits). */
function isDatabaseTimeout(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error);
  return /lock timeout|statement timeout|canceling statement|lock_not_available|query_canceled|55P03|57014|unable to start a transaction|expired transaction|transaction already closed/i.test(
    text,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
