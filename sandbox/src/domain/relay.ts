import { CoboError } from "../http/errors.js";
import type { SandboxState, TransactionRecord, TssRequestRecord } from "../state/types.js";
import { isInternalNode, type Runtime } from "./runtime.js";
import { isSourceParticipant, isTssParticipant, sourceTssGroupId, tssRoles } from "./tss-engine.js";

// The TSS relay as a device sees it: its pending TSS requests and transactions,
// approvals (with the key share the stand-in needs), rejections, and the sealed
// key shares waiting for it. Objects follow the UCW SDK's JSON (snake_case,
// status as the SDK's integers: 110 scheduling … 190 completed).

/** The UCW SDK's status integers. */
export const SdkStatus = {
  unknown: 100,
  scheduling: 110,
  initializing: 120,
  approving: 130,
  processing: 140,
  declined: 160,
  failed: 170,
  canceled: 180,
  completed: 190,
} as const;

/** Error code the UCW SDK returns for a request or transaction the relay does not know (yet). */
export const RELAY_NOT_FOUND = 2101;

function relayNotFound(what: string, id: string): CoboError {
  return new CoboError(404, RELAY_NOT_FOUND, `${what} ${id} not found for this TSS node`);
}

function tssSdkStatus(r: TssRequestRecord, nodeId: string): number {
  if (r.cancelled) return SdkStatus.canceled;
  switch (r.status) {
    case "PendingKeyHolderConfirmation":
      return SdkStatus.scheduling;
    case "MPCProcessing":
      return r.decisions[nodeId] ? SdkStatus.processing : SdkStatus.approving;
    case "KeyGenerating":
      return SdkStatus.processing;
    case "Success":
      return SdkStatus.completed;
    case "KeyHolderConfirmationFailed":
      return r.cancelled ? SdkStatus.canceled : SdkStatus.declined;
    case "KeyGeneratingFailed":
      return SdkStatus.failed;
  }
}

/** A TSS request as the UCW SDK returns it to a device. */
export function relayTssView(state: SandboxState, r: TssRequestRecord, nodeId: string): Record<string, unknown> {
  const roles = tssRoles(state, r);
  const target = state.groups.find((g) => g.key_share_holder_group_id === r.target_key_share_holder_group_id);
  const resultGroup = target?.tss_key_share_groups.find((t) => t.tss_key_share_group_id === r.result_tss_key_share_group_id);
  return {
    tss_request_id: r.tss_request_id,
    status: tssSdkStatus(r, nodeId),
    type: r.type,
    vault_id: r.vault_id,
    description: r.description,
    created_timestamp: r.created_timestamp,
    target_key_share_holder_group_id: r.target_key_share_holder_group_id,
    source_key_share_holder_group_id: r.source_key_share_holder_group?.key_share_holder_group_id ?? null,
    source_tss_key_share_group_id: isSourceParticipant(roles, nodeId) ? sourceTssGroupId(roles) : null,
    is_target_holder: roles.target.includes(nodeId),
    is_source_signer: isSourceParticipant(roles, nodeId),
    threshold: target?.threshold ?? null,
    participants: roles.target,
    my_decision: r.decisions[nodeId]?.decision ?? null,
    results:
      r.status === "Success" && resultGroup && target
        ? [
            {
              id: resultGroup.tss_key_share_group_id,
              created_timestamp: resultGroup.created_timestamp,
              type: 1,
              root_extended_public_key: resultGroup.xpub,
              root_pubkey: resultGroup.root_pubkey,
              curve: "secp256k1",
              threshold: target.threshold,
              participants: target.key_share_holders.map((h) => ({ node_id: h.tss_node_id })),
            },
          ]
        : [],
    failed_reasons: [...r.failed_reasons],
  };
}

function visibleTss(state: SandboxState, r: TssRequestRecord, nodeId: string): boolean {
  return r.status !== "PendingKeyHolderConfirmation" && isTssParticipant(tssRoles(state, r), nodeId);
}

/** TSS requests waiting for this node's approval. */
export function listPendingTss(state: SandboxState, nodeId: string): Record<string, unknown>[] {
  return state.tss_requests
    .filter((r) => r.status === "MPCProcessing" && !r.decisions[nodeId] && visibleTss(state, r, nodeId))
    .map((r) => relayTssView(state, r, nodeId));
}

/** The given TSS requests; 2101 if one is unknown to this node. */
export function getTssForNode(state: SandboxState, nodeId: string, ids: string[]): Record<string, unknown>[] {
  return ids.map((id) => {
    const r = state.tss_requests.find((x) => x.tss_request_id === id);
    if (!r || !visibleTss(state, r, nodeId)) throw relayNotFound("TSS request", id);
    return relayTssView(state, r, nodeId);
  });
}

