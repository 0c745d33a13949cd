import { z } from "zod";
import { endpoint } from "@/lib/api/v1/endpoint";
import { CursorQuery, DecimalString, PageInfo, Timestamp } from "@/lib/api/v1/common.schema";
import { CancelBody } from "@/lib/api/v1/tss-requests.schema";

export { CancelBody };
import { CoboId, TokenId, WalletIdParams } from "@/lib/api/v1/wallets.schema";
import { FEE_LEVELS, FEE_TYPES } from "@/lib/cobo/types";

// Fee estimates, transfers, and the caller's transactions (withdrawals and deposits) with their
// timelines. Amounts and fee values are decimal strings; Cobo's transaction id is exposed because
// the UCW SDK approves by it.

const ChainAddress = z
  .string()
  .regex(/^\S{1,256}$/, "must be an address without spaces (at most 256 characters)")
  .describe("Address on the token's chain");

const PositiveAmount = DecimalString.refine((v) => /[1-9]/.test(v), "must be greater than zero").describe(
  'Amount in the token\'s units as a decimal string, e.g. "0.015"',
);

const WHOLE = /^(0|[1-9]\d{0,34})$/;

/** A whole number as a string (Cobo's integer fields: wei, gas units, compute units, attoFIL). */
const WholeNumber = (what: string) =>
  z.string().regex(WHOLE, 'must be a whole number written as a string, e.g. "21000" (no decimal point)').describe(what);

const GasLimit = WholeNumber("Gas limit (whole gas units)").refine((v) => v !== "0", "must be greater than zero");

export const FeeType = z.enum(FEE_TYPES).describe("Cobo fee model: Fixed, EVM_EIP_1559, EVM_Legacy, UTXO, SOL or FIL");

export const FeeLevelName = z
  .enum(FEE_LEVELS)
  .describe("Let Cobo price the fee at this level of its estimate (Slow, Recommended or Fast) instead of giving `fee`");

const FeeToken = TokenId.describe("Fee token (the estimate's token_id)");

/** The fee the user chose (usually one level of an estimate), in one of Cobo's six shapes (TransactionRequestFee). */
export const TransferFee = z
  .discriminatedUnion("fee_type", [
    z
      .object({
        fee_type: z.literal("EVM_EIP_1559"),
        token_id: FeeToken,
        max_fee_per_gas: WholeNumber("Maximum fee per gas unit, in wei"),
        max_priority_fee_per_gas: WholeNumber("Maximum priority fee per gas unit, in wei"),
        gas_limit: GasLimit.optional(),
      })
      // (zod runs this even when a field failed its own check: compare only two whole numbers)
      .refine(
        (f) =>
          !WHOLE.test(f.max_priority_fee_per_gas) ||
          !WHOLE.test(f.max_fee_per_gas) ||
          BigInt(f.max_priority_fee_per_gas) <= BigInt(f.max_fee_per_gas),
        {
          path: ["max_priority_fee_per_gas"],
          message: "must not exceed max_fee_per_gas",
        },
      ),
    z.object({
      fee_type: z.literal("EVM_Legacy"),
      token_id: FeeToken,
      gas_price: WholeNumber("Gas price, in wei"),
      gas_limit: GasLimit.optional(),
    }),
    z.object({
      fee_type: z.literal("UTXO"),
      token_id: FeeToken,
      fee_rate: DecimalString.describe("Fee rate in sat/vByte"),
      max_fee_amount: DecimalString.optional().describe("Most the transfer may pay, in the fee token's units"),
    }),
    z.object({
      fee_type: z.literal("Fixed"),
      token_id: FeeToken,
      max_fee_amount: DecimalString.optional().describe("Most the transfer may pay, in the fee token's units"),
    }),
    z.object({
      fee_type: z.literal("SOL"),
      token_id: FeeToken,
      compute_unit_price: DecimalString.describe("Price per compute unit (sets the priority fee)"),
      compute_unit_limit: WholeNumber("Most compute units the transaction may use").refine((v) => v !== "0", "must be greater than zero"),
    }),
    z.object({
      fee_type: z.literal("FIL"),
      token_id: FeeToken,
      gas_fee_cap: WholeNumber("Most to pay per gas unit, in attoFIL"),
      gas_premium: WholeNumber("Tip per gas unit, in attoFIL"),
      gas_limit: GasLimit.optional(),
    }),
  ])
  .meta({ id: "TransferFee", description: "One of Cobo's fee shapes (TransactionRequestFee), keyed by fee_type" });

export const FeeEstimateBody = z
  .object({
    token_id: TokenId,
    from_address: ChainAddress.describe("One of the wallet's addresses"),
    to_address: ChainAddress,
    amount: PositiveAmount,
    fee_type: FeeType.optional().describe("Ask for one fee model; by default Cobo picks the chain's"),
    fee_level: FeeLevelName.optional().describe("Also answer `fee`: this level as a ready-made transfer fee"),
  })
  .meta({ id: "FeeEstimateRequest" });

