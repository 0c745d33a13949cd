import type { Hono } from "hono";
import { z } from "zod";
import { jsonBody, param, queryOf, type AppEnv } from "../http/app-env.js";
import { CoboError, ErrorCode, invalidParam } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { csvParam, nonEmpty, pageQuery, parseOrThrow } from "../http/validate.js";
import { estimateFeeFor, feeTypesFor, findToken, type FeeType } from "../domain/catalog.js";
import type { Runtime } from "../domain/runtime.js";
import { transactionWire } from "../domain/serializers.js";
import { cancelTransaction, createTransfer, getTransaction } from "../domain/transactions.js";
import { findWalletAddress } from "../domain/wallets.js";
import type { TransactionStatus } from "../state/types.js";

// TransactionsApi: estimate fee, transfer, get, list and cancel transactions, under /v2/transactions.

const feeTypeEnum = z.enum(["Fixed", "EVM_EIP_1559", "EVM_Legacy", "UTXO", "SOL", "FIL"]);
const sourceSchema = z.object({
  source_type: nonEmpty,
  wallet_id: nonEmpty,
  address: nonEmpty.optional(),
  included_utxos: z.array(z.unknown()).optional(),
  excluded_utxos: z.array(z.unknown()).optional(),
});
const destinationSchema = z.object({
  destination_type: nonEmpty,
  account_output: z.object({ address: nonEmpty, memo: z.string().optional(), amount: nonEmpty }).optional(),
  utxo_outputs: z.array(z.unknown()).optional(),
  change_address: z.string().optional(),
  force_internal: z.boolean().optional(),
  force_external: z.boolean().optional(),
});
const feeSchema = z.object({
  fee_type: feeTypeEnum,
  token_id: nonEmpty,
  fee_rate: nonEmpty.optional(),
  max_fee_amount: nonEmpty.optional(),
  gas_limit: nonEmpty.optional(),
  max_fee_per_gas: nonEmpty.optional(),
  max_priority_fee_per_gas: nonEmpty.optional(),
  gas_price: nonEmpty.optional(),
  compute_unit_price: nonEmpty.optional(),
  compute_unit_limit: nonEmpty.optional(),
  gas_fee_cap: nonEmpty.optional(),
  gas_premium: nonEmpty.optional(),
});
const transferBody = z.object({
  request_id: z.string(),
  source: sourceSchema,
  token_id: nonEmpty,
  destination: destinationSchema,
  category_names: z.array(z.string()).optional(),
  description: z.string().optional(),
  fee: feeSchema.optional(),
  fee_level: z.enum(["Slow", "Recommended", "Fast"]).optional(),
  auto_fuel: z.enum(["PassiveAutoFuel", "ProActiveAutoFuel"]).optional(),
});
const estimateBody = z.object({
  request_id: z.string().optional(),
  request_type: z.enum(["Transfer", "ContractCall"]),
  source: sourceSchema,
  token_id: nonEmpty.optional(),
  destination: destinationSchema.optional(),
  fee_type: feeTypeEnum.optional(),
  chain_id: nonEmpty.optional(),
});
const TX_STATUSES: readonly TransactionStatus[] = [
  "Submitted",
  "PendingScreening",
  "PendingAuthorization",
  "PendingSignature",
  "Broadcasting",
  "Confirming",
  "Completed",
  "Failed",
  "Rejected",
  "Pending",
];
const TX_TYPES = ["Deposit", "Withdrawal", "ContractCall", "MessageSign", "ExternalSafeTx", "Stake", "Unstake"];
const tsParam = z.string().regex(/^\d+$/, "must be a timestamp in ms").transform(Number).optional();
const listQuery = pageQuery.extend({
  request_id: nonEmpty.optional(),
  cobo_ids: csvParam,
  transaction_ids: csvParam,
  transaction_hashes: csvParam,
  types: csvParam,
  statuses: csvParam,
  wallet_ids: csvParam,
  chain_ids: csvParam,
  token_ids: csvParam,
  asset_ids: csvParam,
  vault_id: nonEmpty.optional(),
  project_id: nonEmpty.optional(),
  min_created_timestamp: tsParam,
  max_created_timestamp: tsParam,
});

