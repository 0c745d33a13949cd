// The sandbox's whole state: one JSON document under `<dataDir>/sandbox/`.
// Wire-visible fields use Cobo's snake_case names so serializers stay thin.

/** JSON value stored verbatim (webhook payloads, transaction parts). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** Cobo's MPC project. */
export interface ProjectRecord {
  project_id: string;
  org_id: string;
  name: string;
  participants: number;
  threshold: number;
  created_timestamp: number;
}

/** Cobo's MPC vault plus the id of its active Main Group. */
export interface VaultRecord {
  vault_id: string;
  project_id: string;
  name: string;
  type: "User-Controlled" | "Org-Controlled";
  /** One root per curve: SECP256K1 (first) and ED25519. */
  root_pubkeys: { root_pubkey: string; curve: Curve }[];
  created_timestamp: number;
  /** The Main Group that signs (only one is active per vault); null before the first KeyGen. */
  active_main_group_id: string | null;
  /** Extended public key of the vault's root, used to derive addresses. */
  xpub: string | null;
}

/** Holder types Cobo knows. */
export type HolderType = "Cobo" | "Mobile" | "API";

/** Cobo's KeyShareHolder. */
export interface HolderRecord {
  name: string;
  type: HolderType;
  tss_node_id: string;
  signer: boolean;
  status: "Valid" | "NotConfigured" | "NotActivated" | "Changed";
  account_id: string;
}

/** Curves of Cobo's MPC keys. */
export type Curve = "SECP256K1" | "ED25519";

/**
 * One TSS key share group of a holder group (one per curve). The SECP256K1 one holds real shares;
 * the ED25519 one only reports a public key (the sandbox serves no ED25519 chain).
 */
export interface TssKeyShareGroupRecord {
  tss_key_share_group_id: string;
  curve: Curve;
  root_pubkey: string;
  /** Extended public key (SECP256K1); "" for ED25519. */
  xpub: string;
  created_timestamp: number;
}

/** Group types. */
export type GroupType = "MainGroup" | "SigningGroup" | "RecoveryGroup";

/** Cobo's KeyShareHolderGroup. */
export interface GroupRecord {
  key_share_holder_group_id: string;
  vault_id: string;
  type: GroupType;
  participants: number;
  threshold: number;
  status: "New" | "Valid" | "Unavailable";
  key_share_holders: HolderRecord[];
  tss_key_share_groups: TssKeyShareGroupRecord[];
  created_timestamp: number;
  deleted: boolean;
}

/** A holder's answer to a TSS request or a transaction. */
export interface Decision {
  node_id: string;
  decision: "approved" | "rejected";
  reason?: string;
  at: number;
}

/** TSS request types. */
export type TssRequestType = "KeyGen" | "KeyGenFromKeyGroup" | "Recovery";
/** TSS request statuses (WaaS enum). */
export type TssRequestStatus =
  "PendingKeyHolderConfirmation" | "KeyHolderConfirmationFailed" | "KeyGenerating" | "MPCProcessing" | "KeyGeneratingFailed" | "Success";

/** Cobo's TSSRequest plus what the relay needs. */
export interface TssRequestRecord {
  tss_request_id: string;
  vault_id: string;
  type: TssRequestType;
  status: TssRequestStatus;
  target_key_share_holder_group_id: string;
  source_key_share_holder_group: { key_share_holder_group_id: string; tss_node_ids: string[] } | null;
  description: string;
  created_timestamp: number;
  updated_timestamp: number;
  decisions: Record<string, Decision>;
  /** Where each target device wants its new share sealed to (X25519 public key hex). */
  delivery_keys: Record<string, string>;
  cancelled: boolean;
  failed_reasons: string[];
  /**
   * How the status is reported (fixed when the request is created, from the profile): the
   * internal `MPCProcessing` (waiting for the holders' approvals) and `KeyGenerating` (generating)
   * are reported as they are, or swapped (`key_generating_first`). Absent = `mpc_processing_first`.
   */
  status_order?: "mpc_processing_first" | "key_generating_first";
  /** The TSS key share group created for the target group on success. */
  result_tss_key_share_group_id: string | null;
}

/** Cobo's MPC wallet. */
export interface WalletRecord {
  wallet_id: string;
  wallet_type: "MPC";
  wallet_subtype: "User-Controlled";
  name: string;
  org_id: string;
  project_id: string;
  vault_id: string;
  created_timestamp: number;
}

/** Cobo's AddressInfo plus ownership. */
export interface AddressRecord {
  address: string;
  chain_id: string;
  wallet_id: string;
  vault_id: string;
  path: string;
  encoding: string;
  pubkey: string;
  root_pubkey: string;
  index: number;
  created_timestamp: number;
}

/** Balance of one token on one address, in base units (decimal strings of bigints). */
export interface BalanceRecord {
  wallet_id: string;
  address: string;
  token_id: string;
  total: string;
  locked: string;
}

/** Transaction statuses (WaaS enum). */
export type TransactionStatus =
  | "Submitted"
  | "PendingScreening"
  | "PendingAuthorization"
  | "PendingSignature"
  | "Broadcasting"
  | "Confirming"
  | "Completed"
  | "Failed"
  | "Rejected"
  | "Pending";

