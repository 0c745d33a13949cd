import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Money, sumMoney, toMoney } from "@/lib/server/risk/money";

// Rolling amount limits. A limit with scope "user" caps what each app user withdraws of one token
// across all their wallets within `windowSeconds`; scope "wallet" caps each wallet. The sum
// includes this withdrawal and every earlier one still able to move money:
// - withdrawals not yet final count (Created, Submitted, Pending…): otherwise a burst of requests
//   sent before the first completes would evade the limit;
// - Failed and Rejected ones do not count (no money moved), nor ones this callback denied (Cobo
//   rejects them on our "deny"; the local status may simply not have caught up yet).
// The window ends at this withdrawal's own creation time, not at "now", and only withdrawals
// created no later than it count: Cobo's retries of the same callback then see the same set and
// get the same answer, while any later withdrawal is checked with this one included.

export type LimitFact = { id: string; scope: string; tokenId: string; maxAmount: Prisma.Decimal; windowSeconds: number };

export type PriorWithdrawal = {
  id: string;
  walletId: string;
  amount: Prisma.Decimal;
  createdAt: Date;
  status: string;
  /** our latest answer to Cobo's callback for it, if any */
  lastDecision: "ok" | "deny" | null;
};

export type LimitSubject = { id: string; walletId: string; tokenId: string; amount: Prisma.Decimal; createdAt: Date };

export type LimitCheck = { ok: true } | { ok: false; code: "limit_exceeded"; detail: string; limitId: string };

const NOT_MOVING_MONEY = new Set(["Failed", "Rejected"]);

/** Whether an earlier withdrawal still uses up limit. */
export function countsTowardLimits(w: Pick<PriorWithdrawal, "status" | "lastDecision">): boolean {
  return !NOT_MOVING_MONEY.has(w.status) && w.lastDecision !== "deny";
}

/** The widest window among the limits that apply, in seconds (0 when none apply): what the loader must read back. */
export function lookbackSeconds(limits: readonly LimitFact[], tokenId: string): number {
  return limits.filter((l) => l.tokenId === tokenId).reduce((max, l) => Math.max(max, l.windowSeconds), 0);
}

/** Sum of this withdrawal and the earlier ones within one limit's window and scope. */
export function usedWithin(limit: LimitFact, subject: LimitSubject, prior: readonly PriorWithdrawal[]): Money {
  const end = subject.createdAt.getTime();
  const start = end - limit.windowSeconds * 1000;
  const earlier = prior.filter(
    (w) =>
      w.id !== subject.id &&
      (limit.scope !== "wallet" || w.walletId === subject.walletId) &&
      w.createdAt.getTime() >= start &&
      w.createdAt.getTime() <= end &&
      countsTowardLimits(w),
  );
  return sumMoney([toMoney(subject.amount), ...earlier.map((w) => toMoney(w.amount))]);
}

/**
 * Checks every enabled limit for this withdrawal's token; the first one exceeded denies.
 * `prior` holds the owner's withdrawals of the token (all wallets); wallet limits narrow it.
 * Limits of an unknown scope apply to nothing (the admin actions only create user and wallet).
 */
export function checkAmountLimits(limits: readonly LimitFact[], subject: LimitSubject, prior: readonly PriorWithdrawal[]): LimitCheck {
  for (const limit of limits) {
    if (limit.tokenId !== subject.tokenId || (limit.scope !== "user" && limit.scope !== "wallet")) continue;
    const used = usedWithin(limit, subject, prior);
    const max = toMoney(limit.maxAmount);
    if (used.greaterThan(max)) {
      return {
        ok: false,
        code: "limit_exceeded",
        limitId: limit.id,
        detail: `${limit.scope} limit of ${max.toFixed()} ${limit.tokenId} per ${limit.windowSeconds} s: ${used.toFixed()} including this withdrawal of ${toMoney(subject.amount).toFixed()}`,
      };
    }
  }
  return { ok: true };
}
