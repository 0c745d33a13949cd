import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

// The app's view of a transaction: both our id and Cobo's (the UCW SDK approves by Cobo's),
// amounts as exact decimal strings (Prisma.Decimal#toFixed never goes through a float or
// exponent notation), dates as ISO strings.

export const transactionViewSelect = {
  id: true,
  requestId: true,
  coboTransactionId: true,
  type: true,
  status: true,
  subStatus: true,
  failedReason: true,
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
  confirmedNum: true,
  confirmingThreshold: true,
  description: true,
  cancelledAt: true,
  cancelReason: true,
  createdAt: true,
  updatedAt: true,
  wallet: { select: { coboWalletId: true } },
} as const satisfies Prisma.TransactionSelect;

export type TransactionRow = Prisma.TransactionGetPayload<{ select: typeof transactionViewSelect }>;

export type TransactionView = {
  id: string;
  request_id: string;
  cobo_transaction_id: string | null;
  wallet_id: string;
  type: string;
  status: string;
  sub_status: string | null;
  failed_reason: string | null;
  chain_id: string;
  token_id: string;
  amount: string;
  fee: { token_id: string | null; amount: string | null; params: Record<string, unknown> | null };
  source_address: string | null;
  destination_address: string | null;
  destination_memo: string | null;
  transaction_hash: string | null;
  confirmed_num: number | null;
  confirming_threshold: number | null;
  description: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
};

function jsonObject(value: Prisma.JsonValue | null): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Serialises a transaction row for the app. */
export function transactionView(t: TransactionRow): TransactionView {
  return {
    id: t.id,
    request_id: t.requestId,
    cobo_transaction_id: t.coboTransactionId,
    wallet_id: t.wallet.coboWalletId,
    type: t.type,
    status: t.status,
    sub_status: t.subStatus,
    failed_reason: t.failedReason,
    chain_id: t.chainId,
    token_id: t.tokenId,
    amount: t.amount.toFixed(),
    fee: { token_id: t.feeTokenId, amount: t.feeAmount?.toFixed() ?? null, params: jsonObject(t.feeParams) },
    source_address: t.sourceAddress,
    destination_address: t.destinationAddress,
    destination_memo: t.destinationMemo,
    transaction_hash: t.transactionHash,
    confirmed_num: t.confirmedNum,
    confirming_threshold: t.confirmingThreshold,
    description: t.description,
    cancelled_at: t.cancelledAt?.toISOString() ?? null,
    cancel_reason: t.cancelReason,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}

export const timelineViewSelect = {
  fromStatus: true,
  toStatus: true,
  subStatus: true,
  source: true,
  applied: true,
  note: true,
  occurredAt: true,
} as const satisfies Prisma.TransactionStatusChangeSelect;

export type TimelineEntryView = {
  from_status: string | null;
  to_status: string;
  sub_status: string | null;
  source: string;
  applied: boolean;
  note: string | null;
  occurred_at: string;
};

/** Serialises one timeline entry. */
export function timelineEntryView(e: Prisma.TransactionStatusChangeGetPayload<{ select: typeof timelineViewSelect }>): TimelineEntryView {
  return {
    from_status: e.fromStatus,
    to_status: e.toStatus,
    sub_status: e.subStatus,
    source: e.source,
    applied: e.applied,
    note: e.note,
    occurred_at: e.occurredAt.toISOString(),
  };
}
