import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/observability/metrics";
import { isDuplicateRequestId } from "@/lib/cobo/errors";
import type { Transport } from "@/lib/cobo/transport";
import {
  EstimatedFeeSchema,
  pageSchema,
  TransactionDetailSchema,
  TransactionRequestResultSchema,
  TransactionSchema,
  type EstimatedFee,
  type FeeLevel,
  type FeeType,
  type Page,
  type PageParams,
  type Transaction,
  type TransactionDetail,
  type TransactionRequestResult,
} from "@/lib/cobo/types";

// Fees, transfers and transaction reads (class TransactionsApi; docs/cobo.md#transactions).
// Amounts are decimal strings ("1.5"), never numbers.

const log = logger.child({ component: "cobo" });

export type Utxo = { tx_hash: string; vout_n: number };

/** Where a UCW transfer comes from. */
export type TransferSource = {
  source_type: "User-Controlled";
  wallet_id: string;
  address?: string;
  included_utxos?: Utxo[];
  excluded_utxos?: Utxo[];
};

/** Where it goes: one `account_output`, or several `utxo_outputs` on UTXO chains. */
export type TransferDestination = {
  destination_type: "Address";
  account_output?: { address: string; memo?: string; amount: string };
  utxo_outputs?: { address: string; amount: string }[];
  change_address?: string;
  force_internal?: boolean;
  force_external?: boolean;
};

export type { FeeLevel, FeeType } from "@/lib/cobo/types";

/**
 * The fee the caller chose (TransactionRequestFee, oneOf by fee_type). EVM gas prices are integer
 * wei and gas limits integer units; UTXO fee_rate is sat/vByte; SOL compute_unit_price is the
 * price per compute unit and compute_unit_limit an integer; FIL gas values are integer attoFIL.
 */
export type TransactionRequestFee =
  | { fee_type: "EVM_EIP_1559"; token_id: string; max_fee_per_gas: string; max_priority_fee_per_gas: string; gas_limit?: string }
  | { fee_type: "EVM_Legacy"; token_id: string; gas_price: string; gas_limit?: string }
  | { fee_type: "UTXO"; token_id: string; fee_rate: string; max_fee_amount?: string }
  | { fee_type: "Fixed"; token_id: string; max_fee_amount?: string }
  | { fee_type: "SOL"; token_id: string; compute_unit_price: string; compute_unit_limit: string }
  | { fee_type: "FIL"; token_id: string; gas_fee_cap: string; gas_premium: string; gas_limit?: string };

export type EstimateTransferFeeParams = {
  request_id?: string;
  source: TransferSource;
  token_id: string;
  destination?: TransferDestination;
  fee_type?: FeeType;
};

export type CreateTransferParams = {
  /** Our idempotency key: unique per organisation, stored by the caller BEFORE this call. */
  request_id: string;
  source: TransferSource;
  token_id: string;
  destination: TransferDestination;
  /** At most one of `fee` and `fee_level` (Cobo refuses both). */
  fee?: TransactionRequestFee;
  fee_level?: FeeLevel;
  description?: string;
  category_names?: string[];
  auto_fuel?: "PassiveAutoFuel" | "ProActiveAutoFuel";
};

export type TransferOutcome = {
  transaction_id: string;
  request_id: string;
  status: string;
  /** True when Cobo already had a transfer with this request_id and we returned that one. */
  resolvedExisting: boolean;
};

export type ListTransactionsParams = PageParams & {
  request_id?: string;
  cobo_ids?: string[];
  transaction_ids?: string[];
  transaction_hashes?: string[];
  types?: string[];
  statuses?: string[];
  wallet_ids?: string[];
  chain_ids?: string[];
  token_ids?: string[];
  vault_id?: string;
  project_id?: string;
  min_created_timestamp?: number;
  max_created_timestamp?: number;
};

const CSV_FILTERS = [
  "cobo_ids",
  "transaction_ids",
  "transaction_hashes",
  "types",
  "statuses",
  "wallet_ids",
  "chain_ids",
  "token_ids",
] as const;