const FeeLevel = z
  .object({
    max_fee_per_gas: z.string().optional(),
    max_priority_fee_per_gas: z.string().optional(),
    gas_limit: z.string().optional(),
    gas_price: z.string().optional(),
    fee_rate: z.string().optional(),
    fee_amount: z.string().optional(),
    compute_unit_price: z.string().optional(),
    compute_unit_limit: z.string().optional(),
    base_fee: z.string().optional(),
    gas_fee_cap: z.string().optional(),
    gas_premium: z.string().optional(),
    gas_base: z.string().optional(),
  })
  .meta({ id: "FeeLevel", description: "The fields of the fee model, as strings (EVM gas prices in wei)" });

export const FeeEstimateSchema = z
  .object({
    fee_type: z.string(),
    token_id: z.string().nullable().describe("Fee token: pass it back as fee.token_id"),
    slow: FeeLevel.optional(),
    recommended: FeeLevel.optional(),
    fast: FeeLevel.optional(),
    fee_amount: z.string().optional().describe("Fixed fee (fee_type Fixed)"),
    is_loop: z.boolean().optional(),
    fee_level: FeeLevelName.optional().describe("The level asked for"),
    fee: TransferFee.nullable()
      .optional()
      .describe("With fee_level: that level as a transfer's `fee`; null when Cobo's estimate has no such level"),
  })
  .meta({ id: "FeeEstimate" });

export const TransferBody = z
  .object({
    token_id: TokenId,
    from_address: ChainAddress.describe("One of the wallet's addresses"),
    to_address: ChainAddress,
    amount: PositiveAmount,
    memo: z.string().min(1).max(256).optional().describe("Destination memo / tag, for chains that use one"),
    fee: TransferFee.optional().describe("The fee to pay (one level of an estimate); give this or fee_level, not both"),
    fee_level: FeeLevelName.optional().describe("Let Cobo price the fee at this level; give this or fee, not both"),
    description: z.string().max(100).optional().describe("Free text stored with the transaction (at most 100 characters)"),
  })
  .superRefine((b, ctx) => {
    // Cobo refuses a transfer with both; with neither, Cobo would pick a fee the user never saw.
    if (b.fee && b.fee_level) ctx.addIssue({ code: "custom", path: ["fee_level"], message: "give either fee or fee_level, not both" });
    if (!b.fee && !b.fee_level)
      ctx.addIssue({ code: "custom", path: ["fee"], message: "give fee (one level of an estimate) or fee_level" });
  })
  .meta({ id: "TransferRequest" });

export const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7E]{8,128}$/, "must be 8–128 visible ASCII characters")
  .describe("A key the app generates per transfer (e.g. a UUID) and reuses when it retries");

export const TransferHeaders = z.object({ "idempotency-key": IdempotencyKey });

export const TimelineEntrySchema = z
  .object({
    from_status: z.string().nullable(),
    to_status: z.string(),
    sub_status: z.string().nullable(),
    source: z.string().describe("webhook | poll | api | app | admin"),
    applied: z.boolean().describe("false: recorded only (an app report, or a late or older update from Cobo)"),
    note: z.string().nullable(),
    occurred_at: Timestamp,
  })
  .meta({ id: "TransactionTimelineEntry" });

export const TransactionSchema = z
  .object({
    id: z.uuid().describe("Our id"),
    request_id: z.string().describe("The request_id Cobo knows this transfer by"),
    cobo_transaction_id: z
      .string()
      .nullable()
      .describe("Cobo's transaction id: what the UCW SDK approves. null until Cobo accepted the transfer"),
    wallet_id: z.string().describe("Cobo wallet id"),
    type: z.string().describe("Withdrawal | Deposit | …"),
    status: z.string().describe('Cobo\'s status; "Created" until Cobo has accepted the transfer'),
    sub_status: z.string().nullable(),
    failed_reason: z.string().nullable(),
    chain_id: z.string(),
    token_id: z.string(),
    amount: z.string().describe("Decimal string"),
    fee: z.object({
      token_id: z.string().nullable(),
      amount: z.string().nullable().describe("Fee paid, once Cobo reports it (decimal string)"),
      params: z.record(z.string(), z.unknown()).nullable().describe("The fee chosen (or reported by Cobo)"),
    }),
    source_address: z.string().nullable(),
    destination_address: z.string().nullable(),
    destination_memo: z.string().nullable(),
    transaction_hash: z.string().nullable(),
    confirmed_num: z.number().int().nullable(),
    confirming_threshold: z.number().int().nullable(),
    description: z.string().nullable(),
    cancelled_at: Timestamp.nullable().describe("When a cancellation was asked of Cobo (by the app or an admin); null if never"),
    cancel_reason: z.string().nullable().describe("The reason given with the cancellation, if any"),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: "Transaction" });

