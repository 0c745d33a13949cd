import "server-only";
import { checkAmountLimits, type LimitFact, type LimitSubject, type PriorWithdrawal } from "@/lib/server/risk/check-amount-limits";
import { checkDestination, type AddressRuleFact } from "@/lib/server/risk/check-destination";
import { deny, type RiskVerdict } from "@/lib/server/risk/risk-reasons";

// The policy rules proper, shared by both places a withdrawal is checked: before the transfer is
// sent to Cobo (createTransfer) and when Cobo's risk-control callback asks (evaluateWithdrawal,
// after it has checked that the withdrawal is ours and unchanged). One function, so the two
// answers cannot drift apart: the owner must be active, the destination allowed by the address
// rules of its chain, and the amount within every enabled rolling limit of the token.

export type TransferRuleFacts = {
  owner: { id: string; status: string };
  chainId: string;
  destination: string;
  /** the withdrawal being decided; `id` is "" before it is stored */
  subject: LimitSubject;
  addressRules: readonly AddressRuleFact[];
  limits: readonly LimitFact[];
  priorWithdrawals: readonly PriorWithdrawal[];
};

/** The rules' verdict: null when every rule passes, otherwise the first deny (naming the rule). */
export function evaluateTransferRules(f: TransferRuleFacts): RiskVerdict | null {
  // Anything but "active" is treated as paused: an unknown status must not let money out.
  if (f.owner.status !== "active")
    return deny("user_paused", `app user ${f.owner.id} is ${f.owner.status}`, { type: "user_status", id: null });

  const destination = checkDestination(f.addressRules, f.chainId, f.destination);
  if (!destination.ok) {
    return destination.code === "destination_denied"
      ? deny(destination.code, destination.detail, { type: "address_rule", id: destination.ruleId })
      : deny(destination.code, destination.detail, { type: "allow_list", id: null });
  }

  const limits = checkAmountLimits(f.limits, f.subject, f.priorWithdrawals);
  if (!limits.ok) return deny(limits.code, limits.detail, { type: "limit", id: limits.limitId });
  return null;
}
