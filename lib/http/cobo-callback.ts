import "server-only";
import { currentRequestContext, requestIdFrom, withRequestContext } from "@/lib/log/context";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";
import { clientIp } from "@/lib/http/client-ip";
import { InboundRejected, verifyInbound, type InboundRejection } from "@/lib/http/cobo-inbound";
import { recordedCallbackDecision } from "@/lib/server/cobo-inbound/callback-replay";
import { recordInboundRejection } from "@/lib/server/cobo-inbound/rejections";
import { decideRiskCallback, RISK_CALLBACK_BUDGET_MS } from "@/lib/server/risk/decide-risk-callback";
import { recordRiskDecision } from "@/lib/server/risk/record-risk-decision";
import { deny, type RiskVerdict, type SignatureResult } from "@/lib/server/risk/risk-reasons";

// Cobo's risk-control callback (docs/cobo.md#risk-control-callback) as `(req: Request) => Promise<Response>`, so tests
// and the loopback route server call it without Next.js. Cobo reads only a 200/201 with the plain
// text `ok` or `deny`; anything else is retried. So this endpoint never answers an error page:
// - a request whose signature does not verify gets 401 `deny` (it is not Cobo's, or not intact);
// - a verified one gets 200 and the decision, `ok` only for our own withdrawal passing the rules,
//   decided within a time budget (decide-risk-callback.ts): past it, `deny` with reason "timeout";
// - any failure answers `deny` (fail closed). It is the one place with a catch-all, on purpose.
// - a request decided before (same request_id and transaction_id: Cobo's retry, or a replay of the
//   signed request at any age) gets the recorded decision again, never a new one (callback-replay.ts).

const REJECTION: Record<InboundRejection, { signature: SignatureResult; verdict: RiskVerdict }> = {
  missing_signature: { signature: "missing", verdict: deny("signature_missing", "Biz-Timestamp or Biz-Resp-Signature header missing") },
  bad_signature: {
    signature: "invalid",
    verdict: deny("signature_invalid", "the signature does not verify with Cobo's key for this body and timestamp"),
  },
  invalid_timestamp: {
    signature: "invalid",
    verdict: deny("signature_invalid", "Biz-Timestamp is not a time (10 to 16 digits, in seconds or milliseconds)"),
  },
  stale_timestamp: { signature: "stale", verdict: deny("signature_stale", "Biz-Timestamp is older than COBO_WEBHOOK_MAX_AGE_SECONDS") },
  too_large: { signature: "too_large", verdict: deny("body_too_large", "the body exceeds the accepted size") },
  stalled: { signature: "error", verdict: deny("verification_error", "the body stopped arriving before it was complete") },
};

function answer(decision: "ok" | "deny", status: 200 | 401): Response {
  return new Response(decision, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

async function refuseUnverified(preview: string, signature: SignatureResult, verdict: RiskVerdict): Promise<Response> {
  await recordRiskDecision({ verdict, signatureResult: signature, rawBody: preview }).catch((error: unknown) =>
    logger.error({ err: error, event: "risk_callback.record_failed" }, "could not record the refused callback"),
  );
  logger.warn(
    { event: "risk_callback.refused", decision: "deny", reason: verdict.code },
    "risk-control callback refused before any decision",
  );
  return answer("deny", 401);
}

async function handle(req: Request): Promise<{ response: Response; reason: string }> {
  // The decision's time budget counts from the request's arrival (Cobo waits about 2 s).
  const deadline = Date.now() + RISK_CALLBACK_BUDGET_MS;
  let rawBody: string;
  try {
    ({ rawBody } = await verifyInbound(req));
  } catch (error) {
    if (error instanceof InboundRejected) {
      // What arrived is kept (as a short preview) for the record of the refused request.
      const { signature, verdict } = REJECTION[error.reason];
      await recordInboundRejection({
        channel: "callback",
        reason: error.reason,
        body: error.bodyPrefix,
        timestampHeader: req.headers.get("biz-timestamp"),
        clientIp: clientIp(req.headers),
        requestId: currentRequestContext()?.requestId ?? null,
      });
      const response = await refuseUnverified(error.bodyPrefix, signature, verdict);
      // The rest of a refused body may still be on its way: close the connection rather than wait for it.
      if (error.reason === "too_large" || error.reason === "stalled") response.headers.set("connection", "close");
      return { response, reason: verdict.code };
    }
    // The signature could not be checked (e.g. the sandbox's key could not be fetched): unverified,
    // so 401 and Cobo retries later rather than rejecting a possibly genuine withdrawal for good.
    logger.error({ err: error, event: "risk_callback.verify_error" }, "could not verify a risk-control callback");
    await recordInboundRejection({
      channel: "callback",
      reason: "unverifiable",
      body: "",
      timestampHeader: req.headers.get("biz-timestamp"),
      clientIp: clientIp(req.headers),
      requestId: currentRequestContext()?.requestId ?? null,
    });
    const verdict = deny("verification_error", "the signature could not be checked (the error was logged)");
    return { response: await refuseUnverified("", "error", verdict), reason: verdict.code };
  }
  // Decided before: the same answer, nothing new decided or recorded.
  // A look-up that fails, or does not answer within half the budget (a locked or busy database),
  // decides afresh: the decision rests on the same facts and keeps to its own budget.
  const lookup = recordedCallbackDecision(rawBody).catch((error: unknown) => {
    logger.warn({ err: error, event: "risk_callback.replay_lookup_failed" }, "could not look up an earlier decision; deciding");
    return null;
  });
  const recorded = await Promise.race([
    lookup,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), Math.max(0, (deadline - Date.now()) / 2))),
  ]);
  if (recorded) {
    logger.info(
      { event: "risk_callback.replayed", decision: recorded.decision, reason: recorded.code, risk_decision_id: recorded.id },
      "risk-control callback for a request decided before: the recorded decision is answered again",
    );
    return { response: answer(recorded.decision, 200), reason: "replayed" };
  }
  const { verdict, ids } = await decideRiskCallback(rawBody, { deadline });
  const log = {
    event: "risk_callback.decision",
    decision: verdict.decision,
    reason: verdict.code,
    request_id: ids.requestId,
    transaction_id: ids.transactionId,
  };
  if (verdict.decision === "ok") logger.info(log, "risk-control callback approved");
  else logger.warn(log, "risk-control callback denied");
  return { response: answer(verdict.decision, 200), reason: verdict.code };
}

/** POST handler of the risk-control callback: plain-text `ok`/`deny`, fail closed, never a 5xx. */
export async function handleRiskCallback(req: Request): Promise<Response> {
  const requestId = currentRequestContext()?.requestId ?? requestIdFrom(req.headers.get("x-request-id"));
  return withRequestContext({ requestId, actor: { kind: "cobo", channel: "callback" } }, async () => {
    let result: { response: Response; reason: string };
    try {
      result = await handle(req);
    } catch (error) {
      // Only reachable through a bug above; still never an error page and never "ok".
      logger.error({ err: error, event: "risk_callback.error" }, "risk-control callback failed; denying");
      result = { response: answer("deny", 200), reason: "internal_error" };
    }
    result.response.headers.set("x-request-id", requestId);
    metrics.webhooks.inc({ type: "risk_callback", result: result.reason });
    return result.response;
  });
}
