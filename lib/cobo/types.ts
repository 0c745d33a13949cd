import { z } from "zod";

// Zod schemas for the Cobo answers lib/cobo uses, and the types inferred from them.
// Lenient on purpose: objects keep unknown fields (Cobo adds fields), enums are plain strings
// (Cobo adds values: sub-statuses, event types), optional fields accept null as well as absence
// (real Cobo sends nulls, the sandbox omits them). Only what domain code relies on is required,
// so a truly malformed answer fails here, as a CoboError, instead of deep in domain code.

const str = z.string();
const optStr = z.string().nullish();
const optNum = z.number().nullish();
const optBool = z.boolean().nullish();

// ---------- pagination ----------

export const PaginationSchema = z.looseObject({
  before: optStr,
  after: optStr,
  total_count: optNum,
});
export type Pagination = z.infer<typeof PaginationSchema>;

/** `{data: T[], pagination}` as every Cobo list endpoint answers. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item), pagination: PaginationSchema.nullish() });
}
export type Page<T> = { data: T[]; pagination?: Pagination | null };

/** Paging options of every list call: `limit` 1–50, `before`/`after` are cursors (mutually exclusive). */
export type PageParams = { limit?: number; before?: string; after?: string };

// ---------- MPC: projects, vaults, groups, TSS requests ----------

export const MPCProjectSchema = z.looseObject({
  project_id: str,
  org_id: optStr,
  name: optStr,
  participants: optNum,
  threshold: optNum,
  created_timestamp: optNum,
});
export type MPCProject = z.infer<typeof MPCProjectSchema>;

export const RootPubkeySchema = z.looseObject({ root_pubkey: optStr, curve: optStr });

export const MPCVaultSchema = z.looseObject({
  vault_id: str,
  project_id: optStr,
  name: optStr,
  type: optStr,
  root_pubkeys: z.array(RootPubkeySchema).nullish(),
  created_timestamp: optNum,
});
export type MPCVault = z.infer<typeof MPCVaultSchema>;

export const KeyShareHolderSchema = z.looseObject({
  name: optStr,
  type: optStr,
  tss_node_id: optStr,
  online: optBool,
  signer: optBool,
  status: optStr,
  account_id: optStr,
});
export type KeyShareHolder = z.infer<typeof KeyShareHolderSchema>;

export const TSSKeyShareGroupSchema = z.looseObject({
  tss_key_share_group_id: optStr,
  curve: optStr,
  root_pubkey: optStr,
});

export const KeyShareHolderGroupSchema = z.looseObject({
  key_share_holder_group_id: str,
  type: optStr,
  tss_key_share_groups: z.array(TSSKeyShareGroupSchema).nullish(),
  key_share_holders: z.array(KeyShareHolderSchema).nullish(),
  participants: optNum,
  threshold: optNum,
  status: optStr,
  created_timestamp: optNum,
});
export type KeyShareHolderGroup = z.infer<typeof KeyShareHolderGroupSchema>;

export const TSSRequestSchema = z.looseObject({
  tss_request_id: str,
  source_key_share_holder_group: z.looseObject({ key_share_holder_group_id: optStr, tss_node_ids: z.array(str).nullish() }).nullish(),
  target_key_share_holder_group_id: optStr,
  type: optStr,
  status: str,
  description: optStr,
  created_timestamp: optNum,
  /** not in npm 1.8.0; used to order reports when Cobo sends it (tssObservedAt) */
  updated_timestamp: optNum,
});
export type TSSRequest = z.infer<typeof TSSRequestSchema>;

export const SubmittedSchema = z.looseObject({ submitted: z.boolean() });
export type Submitted = z.infer<typeof SubmittedSchema>;

// ---------- wallets, addresses, tokens, chains, balances ----------

export const WalletInfoSchema = z.looseObject({
  wallet_id: str,
  wallet_type: optStr,
  wallet_subtype: optStr,
  name: optStr,
  org_id: optStr,
  project_id: optStr,
  project_name: optStr,
  vault_id: optStr,
  vault_name: optStr,
});
export type WalletInfo = z.infer<typeof WalletInfoSchema>;