export const TransactionDetailSchema = TransactionSchema.extend({
  timeline: z.array(TimelineEntrySchema).describe("Every status change and report, oldest first"),
}).meta({ id: "TransactionDetail" });

export const TransferResult = z.object({ transaction: TransactionSchema }).meta({ id: "TransferResult" });

export const TransactionListQuery = CursorQuery.extend({
  wallet_id: CoboId("wallet").optional().describe("Only this wallet's transactions"),
  status: z
    .string()
    .regex(/^[A-Za-z]{1,40}$/, "must be a status name, e.g. Completed")
    .optional()
    .describe("Only transactions in this status"),
  type: z
    .string()
    .regex(/^[A-Za-z]{1,40}$/, "must be a type name, e.g. Deposit")
    .optional()
    .describe("Withdrawal | Deposit | …"),
});

export const TransactionList = z.object({ data: z.array(TransactionSchema), ...PageInfo.shape }).meta({ id: "TransactionList" });

export const TransactionIdParams = z.object({
  transaction_id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/, "must be a transaction id")
    .describe("Our transaction id or Cobo's transaction id"),
});

export const TransactionReportBody = z
  .object({
    status: z.enum(["approved", "rejected", "failed", "completed"]).describe("What the UCW SDK told the app"),
    message: z.string().max(500).optional().describe("The SDK's message, if any"),
  })
  .meta({ id: "TransactionReportRequest" });

/** The operations of this part of the API, by name (route files import them; lib/api/v1/endpoints.ts lists them all). */
export const transactionsApi = {
  estimateFee: endpoint({
    method: "post",
    path: "/api/v1/wallets/{wallet_id}/fee-estimates",
    tag: "Transactions",
    summary: "Estimate the fee of a transfer",
    description: "Returns Cobo's slow / recommended / fast levels; pass the chosen level back as the transfer's fee.",
    auth: "bearer",
    params: WalletIdParams,
    body: FeeEstimateBody,
    responses: { 200: { description: "The fee levels", schema: FeeEstimateSchema } },
    errors: [404, 422, 502, 503],
  }),
  transfer: endpoint({
    method: "post",
    path: "/api/v1/wallets/{wallet_id}/transfers",
    tag: "Transactions",
    summary: "Submit a transfer",
    description:
      "Idempotent by the Idempotency-Key header: the same key with the same body returns the same transaction (200); the same key with a different body answers 409. " +
      "After a 502/503, retry with the same key: the transfer is resumed, never duplicated. The app then approves `cobo_transaction_id` with the UCW SDK.",
    auth: "bearer",
    params: WalletIdParams,
    headers: TransferHeaders,
    body: TransferBody,
    responses: {
      201: { description: "Submitted to Cobo", schema: TransferResult },
      200: { description: "This key was used before with the same body: that transaction", schema: TransferResult },
    },
    errors: [403, 404, 409, 422, 429, 502, 503],
  }),
  list: endpoint({
    method: "get",
    path: "/api/v1/transactions",
    tag: "Transactions",
    summary: "List my transactions, newest first",
    auth: "bearer",
    query: TransactionListQuery,
    responses: { 200: { description: "A page of transactions", schema: TransactionList } },
    errors: [404, 422],
  }),
  get: endpoint({
    method: "get",
    path: "/api/v1/transactions/{transaction_id}",
    tag: "Transactions",
    summary: "Get one of my transactions with its timeline",
    description: "Accepts our id or Cobo's transaction id.",
    auth: "bearer",
    params: TransactionIdParams,
    responses: { 200: { description: "The transaction", schema: TransactionDetailSchema } },
    errors: [404, 422],
  }),
  report: endpoint({
    method: "post",
    path: "/api/v1/transactions/{transaction_id}/reports",
    tag: "Transactions",
    summary: "Report what the UCW SDK said about a transaction",
    description: "Recorded on the timeline only: Cobo's state (from webhooks and polling) is what counts.",
    auth: "bearer",
    params: TransactionIdParams,
    body: TransactionReportBody,
    responses: { 201: { description: "Recorded", schema: TimelineEntrySchema } },
    errors: [404, 422],
  }),
  cancel: endpoint({
    method: "post",
    path: "/api/v1/transactions/{transaction_id}/cancel",
    tag: "Transactions",
    summary: "Cancel one of my pending transfers",
    description:
      "Asks Cobo to cancel it (cancelTransactionById), records the cancellation and answers the transaction as Cobo then reports it (Rejected, sub-status CanceledByAPI). " +
      "Cobo cancels a withdrawal only before it is signed: in Submitted, PendingScreening, PendingAuthorization or PendingSignature. " +
      "Anything else (a deposit, a withdrawal broadcasting, confirming or ended, a transfer Cobo has not acknowledged yet) answers 409.",
    auth: "bearer",
    params: TransactionIdParams,
    body: CancelBody,
    responses: { 200: { description: "Cancelled; the transaction as it stands", schema: TransactionDetailSchema } },
    errors: [404, 409, 422, 502, 503],
  }),
};