function listQuery(params: ListTransactionsParams): Record<string, string | number | undefined> {
  const query: Record<string, string | number | undefined> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if ((CSV_FILTERS as readonly string[]).includes(key) && Array.isArray(value)) {
      if (value.length > 0) query[key] = value.join(",");
    } else if (typeof value === "string" || typeof value === "number") {
      query[key] = value;
    }
  }
  return query;
}

export type TransactionsGateway = ReturnType<typeof createTransactionsGateway>;

/** The transaction functions of the gateway, bound to one transport. */
export function createTransactionsGateway(t: Transport) {
  const listTransactions = (params: ListTransactionsParams = {}): Promise<Page<Transaction>> =>
    t.call({
      operation: "listTransactions",
      safety: "read",
      send: (a) => a.transactions.listTransactionsWithHttpInfo(listQuery(params)),
      schema: pageSchema(TransactionSchema),
    });

  const getTransactionByRequestId = async (requestId: string): Promise<Transaction | null> => {
    const page = await listTransactions({ request_id: requestId, limit: 50 });
    // Match exactly: never trust the filter alone to pick "the" transaction.
    return page.data.find((tx) => tx.request_id === requestId) ?? null;
  };

  return {
    /** Estimates a transfer's fee (a POST without side effects, so retried like a read). */
    estimateTransferFee(params: EstimateTransferFeeParams): Promise<EstimatedFee> {
      return t.call({
        operation: "estimateFee",
        safety: "read",
        send: (a) => a.transactions.estimateFeeWithHttpInfo({ EstimateFeeParams: { request_type: "Transfer", ...params } }),
        schema: EstimatedFeeSchema,
      });
    },

    /**
     * Submits a transfer exactly once per request_id. Retried after timeouts and 5xx because Cobo
     * dedupes by request_id; when Cobo answers that the request_id was already used (12009/30001:
     * an earlier attempt, or an earlier process, got through), the existing transfer is looked up
     * and returned as success, so neither a retry nor a crash can ever create a second transfer.
     */
    async createTransfer(params: CreateTransferParams): Promise<TransferOutcome> {
      try {
        const r = await t.call({
          operation: "createTransfer",
          safety: "idempotent",
          send: (a) => a.transactions.createTransferTransactionWithHttpInfo({ TransferParams: params }),
          schema: TransactionRequestResultSchema,
        });
        return {
          transaction_id: r.transaction_id,
          request_id: r.request_id ?? params.request_id,
          status: r.status,
          resolvedExisting: false,
        };
      } catch (error) {
        if (!isDuplicateRequestId(error)) throw error;
        const existing = await getTransactionByRequestId(params.request_id);
        // Same request_id but another wallet: not our transfer. Surface Cobo's rejection unchanged.
        if (!existing || (existing.wallet_id && existing.wallet_id !== params.source.wallet_id)) {
          log.error(
            { operation: "createTransfer", coboRequestId: params.request_id, found: Boolean(existing) },
            "request_id already used on Cobo and not resolvable to this transfer",
          );
          throw error;
        }
        metrics.coboCalls.inc({ operation: "createTransfer", outcome: "resolved_existing" });
        log.info(
          { operation: "createTransfer", coboRequestId: params.request_id, transactionId: existing.transaction_id },
          "transfer already existed on Cobo; returning it",
        );
        return { transaction_id: existing.transaction_id, request_id: params.request_id, status: existing.status, resolvedExisting: true };
      }
    },

    /** Reads one transaction with its timeline. */
    getTransaction(transactionId: string): Promise<TransactionDetail> {
      return t.call({
        operation: "getTransaction",
        safety: "read",
        send: (a) => a.transactions.getTransactionByIdWithHttpInfo(transactionId),
        schema: TransactionDetailSchema,
      });
    },

    /** Lists transactions; batch status polling passes up to 50 `transaction_ids`. */
    listTransactions,

    /** The transaction created with our request_id, or null: how a reconciler learns whether a transfer got through. */
    getTransactionByRequestId,

    /** Cancels a transaction that has not been signed yet. */
    cancelTransaction(transactionId: string): Promise<TransactionRequestResult> {
      return t.call({
        operation: "cancelTransaction",
        safety: "unsafe",
        send: (a) => a.transactions.cancelTransactionByIdWithHttpInfo(transactionId),
        schema: TransactionRequestResultSchema,
      });
    },
  };
}
