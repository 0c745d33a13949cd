import "server-only";
import { db } from "@/lib/db/client";
import { parseCallbackPayload } from "@/lib/server/risk/callback-payload";
import { parseReason } from "@/lib/server/risk/risk-reasons";

// A risk-control callback Cobo sends again (a retry whose answer never reached Cobo, or the same
// signed request replayed by anyone, however old its Biz-Timestamp) gets the decision recorded for
// it the first time, never a new one: the answer Cobo may already have acted on cannot change, and
// a replay decides and records nothing. The key is the request Cobo asks about, its request_id and
// transaction_id (risk_decisions_request_id_idx), with the exact verified body: a body that differs
// is a different question and is decided on its own (a signature covers the body, so only Cobo can
// make one). Bodies longer than the recorded bound (MAX_VERIFIED_BODY_CHARS) are always decided.
// A deny that was no decision on the merits (the time budget ran out, an internal error) is not
// replayed: Cobo asks again only when it did not get that answer, and the request is decided then.

/** Reason codes of denials that decided nothing on the merits (a retry is decided afresh). */
const TRANSIENT_CODES = ["timeout", "internal_error", "verification_error"] as const;

export type RecordedCallbackDecision = { id: string; decision: "ok" | "deny"; code: string; createdAt: Date };

/** The first decision recorded for the request a verified callback body names, or null (decide it now). */
export async function recordedCallbackDecision(rawBody: string): Promise<RecordedCallbackDecision | null> {
  const parsed = parseCallbackPayload(rawBody);
  const ids = parsed.ok
    ? { requestId: parsed.tx.requestId, transactionId: parsed.tx.transactionId }
    : { requestId: parsed.ids.requestId, transactionId: parsed.ids.transactionId };
  if (!ids.requestId || !ids.transactionId) return null;
  const row = await db.riskDecision.findFirst({
    where: {
      requestId: ids.requestId,
      coboTransactionId: ids.transactionId,
      signatureResult: "valid",
      rawBody,
      NOT: TRANSIENT_CODES.map((code) => ({ reason: { startsWith: `${code}:` } })),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, decision: true, reason: true, createdAt: true },
  });
  if (!row) return null;
  return { id: row.id, decision: row.decision === "ok" ? "ok" : "deny", code: parseReason(row.reason).code, createdAt: row.createdAt };
}