/** A transaction: Cobo's wire fields plus the sandbox's bookkeeping. */
export interface TransactionRecord {
  transaction_id: string;
  cobo_id: string;
  request_id: string;
  wallet_id: string;
  type: "Deposit" | "Withdrawal";
  status: TransactionStatus;
  sub_status: string | null;
  failed_reason: string | null;
  chain_id: string;
  token_id: string;
  source: JsonObject;
  destination: JsonObject;
  result: { result_type: "Signature"; signature: string } | null;
  fee: JsonObject | null;
  initiator: string;
  initiator_type: "API" | "Web" | "App" | "External";
  confirmed_num: number | null;
  confirming_threshold: number;
  transaction_hash: string | null;
  block_info: { block_number: number; block_timestamp: number; block_hash: string } | null;
  raw_tx_info: { used_nonce?: number; raw_tx?: string } | null;
  category: string[];
  description: string;
  created_timestamp: number;
  updated_timestamp: number;
  timeline: { status: TransactionStatus; finished: boolean; finished_timestamp?: number }[];
  /** Amount in base units of the token. */
  amount_base: string;
  /** Fee in base units of the fee token (locked at submit, charged on completion). */
  fee_base: string;
  fee_token_id: string;
  from_address: string | null;
  to_address: string;
  /** Signing: the group, its TSS key share group, the BIP32 path and the digest. */
  signer_group_id: string | null;
  tss_key_share_group_id: string | null;
  sign_path: string | null;
  sign_pubkey: string | null;
  digest: string | null;
  decisions: Record<string, Decision>;
  callback_message_id: string | null;
  /** Whether balances are currently locked for this withdrawal. */
  locked: boolean;
}

/** Cobo's WebhookEndpoint. */
export interface WebhookEndpointRecord {
  endpoint_id: string;
  url: string;
  subscribed_events: string[];
  status: string;
  description: string;
  /** Seconds, as Cobo reports it. */
  created_timestamp: number;
}

/** Cobo's WebhookEvent plus delivery bookkeeping. */
export interface WebhookEventRecord {
  event_id: string;
  endpoint_id: string;
  url: string;
  created_timestamp: number;
  type: string;
  data: JsonObject;
  status: "Success" | "Retrying" | "Failed";
  next_retry_timestamp: number;
  attempts: number;
  max_attempts: number;
  /** `Biz-Timestamp` and signature of the first attempt (reused by the `retry_signature: first_attempt` profile). */
  first_signature?: { timestamp: string; signature: string } | null;
}

/** Cobo's WebhookEventLog (request body kept as the exact text sent). */
export interface WebhookEventLogRecord {
  id: string;
  event_id: string;
  endpoint_id: string;
  created_timestamp: number;
  request_headers: Record<string, string>;
  request_body_raw: string;
  response_body: string;
  response_status_code: number | null;
  response_time: number;
  success: boolean;
  failure_reason: string;
}

/** Cobo's CallbackMessage plus delivery bookkeeping. */
export interface CallbackMessageRecord {
  id: string;
  created_timestamp: number;
  updated_timestamp: number;
  request_id: string;
  transaction_id: string;
  wallet_id: string;
  url: string;
  data: JsonObject;
  /** "Pending" while attempts remain; then Cobo's Approved / Denied / Failed. */
  status: "Pending" | "Approved" | "Denied" | "Failed";
  result: "ok" | "deny" | null;
  attempts: number;
  max_attempts: number;
  next_attempt_at: number;
  /** `Biz-Timestamp` and signature of the first attempt (reused by the `retry_signature: first_attempt` profile). */
  first_signature?: { timestamp: string; signature: string } | null;
}

/** A key share the sandbox holds itself: Cobo's, or a sandbox-run co-signer's. */
export interface HeldShare {
  tss_key_share_group_id: string;
  key_share_holder_group_id: string;
  share: string;
  root_pubkey: string;
  threshold: number;
  participants: string[];
  created_timestamp: number;
}

/** A share produced for a device, sealed to its delivery key; deleted once fetched. */
export interface SealedDelivery {
  id: string;
  node_id: string;
  tss_request_id: string;
  tss_key_share_group_id: string;
  key_share_holder_group_id: string;
  sealed: string;
  created_timestamp: number;
}

/** An auto-approving co-signer run by the sandbox (server co-signer stand-in). */
export interface CosignerRecord {
  node_id: string;
  name: string;
  created_timestamp: number;
}

/** The whole persisted state. */
export interface SandboxState {
  version: 1;
  org_id: string;
  cobo_node_id: string;
  created_timestamp: number;
  projects: ProjectRecord[];
  vaults: VaultRecord[];
  groups: GroupRecord[];
  tss_requests: TssRequestRecord[];
  wallets: WalletRecord[];
  addresses: AddressRecord[];
  address_indexes: Record<string, number>;
  balances: BalanceRecord[];
  transactions: TransactionRecord[];
  webhook_endpoints: WebhookEndpointRecord[];
  webhook_events: WebhookEventRecord[];
  webhook_logs: WebhookEventLogRecord[];
  callback_messages: CallbackMessageRecord[];
  /** Shares held by the sandbox, per node id (Cobo's holder and sandbox co-signers). */
  held_shares: Record<string, HeldShare[]>;
  deliveries: SealedDelivery[];
  cosigners: CosignerRecord[];
  /** Block height of the simulated chains. */
  block_heights: Record<string, number>;
}
