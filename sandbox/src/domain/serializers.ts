import type {
  AddressRecord,
  CallbackMessageRecord,
  GroupRecord,
  HolderRecord,
  Json,
  JsonObject,
  ProjectRecord,
  SandboxState,
  TransactionRecord,
  TssRequestRecord,
  VaultRecord,
  WalletRecord,
  WebhookEndpointRecord,
  WebhookEventLogRecord,
  WebhookEventRecord,
} from "../state/types.js";

// Records → Cobo's wire JSON (snake_case, optional fields omitted when unset).

function compact(obj: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

/** MPCProject. */
export function projectWire(p: ProjectRecord): JsonObject {
  return { ...p };
}

/** MPCVault. */
export function vaultWire(v: VaultRecord): JsonObject {
  return {
    vault_id: v.vault_id,
    project_id: v.project_id,
    name: v.name,
    type: v.type,
    root_pubkeys: v.root_pubkeys.map((r) => ({ root_pubkey: r.root_pubkey, curve: r.curve })),
    created_timestamp: v.created_timestamp,
  };
}

/** KeyShareHolder (online = whether the relay saw the node recently). */
export function holderWire(h: HolderRecord, online: boolean): JsonObject {
  return {
    name: h.name,
    type: h.type,
    tss_node_id: h.tss_node_id,
    online,
    signer: h.signer,
    status: h.status,
    account_id: h.account_id,
  };
}

/** KeyShareHolderGroup. */
export function groupWire(g: GroupRecord, isOnline: (nodeId: string) => boolean): JsonObject {
  return {
    key_share_holder_group_id: g.key_share_holder_group_id,
    type: g.type,
    tss_key_share_groups: g.tss_key_share_groups.map((t) => ({
      tss_key_share_group_id: t.tss_key_share_group_id,
      curve: t.curve,
      root_pubkey: t.root_pubkey,
    })),
    key_share_holders: g.key_share_holders.map((h) => holderWire(h, isOnline(h.tss_node_id))),
    participants: g.participants,
    threshold: g.threshold,
    status: g.status,
    created_timestamp: g.created_timestamp,
  };
}

function sourceGroupWire(r: TssRequestRecord): JsonObject | undefined {
  if (!r.source_key_share_holder_group) return undefined;
  return {
    key_share_holder_group_id: r.source_key_share_holder_group.key_share_holder_group_id,
    tss_node_ids: [...r.source_key_share_holder_group.tss_node_ids],
  };
}

/**
 * The status a TSS request is reported with. Internally `MPCProcessing` means "waiting for the
 * holders' approvals" and `KeyGenerating` "generating"; a request created under the
 * `tss_status_order: "key_generating_first"` profile reports the two the other way round.
 */
export function reportedTssStatus(r: TssRequestRecord): TssRequestRecord["status"] {
  if (r.status_order !== "key_generating_first") return r.status;
  if (r.status === "MPCProcessing") return "KeyGenerating";
  if (r.status === "KeyGenerating") return "MPCProcessing";
  return r.status;
}

/** TSSRequest. */
export function tssRequestWire(r: TssRequestRecord): JsonObject {
  return compact({
    tss_request_id: r.tss_request_id,
    source_key_share_holder_group: sourceGroupWire(r),
    target_key_share_holder_group_id: r.target_key_share_holder_group_id,
    type: r.type,
    status: reportedTssStatus(r),
    description: r.description,
    created_timestamp: r.created_timestamp,
  });
}

/** WalletInfo (MPCWalletInfo). */
export function walletWire(w: WalletRecord, state: SandboxState): JsonObject {
  const project = state.projects.find((p) => p.project_id === w.project_id);
  const vault = state.vaults.find((v) => v.vault_id === w.vault_id);
  return compact({
    wallet_id: w.wallet_id,
    wallet_type: w.wallet_type,
    wallet_subtype: w.wallet_subtype,
    name: w.name,
    org_id: w.org_id,
    project_id: w.project_id,
    project_name: project?.name,
    vault_id: w.vault_id,
    vault_name: vault?.name,
  });
}

/** AddressInfo. */
export function addressWire(a: AddressRecord): JsonObject {
  return {
    address: a.address,
    chain_id: a.chain_id,
    path: a.path,
    encoding: a.encoding,
    pubkey: a.pubkey,
    root_pubkey: a.root_pubkey,
  };
}

/** Transaction (and TransactionDetail with `timeline` when `detail`). */
export function transactionWire(t: TransactionRecord, detail = false): JsonObject {
  const base = compact({
    transaction_id: t.transaction_id,
    cobo_id: t.cobo_id,
    request_id: t.request_id,
    wallet_id: t.wallet_id,
    type: t.type,
    status: t.status,
    sub_status: t.sub_status ?? undefined,
    failed_reason: t.failed_reason ?? undefined,
    chain_id: t.chain_id,
    token_id: t.token_id,
    source: t.source,
    destination: t.destination,
    result: t.result ? { result_type: t.result.result_type, signature: t.result.signature } : undefined,
    fee: t.fee ?? undefined,
    initiator: t.initiator,
    initiator_type: t.initiator_type,
    confirmed_num: t.confirmed_num ?? undefined,
    confirming_threshold: t.confirming_threshold,
    transaction_hash: t.transaction_hash ?? undefined,
    block_info: t.block_info ? { ...t.block_info } : undefined,
    raw_tx_info: t.raw_tx_info ? compact({ used_nonce: t.raw_tx_info.used_nonce, raw_tx: t.raw_tx_info.raw_tx }) : undefined,
    category: [...t.category],
    description: t.description,
    is_loop: false,
    created_timestamp: t.created_timestamp,
    updated_timestamp: t.updated_timestamp,
  });
  if (detail) {
    base.timeline = t.timeline.map((s) => compact({ status: s.status, finished: s.finished, finished_timestamp: s.finished_timestamp }));
  }
  return base;
}

/** WebhookEndpoint. */
export function webhookEndpointWire(e: WebhookEndpointRecord): JsonObject {
  return {
    endpoint_id: e.endpoint_id,
    url: e.url,
    subscribed_events: [...e.subscribed_events],
    status: e.status,
    description: e.description,
    created_timestamp: e.created_timestamp,
  };
}

/** The WebhookEvent body POSTed to an endpoint. */
export function webhookEventPayload(e: WebhookEventRecord): JsonObject {
  return { event_id: e.event_id, url: e.url, created_timestamp: e.created_timestamp, type: e.type, data: e.data };
}

/** WebhookEvent as the events API lists it (with delivery status). */
export function webhookEventWire(e: WebhookEventRecord): JsonObject {
  const out: JsonObject = { ...webhookEventPayload(e), status: e.status };
  if (e.status === "Retrying") {
    out.next_retry_timestamp = e.next_retry_timestamp;
    out.retries_left = Math.max(0, e.max_attempts - e.attempts);
  }
  return out;
}

/** WebhookEventLog. */
export function webhookLogWire(l: WebhookEventLogRecord): JsonObject {
  let body: Json;
  try {
    body = JSON.parse(l.request_body_raw) as Json;
  } catch {
    body = l.request_body_raw;
  }
  return compact({
    id: l.id,
    created_timestamp: l.created_timestamp,
    request_headers: l.request_headers,
    request_body: body,
    response_body: l.response_body,
    response_status_code: l.response_status_code ?? undefined,
    response_time: l.response_time,
    success: l.success,
    failure_reason: l.failure_reason || undefined,
  });
}

/** CallbackMessage. */
export function callbackMessageWire(m: CallbackMessageRecord): JsonObject {
  return compact({
    id: m.id,
    created_timestamp: m.created_timestamp,
    updated_timestamp: m.updated_timestamp,
    request_id: m.request_id,
    transaction_id: m.transaction_id,
    wallet_id: m.wallet_id,
    url: m.url,
    data: m.data,
    status: m.status,
    result: m.result ?? undefined,
  });
}
