import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  checkAmountLimits,
  countsTowardLimits,
  lookbackSeconds,
  usedWithin,
  type LimitFact,
  type PriorWithdrawal,
} from "@/lib/server/risk/check-amount-limits";

const D = (v: string) => new Prisma.Decimal(v);
const T0 = new Date("2026-01-01T12:00:00Z");
const ago = (s: number) => new Date(T0.getTime() - s * 1000);

const subject = { id: "me", walletId: "w1", tokenId: "SETH", amount: D("40"), createdAt: T0 };
const userLimit: LimitFact = { id: "l-user", scope: "user", tokenId: "SETH", maxAmount: D("100"), windowSeconds: 3600 };
const walletLimit: LimitFact = { id: "l-wallet", scope: "wallet", tokenId: "SETH", maxAmount: D("50"), windowSeconds: 3600 };

function prior(p: Partial<Omit<PriorWithdrawal, "amount">> & { id: string; amount: string }): PriorWithdrawal {
  return { walletId: "w1", createdAt: ago(60), status: "Completed", lastDecision: "ok", ...p, amount: D(p.amount) };
}

describe("amount limits", () => {
  it("passes up to the limit inclusive and denies above it", () => {
    expect(checkAmountLimits([userLimit], subject, [prior({ id: "a", amount: "60" })])).toEqual({ ok: true });
    const over = checkAmountLimits([userLimit], subject, [prior({ id: "a", amount: "60.000000000000000000000000000001" })]);
    expect(over).toMatchObject({ ok: false, code: "limit_exceeded", limitId: "l-user" });
    expect(over.ok ? "" : over.detail).toContain("100.000000000000000000000000000001");
  });

  it("sums exactly, far beyond float precision", () => {
    const tiny = Array.from({ length: 10 }, (_, i) => prior({ id: `t${i}`, amount: "0.000000000000000000000000000001" }));
    const used = usedWithin({ ...userLimit, maxAmount: D("1") }, { ...subject, amount: D("99999999999999999999999999999999999") }, tiny);
    expect(used.toFixed()).toBe("99999999999999999999999999999999999.00000000000000000000000000001");
  });

  it("counts not-yet-final withdrawals (a burst cannot evade the limit) but not failed, rejected or denied ones", () => {
    expect(countsTowardLimits({ status: "Created", lastDecision: null })).toBe(true);
    expect(countsTowardLimits({ status: "PendingAuthorization", lastDecision: null })).toBe(true);
    expect(countsTowardLimits({ status: "Failed", lastDecision: "ok" })).toBe(false);
    expect(countsTowardLimits({ status: "Rejected", lastDecision: null })).toBe(false);
    expect(countsTowardLimits({ status: "PendingAuthorization", lastDecision: "deny" })).toBe(false);
    const burst = [
      prior({ id: "a", amount: "40", status: "Submitted", lastDecision: null }),
      prior({ id: "b", amount: "30", status: "Created", lastDecision: null }),
    ];
    expect(checkAmountLimits([userLimit], subject, burst)).toMatchObject({ ok: false });
    const settled = [
      prior({ id: "a", amount: "40", status: "Rejected" }),
      prior({ id: "b", amount: "30", lastDecision: "deny", status: "PendingAuthorization" }),
    ];
    expect(checkAmountLimits([userLimit], subject, settled)).toEqual({ ok: true });
  });

  it("uses the window ending at this withdrawal's creation: older and later ones are outside it", () => {
    const rows = [
      prior({ id: "old", amount: "90", createdAt: ago(3601) }),
      prior({ id: "later", amount: "90", createdAt: new Date(T0.getTime() + 1000) }),
    ];
    expect(checkAmountLimits([userLimit], subject, rows)).toEqual({ ok: true });
    expect(checkAmountLimits([userLimit], subject, [prior({ id: "edge", amount: "61", createdAt: ago(3600) })])).toMatchObject({
      ok: false,
    });
  });

  it("applies wallet limits to the same wallet only, user limits across wallets; ignores other tokens and the subject itself", () => {
    const other = [prior({ id: "x", amount: "45", walletId: "w2" })];
    expect(checkAmountLimits([walletLimit], subject, other)).toEqual({ ok: true });
    expect(checkAmountLimits([{ ...userLimit, maxAmount: D("80") }], subject, other)).toMatchObject({ ok: false, limitId: "l-user" });
    expect(checkAmountLimits([{ ...userLimit, tokenId: "BTC", maxAmount: D("1") }], subject, [])).toEqual({ ok: true });
    expect(checkAmountLimits([{ ...userLimit, maxAmount: D("40") }], subject, [prior({ id: "me", amount: "40" })])).toEqual({ ok: true });
  });

  it("reads back the widest window of the token's limits", () => {
    expect(
      lookbackSeconds(
        [userLimit, { ...walletLimit, windowSeconds: 86400 }, { ...userLimit, tokenId: "BTC", windowSeconds: 999999 }],
        "SETH",
      ),
    ).toBe(86400);
    expect(lookbackSeconds([], "SETH")).toBe(0);
  });
});
