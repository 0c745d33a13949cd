import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CallbackWithdrawal } from "@/lib/server/risk/callback-payload";
import { evaluateWithdrawal, type WithdrawalFacts } from "@/lib/server/risk/evaluate-withdrawal";
import { findMismatches } from "@/lib/server/risk/match-withdrawal";
import type { WithdrawalRecord } from "@/lib/server/risk/withdrawal-record";

const SRC = "0xAbCdEf0000000000000000000000000000000001";
const DST = "0x000000000000000000000000000000000000dEaD";

const tx: CallbackWithdrawal = {
  transactionId: "cobo-tx",
  requestId: "req-1",
  walletId: "cobo-wallet",
  type: "Withdrawal",
  status: "PendingAuthorization",
  chainId: "SETH",
  tokenId: "SETH",
  sourceAddress: SRC,
  sourceWalletId: "cobo-wallet",
  destination: { kind: "single", address: DST, memo: null, amount: "1.5" },
};

const record: WithdrawalRecord = {
  id: "row-1",
  requestId: "req-1",
  coboTransactionId: null,
  walletId: "wallet-row",
  coboWalletId: "cobo-wallet",
  type: "Withdrawal",
  status: "Submitted",
  chainId: "SETH",
  tokenId: "SETH",
  amount: new Prisma.Decimal("1.500000000000000000000000000000"),
  sourceAddress: SRC.toLowerCase(),
  destinationAddress: DST,
  destinationMemo: null,
  userId: "user-1",
  idempotencyKey: "key-1",
  createdAt: new Date("2026-01-01T00:00:00Z"),
  owner: { id: "user-1", status: "active" },
};

function facts(over: Partial<WithdrawalFacts> = {}): WithdrawalFacts {
  return { tx, record, addressRules: [], limits: [], priorWithdrawals: [], ...over };
}

describe("evaluateWithdrawal", () => {
  it("approves our own unchanged withdrawal (amount compared as a decimal, EVM case ignored)", () => {
    expect(evaluateWithdrawal(facts())).toMatchObject({ decision: "ok", code: "approved" });
  });

  it("denies what we never created and what is not a withdrawal", () => {
    expect(evaluateWithdrawal(facts({ record: null }))).toMatchObject({ decision: "deny", code: "unknown_request" });
    expect(evaluateWithdrawal(facts({ tx: { ...tx, type: "ContractCall" } }))).toMatchObject({ code: "not_withdrawal" });
    expect(evaluateWithdrawal(facts({ record: { ...record, type: "Deposit" } }))).toMatchObject({ code: "not_withdrawal" });
    expect(evaluateWithdrawal(facts({ tx: { ...tx, destination: { kind: "unsupported", detail: "2 UTXO outputs" } } }))).toMatchObject({
      code: "unsupported_destination",
    });
  });

  it.each([
    ["wallet_id", { walletId: "other-wallet" }],
    ["source.wallet_id", { sourceWalletId: "other-wallet" }],
    ["chain_id", { chainId: "ETH" }],
    ["token_id", { tokenId: "SETH_USDT" }],
    ["source.address", { sourceAddress: "0x9999999999999999999999999999999999999999" }],
    [
      "destination.address",
      { destination: { kind: "single" as const, address: "0x1111111111111111111111111111111111111111", memo: null, amount: "1.5" } },
    ],
    ["destination.memo", { destination: { kind: "single" as const, address: DST, memo: "7", amount: "1.5" } }],
    ["amount", { destination: { kind: "single" as const, address: DST, memo: null, amount: "1.5000000000000000000000000000001" } }],
  ])("denies a callback whose %s differs from our record", (field, change) => {
    const verdict = evaluateWithdrawal(facts({ tx: { ...tx, ...change } }));
    expect(verdict).toMatchObject({ decision: "deny", code: "record_mismatch" });
    expect(verdict.detail).toContain(field);
  });

  it("denies when Cobo's transaction id differs from the one we stored, or our record has no source to vouch for", () => {
    expect(findMismatches(tx, { ...record, coboTransactionId: "cobo-tx" })).toEqual([]);
    expect(findMismatches(tx, { ...record, coboTransactionId: "another" })[0]).toContain("transaction_id");
    expect(evaluateWithdrawal(facts({ record: { ...record, sourceAddress: null } }))).toMatchObject({ code: "record_mismatch" });
  });

  it("denies a withdrawal we only learned of from Cobo (adopted: no requesting user, no idempotency key), even though it matches", () => {
    const adopted = { ...record, userId: null, idempotencyKey: null };
    expect(findMismatches(tx, adopted)).toEqual([]);
    expect(evaluateWithdrawal(facts({ record: adopted }))).toMatchObject({ decision: "deny", code: "not_created_here" });
    expect(evaluateWithdrawal(facts({ record: { ...record, idempotencyKey: null } }))).toMatchObject({ code: "not_created_here" });
    expect(evaluateWithdrawal(facts({ record: { ...record, userId: null } }))).toMatchObject({ code: "not_created_here" });
    // Identity comes before the rules: an allow-listed destination does not rescue it.
    expect(evaluateWithdrawal(facts({ record: adopted, addressRules: [{ kind: "allow", chainId: "SETH", address: DST }] }))).toMatchObject({
      code: "not_created_here",
    });
  });

  it("denies a withdrawal our record already has as final, and one whose requester is not the wallet's owner", () => {
    expect(evaluateWithdrawal(facts({ record: { ...record, status: "Rejected" } }))).toMatchObject({ code: "transaction_final" });
    expect(evaluateWithdrawal(facts({ record: { ...record, userId: "someone-else" } }))).toMatchObject({ code: "owner_mismatch" });
  });

  it("denies a paused owner, and treats an unknown status as paused", () => {
    expect(evaluateWithdrawal(facts({ record: { ...record, owner: { id: "user-1", status: "paused" } } }))).toMatchObject({
      code: "user_paused",
    });
    expect(evaluateWithdrawal(facts({ record: { ...record, owner: { id: "user-1", status: "frozen" } } }))).toMatchObject({
      code: "user_paused",
    });
  });

  it("applies address rules of the record's chain and the amount limits of its token", () => {
    expect(evaluateWithdrawal(facts({ addressRules: [{ kind: "deny", chainId: "SETH", address: DST.toLowerCase() }] }))).toMatchObject({
      code: "destination_denied",
    });
    expect(evaluateWithdrawal(facts({ addressRules: [{ kind: "allow", chainId: "SETH", address: SRC }] }))).toMatchObject({
      code: "destination_not_allowed",
    });
    const limit = { id: "l", scope: "user", tokenId: "SETH", maxAmount: new Prisma.Decimal("2"), windowSeconds: 60 };
    const earlier = {
      id: "e",
      walletId: "other",
      amount: new Prisma.Decimal("0.5"),
      createdAt: record.createdAt,
      status: "Completed",
      lastDecision: "ok" as const,
    };
    expect(evaluateWithdrawal(facts({ limits: [limit], priorWithdrawals: [earlier] }))).toMatchObject({ decision: "ok" });
    expect(
      evaluateWithdrawal(
        facts({ limits: [limit], priorWithdrawals: [earlier, { ...earlier, id: "e2", amount: new Prisma.Decimal("0.000001") }] }),
      ),
    ).toMatchObject({ code: "limit_exceeded" });
  });
});