/** Registers the transaction routes. */
export function registerTransactionRoutes(app: Hono<AppEnv>, rt: Runtime, initiator: string): void {
  const { store } = rt;

  app.post("/v2/transactions/estimate_fee", (c) => {
    const body = parseOrThrow(estimateBody, jsonBody(c));
    if (body.request_type !== "Transfer") throw invalidParam("Invalid parameter request_type: the sandbox estimates transfers only");
    if (!body.token_id) throw new CoboError(400, ErrorCode.missingParameter, "Missing required parameter: token_id");
    const wallet = store.state.wallets.find((w) => w.wallet_id === body.source.wallet_id);
    if (!wallet) throw new CoboError(400, ErrorCode.sourceWalletInvalid, "The source wallet does not exist");
    const token = findToken(body.token_id);
    if (!token) throw new CoboError(400, ErrorCode.tokenNotEnabled, `The token ${body.token_id} has not been enabled`);
    if (body.source.address !== undefined && !findWalletAddress(store.state, wallet.wallet_id, token.chain_id, body.source.address)) {
      throw new CoboError(400, ErrorCode.sourceAddressInvalid, "The source address does not belong to the wallet on this chain");
    }
    const feeType: FeeType = body.fee_type ?? feeTypesFor(token)[0] ?? "UTXO";
    if (!feeTypesFor(token).includes(feeType)) {
      throw invalidParam(`Invalid parameter fee_type: ${feeType} is not supported on ${token.chain_id}`);
    }
    return c.json(estimateFeeFor(token, feeType), 201);
  });

  app.post("/v2/transactions/transfer", async (c) => {
    const body = parseOrThrow(transferBody, jsonBody(c));
    const created = await store.mutate((s) => {
      const tx = createTransfer(rt, s, body, initiator);
      return { request_id: tx.request_id, transaction_id: tx.transaction_id, status: tx.status };
    });
    rt.kick();
    return c.json(created, 201);
  });

  app.get("/v2/transactions", (c) => {
    const q = parseOrThrow(listQuery, queryOf(c));
    const badStatus = q.statuses?.find((s) => !(TX_STATUSES as readonly string[]).includes(s));
    if (badStatus) throw new CoboError(400, ErrorCode.invalidStatus, `Invalid parameter statuses: ${badStatus}`);
    const badType = q.types?.find((t) => !TX_TYPES.includes(t));
    if (badType) throw invalidParam(`Invalid parameter types: ${badType}`);
    const state = store.state;
    const walletsOfVault = q.vault_id ? new Set(state.wallets.filter((w) => w.vault_id === q.vault_id).map((w) => w.wallet_id)) : null;
    const walletsOfProject = q.project_id
      ? new Set(state.wallets.filter((w) => w.project_id === q.project_id).map((w) => w.wallet_id))
      : null;
    const items = state.transactions
      .filter(
        (t) =>
          (q.request_id === undefined || t.request_id === q.request_id) &&
          (!q.cobo_ids || q.cobo_ids.includes(t.cobo_id)) &&
          (!q.transaction_ids || q.transaction_ids.includes(t.transaction_id)) &&
          (!q.transaction_hashes || (t.transaction_hash !== null && q.transaction_hashes.includes(t.transaction_hash))) &&
          (!q.types || q.types.includes(t.type)) &&
          (!q.statuses || q.statuses.includes(t.status)) &&
          (!q.wallet_ids || q.wallet_ids.includes(t.wallet_id)) &&
          (!q.chain_ids || q.chain_ids.includes(t.chain_id)) &&
          (!q.token_ids || q.token_ids.includes(t.token_id)) &&
          (!q.asset_ids || q.asset_ids.length === 0) &&
          (!walletsOfVault || walletsOfVault.has(t.wallet_id)) &&
          (!walletsOfProject || walletsOfProject.has(t.wallet_id)) &&
          (q.min_created_timestamp === undefined || t.created_timestamp >= q.min_created_timestamp) &&
          (q.max_created_timestamp === undefined || t.created_timestamp <= q.max_created_timestamp),
      )
      .reverse();
    const page = paginate(items, (t) => t.transaction_id, q);
    return c.json({ data: page.data.map((t) => transactionWire(t)), pagination: page.pagination });
  });
  app.get("/v2/transactions/:transaction_id", (c) =>
    c.json(transactionWire(getTransaction(store.state, param(c, "transaction_id")), true)),
  );
  app.post("/v2/transactions/:transaction_id/cancel", async (c) => {
    const result = await store.mutate((s) => {
      const tx = cancelTransaction(rt, s, param(c, "transaction_id"));
      return { request_id: tx.request_id, transaction_id: tx.transaction_id, status: tx.status };
    });
    rt.kick();
    return c.json(result, 201);
  });
}