export const AddressInfoSchema = z.looseObject({
  address: str,
  chain_id: str,
  memo: optStr,
  path: optStr,
  encoding: optStr,
  pubkey: optStr,
  x_only_pubkey: optStr,
  root_pubkey: optStr,
  taproot_script_tree_hash: optStr,
  taproot_internal_address: optStr,
});
export type AddressInfo = z.infer<typeof AddressInfoSchema>;

export const TokenInfoSchema = z.looseObject({
  token_id: str,
  chain_id: optStr,
  symbol: optStr,
  name: optStr,
  decimal: optNum,
  icon_url: optStr,
  token_address: optStr,
  fee_token_id: optStr,
  can_deposit: optBool,
  can_withdraw: optBool,
  dust_threshold: optStr,
  /** `UTXO` or `Account` */
  asset_model_type: optStr,
});
export type TokenInfo = z.infer<typeof TokenInfoSchema>;

export const ChainInfoSchema = z.looseObject({
  chain_id: str,
  symbol: optStr,
  icon_url: optStr,
  explorer_tx_url: optStr,
  explorer_address_url: optStr,
  require_memo: optBool,
  confirming_threshold: optNum,
  /** Groups chains with the same execution logic: `ETH` for every EVM-compatible chain. */
  chain_identifier: optStr,
  /** CAIP-2 id, e.g. `eip155:11155111` (EVM chains use the eip155 namespace). */
  caip2_chain_id: optStr,
});
export type ChainInfo = z.infer<typeof ChainInfoSchema>;

/**
 * Whether a chain is EVM-compatible: Cobo groups them under chain_identifier "ETH", and their
 * CAIP-2 ids are in the eip155 namespace. One address works on every EVM chain (same key, same
 * derivation), so an EVM address of a wallet can send and receive on all of the enabled ones.
 */
export function isEvmChain(chain: ChainInfo | undefined | null): boolean {
  if (!chain) return false;
  return chain.chain_identifier === "ETH" || (chain.caip2_chain_id ?? "").startsWith("eip155:");
}

/** Amounts are decimal strings end to end (never floats). */
export const TokenBalanceSchema = z.looseObject({
  token_id: str,
  balance: z.looseObject({ total: str, available: str, pending: optStr, locked: optStr }),
});
export type TokenBalance = z.infer<typeof TokenBalanceSchema>;

// ---------- transactions ----------

/** Source/destination/fee are oneOf unions in Cobo's spec; kept as loose objects keyed by their type field. */
const LooseRecord = z.looseObject({});

export const TransactionSchema = z.looseObject({
  transaction_id: str,
  cobo_id: optStr,
  request_id: optStr,
  wallet_id: optStr,
  type: optStr,
  status: str,
  sub_status: optStr,
  failed_reason: optStr,
  chain_id: optStr,
  token_id: optStr,
  asset_id: optStr,
  source: LooseRecord.nullish(),
  destination: LooseRecord.nullish(),
  result: LooseRecord.nullish(),
  fee: LooseRecord.nullish(),
  initiator: optStr,
  initiator_type: optStr,
  confirmed_num: optNum,
  confirming_threshold: optNum,
  transaction_hash: optStr,
  block_info: z.looseObject({ block_number: optNum, block_timestamp: optNum, block_hash: optStr }).nullish(),
  raw_tx_info: LooseRecord.nullish(),
  replacement: LooseRecord.nullish(),
  category: z.array(str).nullish(),
  description: optStr,
  is_loop: optBool,
  created_timestamp: optNum,
  updated_timestamp: optNum,
});
export type Transaction = z.infer<typeof TransactionSchema>;

export const TransactionDetailSchema = TransactionSchema.extend({
  timeline: z.array(z.looseObject({ status: optStr, finished: optBool, finished_timestamp: optNum })).nullish(),
});
export type TransactionDetail = z.infer<typeof TransactionDetailSchema>;

/** Cobo's answer to transfer / cancel and the other transaction actions. */
export const TransactionRequestResultSchema = z.looseObject({
  request_id: optStr,
  transaction_id: str,
  status: str,
});
export type TransactionRequestResult = z.infer<typeof TransactionRequestResultSchema>;

