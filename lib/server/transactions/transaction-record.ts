import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

// What the transaction use-cases return: the transaction row with what the Client API shows of it
// (lib/api/v1/transactions.presenter.ts turns it into the app's answer), and timeline entries.

export const transactionRecordSelect = {
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

/** A transaction with its wallet's Cobo id. */
export type TransactionRecord = Prisma.TransactionGetPayload<{ select: typeof transactionRecordSelect }>;

export const timelineRecordSelect = {
  fromStatus: true,
  toStatus: true,
  subStatus: true,
  source: true,
  applied: true,
  note: true,
  occurredAt: true,
} as const satisfies Prisma.TransactionStatusChangeSelect;

/** One entry of a transaction's timeline. */
export type TimelineRecord = Prisma.TransactionStatusChangeGetPayload<{ select: typeof timelineRecordSelect }>;

/** A transaction with its whole timeline, oldest first. */
export type TransactionWithTimeline = TransactionRecord & { history: TimelineRecord[] };
