import type { z } from "zod";
import {
  TransferFee,
  type FeeEstimateSchema,
  type TimelineEntrySchema,
  type TransactionDetailSchema,
  type TransactionList,
  type TransactionSchema,
} from "@/lib/api/v1/transactions.schema";
import type { EstimatedFee, FeeLevel } from "@/lib/cobo/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TimelineRecord, TransactionRecord, TransactionWithTimeline } from "@/lib/server/transactions/transaction-record";

// Domain records → the Client API's transaction answers: both our id and Cobo's (the UCW SDK
// approves by Cobo's), amounts as exact decimal strings (Prisma.Decimal#toFixed never goes through
// a float or exponent notation), dates as ISO strings.

export type TransactionDto = z.output<typeof TransactionSchema>;
export type TransactionDetailDto = z.output<typeof TransactionDetailSchema>;
export type TransactionListDto = z.output<typeof TransactionList>;
export type TimelineEntryDto = z.output<typeof TimelineEntrySchema>;
export type FeeEstimateDto = z.output<typeof FeeEstimateSchema>;
type TransferFeeDto = z.output<typeof TransferFee>;

function jsonObject(value: Prisma.JsonValue | null): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function presentTransaction(t: TransactionRecord): TransactionDto {
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

export function presentTimelineEntry(e: TimelineRecord): TimelineEntryDto {
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

export function presentTransactionDetail({ history, ...t }: TransactionWithTimeline): TransactionDetailDto {
  return { ...presentTransaction(t), timeline: history.map(presentTimelineEntry) };
}

export function presentTransactionPage(page: { items: TransactionRecord[]; nextCursor: string | null }): TransactionListDto {
  return { data: page.items.map(presentTransaction), next_cursor: page.nextCursor };
}

const LEVEL_FIELDS = [
  "max_fee_per_gas",
  "max_priority_fee_per_gas",
  "gas_limit",
  "gas_price",
  "fee_rate",
  "fee_amount",
  "compute_unit_price",
  "compute_unit_limit",
  "base_fee",
  "gas_fee_cap",
  "gas_premium",
  "gas_base",
] as const;

type FeeLevelDto = Partial<Record<(typeof LEVEL_FIELDS)[number], string>>;

/** One level of Cobo's estimate: only its fields that are strings. */
function feeLevel(l: EstimatedFee["slow"]): FeeLevelDto | undefined {
  if (!l) return undefined;
  const out: FeeLevelDto = {};
  for (const field of LEVEL_FIELDS) {
    const v = l[field];
    if (typeof v === "string") out[field] = v;
  }
  return out;
}

/** The fields of each fee model that a transfer's `fee` carries (TransactionRequestFee), by fee_type. */
const FEE_FIELDS: Record<string, readonly (typeof LEVEL_FIELDS)[number][]> = {
  EVM_EIP_1559: ["max_fee_per_gas", "max_priority_fee_per_gas", "gas_limit"],
  EVM_Legacy: ["gas_price", "gas_limit"],
  UTXO: ["fee_rate"],
  SOL: ["compute_unit_price", "compute_unit_limit"],
  FIL: ["gas_fee_cap", "gas_premium", "gas_limit"],
  Fixed: [],
};

const LEVEL_KEY = { Slow: "slow", Recommended: "recommended", Fast: "fast" } as const;

/**
 * One level of the estimate as a transfer's `fee`, or null when Cobo's answer has no such level or
 * its fields do not make a valid fee of that model (the app then picks the fields itself).
 */
function levelAsFee(fee: EstimatedFee, level: FeeLevel): TransferFeeDto | null {
  const fields = FEE_FIELDS[fee.fee_type];
  if (!fields || !fee.token_id) return null;
  const out: Record<string, string> = { fee_type: fee.fee_type, token_id: fee.token_id };
  if (fee.fee_type !== "Fixed") {
    const chosen = fee[LEVEL_KEY[level]];
    if (!chosen) return null;
    for (const field of fields) {
      const v = chosen[field];
      if (typeof v === "string") out[field] = v;
    }
  }
  const parsed = TransferFee.safeParse(out);
  return parsed.success ? parsed.data : null;
}

/** Cobo's fee estimate, reduced to the fields the app passes back as a transfer's fee (and, asked for, one level as that fee). */
export function presentFeeEstimate(fee: EstimatedFee, level?: FeeLevel): FeeEstimateDto {
  const slow = feeLevel(fee.slow);
  const recommended = feeLevel(fee.recommended);
  const fast = feeLevel(fee.fast);
  return {
    fee_type: fee.fee_type,
    token_id: fee.token_id ?? null,
    ...(slow ? { slow } : {}),
    ...(recommended ? { recommended } : {}),
    ...(fast ? { fast } : {}),
    ...(typeof fee.fee_amount === "string" ? { fee_amount: fee.fee_amount } : {}),
    ...(typeof fee.is_loop === "boolean" ? { is_loop: fee.is_loop } : {}),
    ...(level ? { fee_level: level, fee: levelAsFee(fee, level) } : {}),
  };
}