/** One approval as a device sends it. */
export interface TssApprovalInput {
  tss_request_id: string;
  /** The device's share of the source group (reshare signers only). */
  share?: { tss_key_share_group_id: string; share: string } | undefined;
  /** X25519 public key the device wants its new share sealed to (target holders). */
  delivery_public_key?: string | undefined;
}

function openTssFor(state: SandboxState, nodeId: string, id: string): TssRequestRecord {
  const r = state.tss_requests.find((x) => x.tss_request_id === id);
  if (!r || !visibleTss(state, r, nodeId)) throw relayNotFound("TSS request", id);
  if (r.status !== "MPCProcessing") throw new CoboError(400, 2006, `TSS request ${id} is not waiting for approvals (status ${r.status})`);
  if (r.decisions[nodeId])
    throw new CoboError(400, 2006, `TSS request ${id} was already ${r.decisions[nodeId]?.decision ?? "answered"} by this node`);
  return r;
}

/** Records a device's approvals (all or nothing). */
export function approveTss(rt: Runtime, state: SandboxState, nodeId: string, items: TssApprovalInput[]): void {
  if (isInternalNode(state, nodeId)) throw new CoboError(403, 2025, "This node is run by the sandbox");
  const checked = items.map((item) => {
    const r = openTssFor(state, nodeId, item.tss_request_id);
    const roles = tssRoles(state, r);
    if (roles.target.includes(nodeId) && !item.delivery_public_key) {
      throw new CoboError(400, 2003, `Missing required parameter: delivery_public_key for ${r.tss_request_id}`);
    }
    if (isSourceParticipant(roles, nodeId)) {
      const expected = sourceTssGroupId(roles);
      if (!item.share || item.share.tss_key_share_group_id !== expected) {
        throw new CoboError(
          400,
          2003,
          `Missing required parameter: the key share of TSS key share group ${expected ?? "?"} for ${r.tss_request_id}`,
        );
      }
    }
    return { r, item };
  });
  for (const { r, item } of checked) {
    r.decisions[nodeId] = { node_id: nodeId, decision: "approved", at: Date.now() };
    if (item.delivery_public_key) r.delivery_keys[nodeId] = item.delivery_public_key;
    if (item.share) rt.submitted.set(r.tss_request_id, nodeId, item.share.share);
  }
}

/** Records a device's rejections (all or nothing). */
export function rejectTss(state: SandboxState, nodeId: string, ids: string[], reason: string): void {
  if (isInternalNode(state, nodeId)) throw new CoboError(403, 2025, "This node is run by the sandbox");
  const requests = ids.map((id) => openTssFor(state, nodeId, id));
  for (const r of requests) r.decisions[nodeId] = { node_id: nodeId, decision: "rejected", reason, at: Date.now() };
}

function txSdkStatus(tx: TransactionRecord, nodeId: string): number {
  switch (tx.status) {
    case "PendingSignature":
      return tx.decisions[nodeId] ? SdkStatus.processing : SdkStatus.approving;
    case "Broadcasting":
    case "Confirming":
    case "Completed":
      return SdkStatus.completed;
    case "Rejected":
      return tx.sub_status === "RejectedbyMobileCosigner" ? SdkStatus.declined : SdkStatus.canceled;
    case "Failed":
      return SdkStatus.failed;
    default:
      return SdkStatus.scheduling;
  }
}

function signerOf(state: SandboxState, tx: TransactionRecord, nodeId: string): boolean {
  const group = state.groups.find((g) => g.key_share_holder_group_id === tx.signer_group_id);
  return !!group && group.key_share_holders.some((h) => h.tss_node_id === nodeId && h.signer);
}

function visibleTx(state: SandboxState, tx: TransactionRecord, nodeId: string): boolean {
  if (tx.type !== "Withdrawal" || !signerOf(state, tx, nodeId)) return false;
  return tx.timeline.some((t) => t.status === "PendingSignature");
}

