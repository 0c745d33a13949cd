import "server-only";
import { db } from "@/lib/db/client";
import { anyIdWhere } from "@/lib/console/detail-id";
import { resolveRequestedBy, type RequestedBy } from "@/lib/console/get-tss-request-detail";
import { decimalString, decimalStringOrNull, isoString, isoStringOrNull, prettyJson } from "@/lib/serialize";
import { timelineSelect, toTimelineEntry, type TimelineEntry, type TimelineRiskDecision } from "@/lib/console/timeline";
import { parseReason } from "@/lib/server/risk/risk-reasons";

export type ConsoleTransactionDetail = {
  id: string;
  requestId: string;
  coboTransactionId: string | null;
  type: string;
  chainId: string;
  tokenId: string;
  /** Decimal strings, never numbers. */
  amount: string;
  feeAmount: string | null;
  feeTokenId: string | null;
  feeParams: string | null;
  sourceAddress: string | null;
  destinationAddress: string | null;
  destinationMemo: string | null;
  transactionHash: string | null;
  status: string;
  subStatus: string | null;
  failedReason: string | null;
  confirmedNum: number | null;
  confirmingThreshold: number | null;
  description: string | null;
  initiator: string | null;
  /** a cancellation asked of Cobo: when, by whom and why */
  cancellation: { at: string; by: RequestedBy | null; reason: string | null } | null;
  idempotencyKey: string | null;
  coboCreatedAt: string | null;
  coboUpdatedAt: string | null;
  lastSyncedAt: string | null;
  createdAt: string;
  updatedAt: string;
  wallet: { id: string; coboWalletId: string; name: string };
  vault: { id: string; coboVaultId: string | null };
  owner: { id: string; email: string };
  timeline: TimelineEntry[];
  /** every risk decision about it (before submission, Cobo's callback), oldest first */
  riskDecisions: TimelineRiskDecision[];
  /** Cobo's error of the refusal that failed it, when one did (the latest timeline entry that carries one) */
  coboError: TimelineEntry["coboError"];
};

/** One transaction (by our id, Cobo's or our request id) with its wallet, owner and full status timeline; null when malformed or unknown. */
export async function getTransactionDetail(rawId: unknown): Promise<ConsoleTransactionDetail | null> {
  const or = anyIdWhere(rawId, ["coboTransactionId", "requestId"] as const);
  if (!or) return null;

  const t = await db.transaction.findFirst({
    where: { OR: or },
    // requestHash is an internal idempotency fingerprint with no meaning to an operator.
    select: {
      id: true,
      requestId: true,
      coboTransactionId: true,
      type: true,
      chainId: true,
      tokenId: true,
      amount: true,
      feeAmount: true,
      feeTokenId: true,
      feeParams: true,
      sourceAddress: true,
      destinationAddress: true,
      destinationMemo: true,
      transactionHash: true,
      status: true,
      subStatus: true,
      failedReason: true,
      confirmedNum: true,
      confirmingThreshold: true,
      description: true,
      initiator: true,
      cancelledAt: true,
      cancelledBy: true,
      cancelReason: true,
      idempotencyKey: true,
      coboCreatedAt: true,
      coboUpdatedAt: true,
      lastSyncedAt: true,
      createdAt: true,
      updatedAt: true,
      wallet: {
        select: {
          id: true,
          coboWalletId: true,
          name: true,
          vault: { select: { id: true, coboVaultId: true, user: { select: { id: true, email: true } } } },
        },
      },
      history: {
        orderBy: [{ occurredAt: "asc" }, { seq: "asc" }],
        select: { ...timelineSelect, subStatus: true },
      },
    },
  });
  if (!t) return null;
  const decisions = await db.riskDecision.findMany({
    where: { requestId: t.requestId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, createdAt: true, stage: true, decision: true, reason: true, ruleType: true, ruleId: true },
  });
  const timeline = t.history.map(toTimelineEntry);

  return {
    id: t.id,
    requestId: t.requestId,
    coboTransactionId: t.coboTransactionId,
    type: t.type,
    chainId: t.chainId,
    tokenId: t.tokenId,
    amount: decimalString(t.amount),
    feeAmount: decimalStringOrNull(t.feeAmount),
    feeTokenId: t.feeTokenId,
    feeParams: prettyJson(t.feeParams),
    sourceAddress: t.sourceAddress,
    destinationAddress: t.destinationAddress,
    destinationMemo: t.destinationMemo,
    transactionHash: t.transactionHash,
    status: t.status,
    subStatus: t.subStatus,
    failedReason: t.failedReason,
    confirmedNum: t.confirmedNum,
    confirmingThreshold: t.confirmingThreshold,
    description: t.description,
    initiator: t.initiator,
    cancellation: t.cancelledAt
      ? { at: isoString(t.cancelledAt), by: await resolveRequestedBy(t.cancelledBy), reason: t.cancelReason }
      : null,
    idempotencyKey: t.idempotencyKey,
    coboCreatedAt: isoStringOrNull(t.coboCreatedAt),
    coboUpdatedAt: isoStringOrNull(t.coboUpdatedAt),
    lastSyncedAt: isoStringOrNull(t.lastSyncedAt),
    createdAt: isoString(t.createdAt),
    updatedAt: isoString(t.updatedAt),
    wallet: { id: t.wallet.id, coboWalletId: t.wallet.coboWalletId, name: t.wallet.name },
    vault: { id: t.wallet.vault.id, coboVaultId: t.wallet.vault.coboVaultId },
    owner: t.wallet.vault.user,
    timeline,
    riskDecisions: decisions.map((d) => {
      const { code, detail } = parseReason(d.reason);
      return {
        id: d.id,
        occurredAt: isoString(d.createdAt),
        stage: d.stage,
        decision: d.decision,
        reasonCode: code,
        reasonDetail: detail,
        rule: d.ruleType ? { type: d.ruleType, id: d.ruleId } : null,
      };
    }),
    coboError: timeline.findLast((e) => e.coboError !== null)?.coboError ?? null,
  };
}
