import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CallbackWithdrawal } from "@/lib/server/risk/callback-payload";
import { lookbackSeconds, type PriorWithdrawal } from "@/lib/server/risk/check-amount-limits";
import type { WithdrawalFacts } from "@/lib/server/risk/evaluate-withdrawal";
import type { WithdrawalRecord } from "@/lib/server/risk/withdrawal-record";

// Reads what evaluateWithdrawal needs for one callback, with narrow selects. Our record is found
// by request_id alone (our idempotency key, unique); whether the rest of Cobo's transaction agrees
// with it is the evaluation's job. Address rules are read per chain in full: they are entered by
// hand in the console, so a chain holds tens or hundreds of them, not millions.

const EMPTY = { addressRules: [], limits: [], priorWithdrawals: [] } as const;

/** Loads our record, the rules that apply to it and the owner's earlier withdrawals of the token. */
export async function loadWithdrawalFacts(tx: CallbackWithdrawal, client: Prisma.TransactionClient = db): Promise<WithdrawalFacts> {
  const row = await client.transaction.findUnique({
    where: { requestId: tx.requestId },
    select: {
      id: true,
      requestId: true,
      coboTransactionId: true,
      walletId: true,
      type: true,
      status: true,
      chainId: true,
      tokenId: true,
      amount: true,
      sourceAddress: true,
      destinationAddress: true,
      destinationMemo: true,
      userId: true,
      idempotencyKey: true,
      createdAt: true,
      wallet: { select: { coboWalletId: true, vault: { select: { user: { select: { id: true, status: true } } } } } },
    },
  });
  if (!row) return { tx, record: null, ...EMPTY };
  const { wallet, ...rest } = row;
  const record: WithdrawalRecord = { ...rest, coboWalletId: wallet.coboWalletId, owner: wallet.vault.user };

  const rules = await loadTransferRuleFacts(client, {
    ownerId: record.owner.id,
    chainId: record.chainId,
    tokenId: record.tokenId,
    createdAt: record.createdAt,
    excludeId: record.id,
  });
  return { tx, record, ...rules };
}

export type RuleFactsQuery = { ownerId: string; chainId: string; tokenId: string; createdAt: Date; excludeId?: string };

/**
 * What the rules need for a withdrawal of `tokenId` on `chainId` by `ownerId`, created at
 * `createdAt`: the chain's address rules (with their ids, so a decision names the rule), the
 * token's enabled limits and the owner's earlier withdrawals within the widest window. Used by the
 * callback (for a stored row) and before submission (for a transfer about to be stored).
 */
export async function loadTransferRuleFacts(
  client: Prisma.TransactionClient,
  q: RuleFactsQuery,
): Promise<Pick<WithdrawalFacts, "addressRules" | "limits" | "priorWithdrawals">> {
  const [addressRules, limits] = await Promise.all([
    client.riskAddressRule.findMany({ where: { chainId: q.chainId }, select: { id: true, kind: true, chainId: true, address: true } }),
    client.riskLimit.findMany({
      where: { enabled: true, tokenId: q.tokenId },
      select: { id: true, scope: true, tokenId: true, maxAmount: true, windowSeconds: true },
      orderBy: [{ scope: "asc" }, { windowSeconds: "asc" }],
    }),
  ]);
  const lookback = lookbackSeconds(limits, q.tokenId);
  const priorWithdrawals = lookback > 0 ? await loadPriorWithdrawals(client, q, lookback) : [];
  return { addressRules, limits, priorWithdrawals };
}

async function loadPriorWithdrawals(client: Prisma.TransactionClient, q: RuleFactsQuery, lookback: number): Promise<PriorWithdrawal[]> {
  const rows = await client.transaction.findMany({
    where: {
      type: "Withdrawal",
      tokenId: q.tokenId,
      ...(q.excludeId ? { id: { not: q.excludeId } } : {}),
      createdAt: { gte: new Date(q.createdAt.getTime() - lookback * 1000), lte: q.createdAt },
      status: { notIn: ["Failed", "Rejected"] },
      // The owner's withdrawals from any of their wallets, whether or not the Client API made them.
      wallet: { vault: { userId: q.ownerId } },
    },
    select: { id: true, requestId: true, walletId: true, amount: true, createdAt: true, status: true },
  });
  if (rows.length === 0) return [];
  const decisions = await client.riskDecision.findMany({
    where: { requestId: { in: rows.map((r) => r.requestId) }, stage: "callback", signatureResult: "valid" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { requestId: true, decision: true },
  });
  const latest = new Map<string, "ok" | "deny">();
  for (const d of decisions) {
    if (d.requestId !== null && !latest.has(d.requestId)) latest.set(d.requestId, d.decision === "ok" ? "ok" : "deny");
  }
  return rows.map(({ requestId, ...w }) => ({ ...w, lastDecision: latest.get(requestId) ?? null }));
}
