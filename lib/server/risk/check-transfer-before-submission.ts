import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { evaluateTransferRules } from "@/lib/server/risk/evaluate-transfer-rules";
import { loadTransferRuleFacts } from "@/lib/server/risk/load-withdrawal-facts";
import { recordRiskDecision } from "@/lib/server/risk/record-risk-decision";
import type { RiskVerdict } from "@/lib/server/risk/risk-reasons";

// The risk rules, enforced before a transfer is sent to Cobo. Cobo's risk-control callback is
// optional and linked per API key ("if no callback endpoint is linked to that API key, the
// withdrawal proceeds without this check"), so the rules cannot rely on it: createTransfer runs
// the same rules (evaluateTransferRules) inside the database transaction that stores the transfer.
// An allowed transfer is stored with its "ok" decision in that transaction; a denied one rolls the
// transaction back (nothing is stored, nothing is sent), and its "deny" is recorded on its own.
// When a callback is linked, Cobo asks again and the callback decides with the same rules over the
// same data (the transfer itself now included in the sums), so both decisions agree.
//
// Transfers of one owner are serialised by a transaction-scoped advisory lock: two transfers sent
// at once cannot both pass a limit that only one of them fits in.

export type PreSubmissionSubject = {
  ownerId: string;
  chainId: string;
  tokenId: string;
  walletRowId: string;
  amount: Prisma.Decimal;
  destination: string;
  createdAt: Date;
};

/** Takes the owner's transfer lock and evaluates the rules; call inside the transaction that stores the transfer. */
export async function decideBeforeSubmission(tx: Prisma.TransactionClient, s: PreSubmissionSubject): Promise<RiskVerdict> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`ucw.transfer.${s.ownerId}`}, 0))`;
  const owner = await tx.user.findUnique({ where: { id: s.ownerId }, select: { id: true, status: true } });
  const facts = await loadTransferRuleFacts(tx, { ownerId: s.ownerId, chainId: s.chainId, tokenId: s.tokenId, createdAt: s.createdAt });
  const verdict = evaluateTransferRules({
    owner: owner ?? { id: s.ownerId, status: "unknown" },
    chainId: s.chainId,
    destination: s.destination,
    subject: { id: "", walletId: s.walletRowId, tokenId: s.tokenId, amount: s.amount, createdAt: s.createdAt },
    ...facts,
  });
  return (
    verdict ?? {
      decision: "ok",
      code: "approved",
      detail: `transfer of ${s.amount.toFixed()} ${s.tokenId} to ${s.destination} passes the rules before submission`,
    }
  );
}

/** Thrown inside the storing transaction to roll it back; carries the verdict to record and answer. */
export class RiskRefusal extends Error {
  constructor(readonly verdict: RiskVerdict) {
    super(`refused by the risk rules: ${verdict.code}`);
    this.name = "RiskRefusal";
  }
}

/**
 * Records a refusal made before submission (nothing was stored, so it names the wallet, not a
 * request) and returns the error the app gets: 403 `risk_denied` naming the field at fault.
 */
export async function refuseBeforeSubmission(verdict: RiskVerdict, coboWalletId: string, requestBody: string): Promise<AppError> {
  await recordRiskDecision({
    verdict,
    signatureResult: "not_applicable",
    stage: "pre_submission",
    rawBody: requestBody,
    ids: { requestId: null, transactionId: null, walletId: coboWalletId },
  });
  return refusalError(verdict);
}

/** What the app is told: the rule that refused the transfer, in words, with the field it concerns. */
export function refusalError(verdict: RiskVerdict): AppError {
  switch (verdict.code) {
    case "user_paused":
      return new AppError("forbidden", "Your account is paused: transfers are refused. Contact support.");
    case "limit_exceeded":
      return new AppError("risk_denied", `Refused by a withdrawal limit: ${verdict.detail}.`, {
        issues: [{ path: "body.amount", message: "exceeds a withdrawal limit" }],
      });
    case "destination_denied":
      return new AppError("risk_denied", "Refused: transfers to this destination address are not allowed.", {
        issues: [{ path: "body.to_address", message: "is on the deny list" }],
      });
    case "destination_not_allowed":
      return new AppError("risk_denied", "Refused: this destination address is not on the allow list of its chain.", {
        issues: [{ path: "body.to_address", message: "is not on the allow list" }],
      });
    default:
      return new AppError("risk_denied", "Refused by the risk rules.");
  }
}