/** Cobo's fee models (FeeType in Cobo's OpenAPI spec; the SDK 1.8.0 docs predate SOL and FIL). */
export const FEE_TYPES = ["Fixed", "EVM_EIP_1559", "EVM_Legacy", "UTXO", "SOL", "FIL"] as const;
export type FeeType = (typeof FEE_TYPES)[number];

/** Cobo's FeeLevel: let Cobo price the fee at one of its estimate's levels instead of sending `fee`. */
export const FEE_LEVELS = ["Slow", "Recommended", "Fast"] as const;
export type FeeLevel = (typeof FEE_LEVELS)[number];

const FeeLevelSchema = z.looseObject({
  max_fee_per_gas: optStr,
  max_priority_fee_per_gas: optStr,
  gas_limit: optStr,
  gas_price: optStr,
  fee_rate: optStr,
  fee_amount: optStr,
  reserved_fee: optStr,
  // SOL
  compute_unit_price: optStr,
  compute_unit_limit: optStr,
  base_fee: optStr,
  rent_amount: optStr,
  // FIL
  gas_premium: optStr,
  gas_fee_cap: optStr,
  gas_base: optStr,
});

/** oneOf by `fee_type` (Fixed / EVM_EIP_1559 / EVM_Legacy / UTXO / SOL / FIL); every level is optional text. */
export const EstimatedFeeSchema = z.looseObject({
  fee_type: str,
  token_id: optStr,
  slow: FeeLevelSchema.nullish(),
  recommended: FeeLevelSchema.nullish(),
  fast: FeeLevelSchema.nullish(),
  fee_amount: optStr,
  is_loop: optBool,
});
export type EstimatedFee = z.infer<typeof EstimatedFeeSchema>;

// ---------- webhooks and callbacks ----------

export const WebhookEndpointSchema = z.looseObject({
  endpoint_id: str,
  url: str,
  subscribed_events: z.array(str).nullish(),
  status: optStr,
  description: optStr,
  created_timestamp: optNum,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

export const WebhookEventDefinitionSchema = z.looseObject({ event_type: optStr, description: optStr });
export type WebhookEventDefinition = z.infer<typeof WebhookEventDefinitionSchema>;

/** The event body Cobo POSTs to a webhook endpoint (and lists through the events API). */
export const WebhookEventSchema = z.looseObject({
  event_id: str,
  url: optStr,
  created_timestamp: optNum,
  type: str,
  data: z.looseObject({ data_type: str }),
  status: optStr,
  next_retry_timestamp: optNum,
  retries_left: optNum,
});
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

export const WebhookEventLogSchema = z.looseObject({
  id: str,
  created_timestamp: optNum,
  request_headers: z.unknown().optional(),
  request_body: z.unknown().optional(),
  response_body: optStr,
  response_status_code: optNum,
  response_time: optNum,
  success: optBool,
  failure_reason: optStr,
});
export type WebhookEventLog = z.infer<typeof WebhookEventLogSchema>;

export const CallbackMessageSchema = z.looseObject({
  id: str,
  created_timestamp: optNum,
  updated_timestamp: optNum,
  request_id: optStr,
  transaction_id: optStr,
  wallet_id: optStr,
  url: optStr,
  data: TransactionSchema.nullish(),
  status: optStr,
  result: optStr,
});
export type CallbackMessage = z.infer<typeof CallbackMessageSchema>;

export const RetriedSchema = z.looseObject({ retried: optBool });
export const TriggeredSchema = z.looseObject({ triggered: optBool });

export const ApiKeyInfoSchema = z.looseObject({
  name: optStr,
  curve_type: optStr,
  key: str,
  callback_url: optStr,
  valid_ips: z.array(str).nullish(),
  created_timestamp: optNum,
  updated_timestamp: optNum,
  expired_timestamp: optNum,
  role_scopes: z.array(LooseRecord).nullish(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfoSchema>;

// ---------- Cobo's error body ----------

/** `{error_code, error_message, error_id}`; the code is coerced because proxies sometimes stringify it. */
export const CoboErrorBodySchema = z.looseObject({
  error_code: z.coerce.number().int().optional(),
  error_message: z.string().optional(),
  error_id: z.string().optional(),
});
