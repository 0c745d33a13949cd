import "server-only";
import { isFinalTransactionStatus } from "@/lib/server/transactions/transaction-status";
import type { CallbackWithdrawal } from "@/lib/server/risk/callback-payload";
import type { LimitFact, PriorWithdrawal } from "@/lib/server/risk/check-amount-limits";
import type { AddressRuleFact } from "@/lib/server/risk/check-destination";
import { evaluateTransferRules } from "@/lib/server/risk/evaluate-transfer-rules";
import { findMismatches } from "@/lib/server/risk/match-withdrawal";
import { deny, type RiskVerdict } from "@/lib/server/risk/risk-reasons";
import type { WithdrawalRecord } from "@/lib/server/risk/withdrawal-record";

// The risk-control policy as a pure function over loaded facts (load-withdrawal-facts.ts reads
// them), so every rule is testable without a database. Order matters only for which reason is
// reported: identity first (is this our withdrawal, unchanged?), then the user, then where the
// money goes, then how much. Only a withdrawal that passes everything is "ok".

export type WithdrawalFacts = {
  tx: CallbackWithdrawal;
  /** our record with the callback's request_id, or null when we never created one */
  record: WithdrawalRecord | null;
  /** address rules of the record's chain */
  addressRules: readonly AddressRuleFact[];
  /** enabled limits of the record's token */
  limits: readonly LimitFact[];
  /** the owner's other withdrawals of the token within the widest window */
  priorWithdrawals: readonly PriorWithdrawal[];
};

/** Decides one callback: "ok" only for our own, unchanged withdrawal that passes every rule. */
export function evaluateWithdrawal(f: WithdrawalFacts): RiskVerdict {
  const { tx, record } = f;
  if (tx.type !== "Withdrawal")
    return deny("not_withdrawal", `Cobo asks about a ${tx.type}; only withdrawals this backend created are approved`);
  if (tx.destination.kind !== "single") return deny("unsupported_destination", tx.destination.detail);
  if (!record) return deny("unknown_request", `no withdrawal of ours has request_id ${tx.requestId}`);
  if (record.type !== "Withdrawal") return deny("not_withdrawal", `our record for request_id ${tx.requestId} is a ${record.type}`);
  // A row adopted from Cobo (a webhook or a sync told us of a transfer made with our API key
  // outside the Client API) was built from Cobo's own data, so it always "matches": it vouches
  // for nothing and must never be approved.
  if (!createdByClientApi(record)) {
    return deny(
      "not_created_here",
      `request_id ${tx.requestId} is a withdrawal we learned of from Cobo; only withdrawals the Client API created are approved`,
    );
  }

  const mismatches = findMismatches(tx, record);
  if (mismatches.length > 0) return deny("record_mismatch", `differs from our record: ${mismatches.join("; ")}`);
  if (isFinalTransactionStatus(record.status)) return deny("transaction_final", `our record is already ${record.status}`);
  if (record.userId !== record.owner.id) {
    return deny("owner_mismatch", `requested by user ${record.userId}, but the wallet belongs to user ${record.owner.id}`);
  }
  const rules = evaluateTransferRules({
    owner: record.owner,
    chainId: record.chainId,
    destination: tx.destination.address,
    subject: { id: record.id, walletId: record.walletId, tokenId: record.tokenId, amount: record.amount, createdAt: record.createdAt },
    addressRules: f.addressRules,
    limits: f.limits,
    priorWithdrawals: f.priorWithdrawals,
  });
  if (rules) return rules;

  return {
    decision: "ok",
    code: "approved",
    detail: `withdrawal of ${tx.destination.amount} ${tx.tokenId} to ${tx.destination.address} matches our record and passes the rules`,
  };
}

/**
 * Whether the Client API's transfer call made this row: only createTransfer sets the requesting
 * user and the app's idempotency key (rows adopted from Cobo's reports have neither).
 */
export function createdByClientApi(record: Pick<WithdrawalRecord, "userId" | "idempotencyKey">): boolean {
  return record.userId !== null && record.idempotencyKey !== null;
}