/** A transaction as the UCW SDK returns it to a device. */
export function relayTxView(tx: TransactionRecord, nodeId: string): Record<string, unknown> {
  const output = tx.destination.account_output;
  const amount = typeof output === "object" && output !== null && !Array.isArray(output) ? output.amount : undefined;
  return {
    transaction_id: tx.transaction_id,
    status: txSdkStatus(tx, nodeId),
    wallet_id: tx.wallet_id,
    chain_id: tx.chain_id,
    token_id: tx.token_id,
    from_address: tx.from_address,
    to_address: tx.to_address,
    amount: typeof amount === "string" ? amount : null,
    fee: tx.fee,
    key_share_holder_group_id: tx.signer_group_id,
    tss_key_share_group_id: tx.tss_key_share_group_id,
    my_decision: tx.decisions[nodeId]?.decision ?? null,
    sign_details: [
      {
        signature_type: 1,
        tss_protocol: 1,
        bip32_path_list: tx.sign_path ? [tx.sign_path] : [],
        msg_hash_list: tx.digest ? [tx.digest] : [],
      },
    ],
    results: tx.result
      ? [
          {
            signature_type: 1,
            tss_protocol: 1,
            signatures: [{ bip32_path: tx.sign_path, msg_hash: tx.digest, signature: tx.result.signature }],
          },
        ]
      : [],
    failed_reasons: tx.failed_reason && (tx.status === "Failed" || tx.status === "Rejected") ? [tx.failed_reason] : [],
  };
}

/** Withdrawals waiting for this node's signature approval. */
export function listPendingTx(state: SandboxState, nodeId: string): Record<string, unknown>[] {
  return state.transactions
    .filter((t) => t.status === "PendingSignature" && !t.decisions[nodeId] && visibleTx(state, t, nodeId))
    .map((t) => relayTxView(t, nodeId));
}

/** The given transactions; 2101 if one has not reached this node (yet). */
export function getTxForNode(state: SandboxState, nodeId: string, ids: string[]): Record<string, unknown>[] {
  return ids.map((id) => {
    const tx = state.transactions.find((t) => t.transaction_id === id);
    if (!tx || !visibleTx(state, tx, nodeId)) throw relayNotFound("Transaction", id);
    return relayTxView(tx, nodeId);
  });
}

function openTxFor(state: SandboxState, nodeId: string, id: string): TransactionRecord {
  const tx = state.transactions.find((t) => t.transaction_id === id);
  if (!tx || !visibleTx(state, tx, nodeId)) throw relayNotFound("Transaction", id);
  if (tx.status !== "PendingSignature")
    throw new CoboError(400, 2006, `Transaction ${id} is not waiting for signatures (status ${tx.status})`);
  if (tx.decisions[nodeId]) throw new CoboError(400, 2006, `Transaction ${id} was already answered by this node`);
  return tx;
}

/** Records a device's signature approvals with its key shares (all or nothing). */
export function approveTx(
  rt: Runtime,
  state: SandboxState,
  nodeId: string,
  items: { transaction_id: string; share: { tss_key_share_group_id: string; share: string } }[],
): void {
  if (isInternalNode(state, nodeId)) throw new CoboError(403, 2025, "This node is run by the sandbox");
  const checked = items.map((item) => {
    const tx = openTxFor(state, nodeId, item.transaction_id);
    if (item.share.tss_key_share_group_id !== tx.tss_key_share_group_id) {
      throw new CoboError(
        400,
        2006,
        `Transaction ${tx.transaction_id} is signed with TSS key share group ${tx.tss_key_share_group_id ?? "?"}`,
      );
    }
    return { tx, item };
  });
  for (const { tx, item } of checked) {
    tx.decisions[nodeId] = { node_id: nodeId, decision: "approved", at: Date.now() };
    rt.submitted.set(tx.transaction_id, nodeId, item.share.share);
  }
}

/** Records a device's rejections (all or nothing). */
export function rejectTx(state: SandboxState, nodeId: string, ids: string[], reason: string): void {
  if (isInternalNode(state, nodeId)) throw new CoboError(403, 2025, "This node is run by the sandbox");
  const txs = ids.map((id) => openTxFor(state, nodeId, id));
  for (const tx of txs) tx.decisions[nodeId] = { node_id: nodeId, decision: "rejected", reason, at: Date.now() };
}

/** Sealed key shares waiting for this node. */
export function listDeliveries(
  state: SandboxState,
  nodeId: string,
): { id: string; tss_request_id: string; tss_key_share_group_id: string; sealed: string }[] {
  return state.deliveries
    .filter((d) => d.node_id === nodeId)
    .map((d) => ({ id: d.id, tss_request_id: d.tss_request_id, tss_key_share_group_id: d.tss_key_share_group_id, sealed: d.sealed }));
}

/** Deletes deliveries the node has stored (the sandbox keeps no copy). */
export function ackDeliveries(state: SandboxState, nodeId: string, ids: string[]): number {
  const before = state.deliveries.length;
  state.deliveries = state.deliveries.filter((d) => !(d.node_id === nodeId && ids.includes(d.id)));
  return before - state.deliveries.length;
}
