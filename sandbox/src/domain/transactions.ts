import { randomBytes, randomUUID } from "node:crypto";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { isEvmChainId, isValidAddress } from "../crypto/chains.js";
import { combineShares } from "../crypto/shares.js";
import { signDigest, transactionDigest } from "../crypto/signing.js";
import { CoboError, ErrorCode, invalidParam, notFound } from "../http/errors.js";
import type { JsonObject, SandboxState, TransactionRecord, TransactionStatus } from "../state/types.js";
import { formatAmount, parseAmount } from "./amounts.js";
import { addressUsableOn, findChain, findToken, resolveFee, type FeeLevel, type RequestedFee } from "./catalog.js";
import { getGroup, getVault } from "./mpc.js";
import { emit, isInternalNode, linkedCallbackUrl, type Runtime } from "./runtime.js";
import { transactionWire } from "./serializers.js";
import { availableShare, secpKeyShareGroup } from "./tss-engine.js";
import { availableBase, balanceOf, findWalletAddress, sameAddress } from "./wallets.js";

// Transfers and deposits (docs/cobo.md#transactions, docs/cobo.md#flows). A withdrawal goes Submitted →
// PendingScreening → PendingAuthorization (risk-control callback) →
// PendingSignature (PendingApprovalStart; devices approve through the relay) →
// Broadcasting → Confirming → Completed, or ends Failed / Rejected with a
// sub-status. A deposit is created Confirming and completes after the chain's
// confirmations. Amounts are locked at submit and debited on completion.

const TERMINAL: readonly TransactionStatus[] = ["Completed", "Failed", "Rejected"];

/** Whether a transaction has reached a final status. */
export function isTerminal(tx: TransactionRecord): boolean {
  return TERMINAL.includes(tx.status);
}

/** Finds a transaction or throws 404. */
export function getTransaction(state: SandboxState, transactionId: string): TransactionRecord {
  const tx = state.transactions.find((t) => t.transaction_id === transactionId);
  if (!tx) throw notFound("Transaction");
  return tx;
}

/** Moves a transaction to `status` and emits `updated` (+ `succeeded` / `failed`). */
export function setTxStatus(
  rt: Runtime,
  state: SandboxState,
  tx: TransactionRecord,
  status: TransactionStatus,
  subStatus: string | null = null,
): void {
  const now = Date.now();
  const changed = tx.status !== status || tx.sub_status !== subStatus;
  if (tx.status !== status) {
    const current = tx.timeline[tx.timeline.length - 1];
    if (current && !current.finished) {
      current.finished = true;
      current.finished_timestamp = now;
    }
    tx.timeline.push(TERMINAL.includes(status) ? { status, finished: true, finished_timestamp: now } : { status, finished: false });
  }
  tx.status = status;
  tx.sub_status = subStatus;
  tx.updated_timestamp = now;
  if (!changed) return;
  const data: JsonObject = { data_type: "Transaction", ...transactionWire(tx) };
  emit(rt, state, "wallets.transaction.updated", data);
  if (status === "Completed") emit(rt, state, "wallets.transaction.succeeded", data);
  if (status === "Failed" || status === "Rejected") emit(rt, state, "wallets.transaction.failed", data);
}

/** Emits an `updated` event for a change that kept the status (e.g. a confirmation). */
function touch(rt: Runtime, state: SandboxState, tx: TransactionRecord): void {
  tx.updated_timestamp = Date.now();
  emit(rt, state, "wallets.transaction.updated", { data_type: "Transaction", ...transactionWire(tx) });
}

function lockFor(state: SandboxState, tx: TransactionRecord, sign: 1n | -1n): void {
  if (!tx.from_address) return;
  const amounts = new Map<string, bigint>([[tx.token_id, BigInt(tx.amount_base)]]);
  amounts.set(tx.fee_token_id, (amounts.get(tx.fee_token_id) ?? 0n) + BigInt(tx.fee_base));
  for (const [tokenId, amount] of amounts) {
    const b = balanceOf(state, tx.wallet_id, tx.from_address, tokenId);
    b.locked = (BigInt(b.locked) + sign * amount).toString();
  }
}

function unlock(state: SandboxState, tx: TransactionRecord): void {
  if (!tx.locked) return;
  lockFor(state, tx, -1n);
  tx.locked = false;
}

/** The body of TransferParams after zod. */
export interface TransferInput {
  request_id: string;
  source: {
    source_type: string;
    wallet_id: string;
    address?: string | undefined;
    included_utxos?: unknown[] | undefined;
    excluded_utxos?: unknown[] | undefined;
  };
  token_id: string;
  destination: {
    destination_type: string;
    account_output?: { address: string; memo?: string | undefined; amount: string } | undefined;
    utxo_outputs?: unknown[] | undefined;
    change_address?: string | undefined;
  };
  category_names?: string[] | undefined;
  description?: string | undefined;
  fee?: RequestedFee | undefined;
  fee_level?: FeeLevel | undefined;
}

/** Creates a withdrawal (createTransferTransaction) after Cobo's checks; emits `created`. */
export function createTransfer(rt: Runtime, state: SandboxState, input: TransferInput, initiator: string): TransactionRecord {
  if (input.request_id.trim() === "") throw new CoboError(400, ErrorCode.requestIdInvalid, "The request_id is missing or invalid");
  if (state.transactions.some((t) => t.request_id === input.request_id)) {
    throw new CoboError(400, ErrorCode.duplicateRequestId, `Duplicate request_id: ${input.request_id} has already been used`);
  }
  if (input.source.source_type !== "User-Controlled") {
    throw new CoboError(400, 30003, "The wallet type does not support this transfer: source_type must be User-Controlled");
  }
  const wallet = state.wallets.find((w) => w.wallet_id === input.source.wallet_id);
  if (!wallet) throw new CoboError(400, ErrorCode.sourceWalletInvalid, "The source wallet does not exist");
  const token = findToken(input.token_id);
  const chain = token ? findChain(token.chain_id) : undefined;
  if (!token || !chain) throw new CoboError(400, ErrorCode.tokenNotEnabled, `The token ${input.token_id} has not been enabled`);
  if (!token.can_withdraw) throw new CoboError(400, 30025, "Withdrawals are unavailable for this token");
  if ((input.source.included_utxos?.length ?? 0) > 0 || (input.source.excluded_utxos?.length ?? 0) > 0) {
    throw invalidParam("Invalid parameter source: UTXO selection (included_utxos / excluded_utxos) is not supported by the sandbox");
  }
  if (input.destination.destination_type !== "Address") {
    throw invalidParam("Invalid parameter destination.destination_type: the sandbox transfers to addresses only");
  }
  const output = input.destination.account_output;
  if (!output) {
    if (input.destination.utxo_outputs) throw invalidParam("Invalid parameter destination.utxo_outputs: use account_output in the sandbox");
    throw new CoboError(400, ErrorCode.missingParameter, "Missing required parameter: destination.account_output");
  }
  if (!isValidAddress(chain.chain_id, output.address)) {
    throw new CoboError(400, ErrorCode.destinationAddressInvalid, `The destination address is not a valid ${chain.chain_id} address`);
  }
  const amount = parseAmount(output.amount, token.decimal);
  if (amount === null || amount <= 0n) throw new CoboError(400, ErrorCode.invalidAmount, "Invalid amount");
  const dust = parseAmount(token.dust_threshold, token.decimal) ?? 0n;
  if (amount < dust) throw new CoboError(400, ErrorCode.amountBelowDust, "The amount is below the token's dust threshold");
  if ((input.description ?? "").length > 100)
    throw new CoboError(400, ErrorCode.descriptionTooLong, "The description exceeds 100 characters");
  const categories = input.category_names ?? [];
  if (categories.length > 5) throw new CoboError(400, 30016, "At most 5 transaction categories");
  if (categories.some((c) => c.length > 30)) throw new CoboError(400, 30017, "A category name exceeds 30 characters");

  const vault = getVault(state, wallet.vault_id);
  const group = vault.active_main_group_id ? getGroup(state, vault.vault_id, vault.active_main_group_id) : null;
  const tssGroup = secpKeyShareGroup(group);
  if (!group || group.status !== "Valid" || !tssGroup) {
    throw new CoboError(400, ErrorCode.noSigningGroup, "No key share holder group is available for signing in this MPC Wallet");
  }

  const fee = resolveFee(token, input.fee, input.fee_level);
  const needSameToken = fee.feeTokenId === token.token_id ? amount + fee.base : amount;
  let fromAddress: string;
  if (input.source.address !== undefined) {
    const rec = findWalletAddress(state, wallet.wallet_id, chain.chain_id, input.source.address);
    if (!rec) throw new CoboError(400, ErrorCode.sourceAddressInvalid, "The source address does not belong to the wallet on this chain");
    fromAddress = rec.address;
  } else {
    const candidates = state.addresses.filter((a) => a.wallet_id === wallet.wallet_id && addressUsableOn(a.chain_id, chain.chain_id));
    const best = candidates
      .map((a) => ({ a, avail: availableBase(state, wallet.wallet_id, a.address, token.token_id) }))
      .sort((x, y) => (y.avail > x.avail ? 1 : y.avail < x.avail ? -1 : 0))[0];
    if (!best) throw new CoboError(400, ErrorCode.insufficientBalance, "The transfer amount exceeds the wallet's available balance");
    fromAddress = best.a.address;
  }
  if (availableBase(state, wallet.wallet_id, fromAddress, token.token_id) < needSameToken) {
    throw new CoboError(400, ErrorCode.insufficientBalance, "The transfer amount exceeds the wallet's available balance");
  }
  if (fee.feeTokenId !== token.token_id && availableBase(state, wallet.wallet_id, fromAddress, fee.feeTokenId) < fee.base) {
    throw new CoboError(400, ErrorCode.insufficientFeeBalance, "The fee token balance is insufficient to cover the transaction fee");
  }
  const fromRecord = findWalletAddress(state, wallet.wallet_id, chain.chain_id, fromAddress);
  if (!fromRecord) throw new CoboError(400, ErrorCode.sourceAddressInvalid, "The source address does not belong to the wallet");

  const now = Date.now();
  const usedNonce = isEvmChainId(chain.chain_id)
    ? state.transactions.filter(
        (t) => t.type === "Withdrawal" && t.from_address === fromAddress && t.chain_id === chain.chain_id && t.result !== null,
      ).length
    : undefined;
  const transactionId = randomUUID();
  const digest = transactionDigest({
    transaction_id: transactionId,
    request_id: input.request_id,
    chain_id: chain.chain_id,
    token_id: token.token_id,
    from: fromAddress,
    to: output.address,
    amount: formatAmount(amount, token.decimal),
    fee: fee.base.toString(),
  });
  const tx: TransactionRecord = {
    transaction_id: transactionId,
    cobo_id: `${now}${randomBytes(4).readUInt32BE(0).toString().padStart(10, "0")}`,
    request_id: input.request_id,
    wallet_id: wallet.wallet_id,
    type: "Withdrawal",
    status: "Submitted",
    sub_status: null,
    failed_reason: null,
    chain_id: chain.chain_id,
    token_id: token.token_id,
    source: {
      source_type: "User-Controlled",
      wallet_id: wallet.wallet_id,
      address: fromAddress,
      signer_key_share_holder_group_id: group.key_share_holder_group_id,
    },
    destination: {
      destination_type: "Address",
      account_output: {
        address: output.address,
        ...(output.memo ? { memo: output.memo } : {}),
        amount: formatAmount(amount, token.decimal),
      },
      ...(input.destination.change_address ? { change_address: input.destination.change_address } : {}),
    },
    result: null,
    fee: { ...fee.wire },
    initiator,
    initiator_type: "API",
    confirmed_num: null,
    confirming_threshold: chain.confirming_threshold,
    transaction_hash: null,
    block_info: null,
    raw_tx_info: usedNonce !== undefined ? { used_nonce: usedNonce } : null,
    category: categories,
    description: input.description ?? "",
    created_timestamp: now,
    updated_timestamp: now,
    timeline: [{ status: "Submitted", finished: false }],
    amount_base: amount.toString(),
    fee_base: fee.base.toString(),
    fee_token_id: fee.feeTokenId,
    from_address: fromAddress,
    to_address: output.address,
    signer_group_id: group.key_share_holder_group_id,
    tss_key_share_group_id: tssGroup.tss_key_share_group_id,
    sign_path: fromRecord.path,
    sign_pubkey: fromRecord.pubkey,
    digest,
    decisions: {},
    callback_message_id: null,
    locked: true,
  };
  state.transactions.push(tx);
  lockFor(state, tx, 1n);
  emit(rt, state, "wallets.transaction.created", { data_type: "Transaction", ...transactionWire(tx) });
  return tx;
}

/** Simulates an incoming deposit to a sandbox address (control API). */
export function createDeposit(
  rt: Runtime,
  state: SandboxState,
  input: {
    address: string;
    amount: string;
    token_id?: string | undefined;
    chain_id?: string | undefined;
    from_address?: string | undefined;
  },
): TransactionRecord {
  // An EVM address receives on every EVM chain: a deposit of a TBSC_BNB token to an address made on SETH.
  const wantedChain = input.chain_id ?? (input.token_id ? findToken(input.token_id)?.chain_id : undefined);
  const candidates = state.addresses.filter(
    (a) => (wantedChain === undefined || addressUsableOn(a.chain_id, wantedChain)) && sameAddress(a.chain_id, a.address, input.address),
  );
  const rec = candidates[0];
  if (!rec) throw notFound("Address");
  const chainId = wantedChain ?? rec.chain_id;
  const chain = findChain(chainId);
  const token = findToken(input.token_id ?? chainId);
  if (!chain || !token || token.chain_id !== chain.chain_id) throw invalidParam(`Invalid parameter token_id: not a token of ${chainId}`);
  const amount = parseAmount(input.amount, token.decimal);
  if (amount === null || amount <= 0n) throw new CoboError(400, ErrorCode.invalidAmount, "Invalid amount");
  const from = input.from_address ?? externalAddress(chain.chain_id);
  return insertDeposit(rt, state, {
    walletId: rec.wallet_id,
    address: rec.address,
    chainId: chain.chain_id,
    tokenId: token.token_id,
    amount,
    from,
    decimals: token.decimal,
    confirmingThreshold: chain.confirming_threshold,
    txHash: randomHash(chain.chain_id),
  });
}

function insertDeposit(
  rt: Runtime,
  state: SandboxState,
  d: {
    walletId: string;
    address: string;
    chainId: string;
    tokenId: string;
    amount: bigint;
    from: string;
    decimals: number;
    confirmingThreshold: number;
    txHash: string;
  },
): TransactionRecord {
  const now = Date.now();
  const height = (state.block_heights[d.chainId] ?? 1_000_000) + 1;
  state.block_heights[d.chainId] = height;
  const tx: TransactionRecord = {
    transaction_id: randomUUID(),
    cobo_id: `${now}${randomBytes(4).readUInt32BE(0).toString().padStart(10, "0")}`,
    request_id: "",
    wallet_id: d.walletId,
    type: "Deposit",
    status: "Confirming",
    sub_status: "PendingBlockConfirmations",
    failed_reason: null,
    chain_id: d.chainId,
    token_id: d.tokenId,
    source: { source_type: "DepositFromAddress", addresses: [d.from] },
    destination: {
      destination_type: "DepositToAddress",
      wallet_id: d.walletId,
      wallet_type: "MPC",
      wallet_subtype: "User-Controlled",
      address: d.address,
      amount: formatAmount(d.amount, d.decimals),
    },
    result: null,
    fee: null,
    initiator: "",
    initiator_type: "External",
    confirmed_num: 0,
    confirming_threshold: d.confirmingThreshold,
    transaction_hash: d.txHash,
    block_info: { block_number: height, block_timestamp: now, block_hash: randomHash("XTN") },
    raw_tx_info: null,
    category: [],
    description: "",
    created_timestamp: now,
    updated_timestamp: now,
    timeline: [{ status: "Confirming", finished: false }],
    amount_base: d.amount.toString(),
    fee_base: "0",
    fee_token_id: d.tokenId,
    from_address: null,
    to_address: d.address,
    signer_group_id: null,
    tss_key_share_group_id: null,
    sign_path: null,
    sign_pubkey: null,
    digest: null,
    decisions: {},
    callback_message_id: null,
    locked: false,
  };
  state.transactions.push(tx);
  emit(rt, state, "wallets.transaction.created", { data_type: "Transaction", ...transactionWire(tx) });
  return tx;
}

function randomHash(chainId: string): string {
  const hex = randomBytes(32).toString("hex");
  return isEvmChainId(chainId) ? `0x${hex}` : hex;
}

function externalAddress(chainId: string): string {
  if (isEvmChainId(chainId)) return `0x${randomBytes(20).toString("hex")}`;
  if (chainId === "SOLDEV_SOL") return "SandboxFaucet11111111111111111111111111111";
  return "tb1qsandboxfaucet0000000000000000000000000";
}

/** Cobo's holder and sandbox co-signers that are designated signers of the signer group approve by themselves. */
function autoApproveSignature(state: SandboxState, tx: TransactionRecord): void {
  const group = state.groups.find((g) => g.key_share_holder_group_id === tx.signer_group_id);
  if (!group || !tx.tss_key_share_group_id) return;
  for (const h of group.key_share_holders) {
    if (!h.signer || !isInternalNode(state, h.tss_node_id) || tx.decisions[h.tss_node_id]) continue;
    const held = state.held_shares[h.tss_node_id]?.some((s) => s.tss_key_share_group_id === tx.tss_key_share_group_id);
    if (held) tx.decisions[h.tss_node_id] = { node_id: h.tss_node_id, decision: "approved", at: Date.now() };
  }
}

/** Moves a withdrawal to PendingSignature (approval waiting to be started). */
export function enterPendingSignature(rt: Runtime, state: SandboxState, tx: TransactionRecord): void {
  setTxStatus(rt, state, tx, "PendingSignature", "PendingApprovalStart");
  autoApproveSignature(state, tx);
}

/** Rejects a withdrawal (device rejection, callback deny) and releases its lock. */
export function rejectTransaction(rt: Runtime, state: SandboxState, tx: TransactionRecord, subStatus: string, reason: string): void {
  unlock(state, tx);
  tx.failed_reason = reason;
  setTxStatus(rt, state, tx, "Rejected", subStatus);
  rt.submitted.clear(tx.transaction_id);
}

/** Withdrawal statuses Cobo lets cancelTransactionById stop (nothing is signed or broadcast yet). */
export const CANCELLABLE_STATUSES: readonly TransactionStatus[] = [
  "Submitted",
  "PendingScreening",
  "PendingAuthorization",
  "PendingSignature",
];

/**
 * Cancels a withdrawal that is still pending (cancelTransactionById): it ends Rejected with
 * sub-status CanceledByAPI, its lock is released and a pending risk-control callback no longer
 * moves it. Anything else (a deposit, or a withdrawal already signed or final) is refused.
 */
export function cancelTransaction(rt: Runtime, state: SandboxState, transactionId: string): TransactionRecord {
  const tx = getTransaction(state, transactionId);
  if (tx.type !== "Withdrawal") throw invalidParam(`Invalid parameter transaction_id: a ${tx.type} transaction cannot be cancelled`);
  if (!CANCELLABLE_STATUSES.includes(tx.status)) throw invalidParam(`The transaction cannot be cancelled in status ${tx.status}`);
  rejectTransaction(rt, state, tx, "CanceledByAPI", "Cancelled by API");
  return tx;
}

/** Fails a withdrawal and releases its lock. */
export function failTransaction(rt: Runtime, state: SandboxState, tx: TransactionRecord, subStatus: string, reason: string): void {
  unlock(state, tx);
  tx.failed_reason = reason;
  setTxStatus(rt, state, tx, "Failed", subStatus);
  rt.submitted.clear(tx.transaction_id);
}

/** Designated signers (`signer: true`) that approved and whose share is at hand. */
export function readySigners(rt: Runtime, state: SandboxState, tx: TransactionRecord): string[] {
  const group = state.groups.find((g) => g.key_share_holder_group_id === tx.signer_group_id);
  if (!group || !tx.tss_key_share_group_id) return [];
  const tssGroupId = tx.tss_key_share_group_id;
  return group.key_share_holders
    .filter((h) => h.signer)
    .map((h) => h.tss_node_id)
    .filter((n) => tx.decisions[n]?.decision === "approved" && availableShare(rt, state, tx.transaction_id, n, tssGroupId) !== undefined);
}

/** One step of every open transaction; returns ids ready to be signed. */
export function advanceTransactions(rt: Runtime, state: SandboxState): string[] {
  const toSign: string[] = [];
  const callbackUrl = linkedCallbackUrl(rt);
  for (const tx of state.transactions) {
    if (isTerminal(tx)) continue;
    switch (tx.status) {
      case "Submitted":
        setTxStatus(rt, state, tx, "PendingScreening");
        break;
      case "PendingScreening":
        if (callbackUrl) {
          setTxStatus(rt, state, tx, "PendingAuthorization", "PendingRiskControlCheck");
          createCallbackMessage(rt, state, tx, callbackUrl);
        } else {
          setTxStatus(rt, state, tx, "PendingAuthorization");
        }
        break;
      case "PendingAuthorization":
        if (tx.callback_message_id === null) enterPendingSignature(rt, state, tx);
        break;
      case "PendingSignature": {
        const rejected = Object.values(tx.decisions).find((d) => d.decision === "rejected");
        if (rejected) {
          rejectTransaction(
            rt,
            state,
            tx,
            "RejectedbyMobileCosigner",
            `TSS node ${rejected.node_id} rejected the transaction${rejected.reason ? `: ${rejected.reason}` : ""}`,
          );
          break;
        }
        autoApproveSignature(state, tx);
        const group = state.groups.find((g) => g.key_share_holder_group_id === tx.signer_group_id);
        if (group && readySigners(rt, state, tx).length >= group.threshold) toSign.push(tx.transaction_id);
        break;
      }
      case "Broadcasting": {
        const height = (state.block_heights[tx.chain_id] ?? 1_000_000) + 1;
        state.block_heights[tx.chain_id] = height;
        tx.confirmed_num = 0;
        tx.block_info = { block_number: height, block_timestamp: Date.now(), block_hash: randomHash("XTN") };
        setTxStatus(rt, state, tx, "Confirming", "PendingBlockConfirmations");
        break;
      }
      case "Confirming": {
        tx.confirmed_num = (tx.confirmed_num ?? 0) + 1;
        if (tx.confirmed_num >= tx.confirming_threshold) complete(rt, state, tx);
        else touch(rt, state, tx);
        break;
      }
      default:
        break;
    }
  }
  return toSign;
}

function complete(rt: Runtime, state: SandboxState, tx: TransactionRecord): void {
  if (tx.type === "Deposit") {
    const b = balanceOf(state, tx.wallet_id, tx.to_address, tx.token_id);
    b.total = (BigInt(b.total) + BigInt(tx.amount_base)).toString();
    setTxStatus(rt, state, tx, "Completed");
    return;
  }
  unlock(state, tx);
  if (tx.from_address) {
    const b = balanceOf(state, tx.wallet_id, tx.from_address, tx.token_id);
    b.total = (BigInt(b.total) - BigInt(tx.amount_base)).toString();
    const f = balanceOf(state, tx.wallet_id, tx.from_address, tx.fee_token_id);
    f.total = (BigInt(f.total) - BigInt(tx.fee_base)).toString();
  }
  const feeToken = findToken(tx.fee_token_id);
  if (tx.fee && feeToken) {
    tx.fee = { ...tx.fee, fee_used: formatAmount(BigInt(tx.fee_base), feeToken.decimal) };
    if (tx.fee.fee_type === "EVM_EIP_1559")
      tx.fee = { ...tx.fee, gas_used: "21000", effective_gas_price: String(tx.fee.max_fee_per_gas ?? "") };
    if (tx.fee.fee_type === "EVM_Legacy") tx.fee = { ...tx.fee, gas_used: "21000" };
  }
  setTxStatus(rt, state, tx, "Completed");
  // A transfer to another sandbox address arrives there as a deposit.
  const dest = state.addresses.find((a) => a.chain_id === tx.chain_id && sameAddress(a.chain_id, a.address, tx.to_address));
  const token = findToken(tx.token_id);
  const chain = findChain(tx.chain_id);
  if (dest && token && chain && tx.from_address && tx.transaction_hash) {
    insertDeposit(rt, state, {
      walletId: dest.wallet_id,
      address: dest.address,
      chainId: tx.chain_id,
      tokenId: tx.token_id,
      amount: BigInt(tx.amount_base),
      from: tx.from_address,
      decimals: token.decimal,
      confirmingThreshold: chain.confirming_threshold,
      txHash: tx.transaction_hash,
    });
  }
}

/** Combines the approving signers' shares and signs a withdrawal's digest. */
export async function signTransaction(rt: Runtime, transactionId: string): Promise<void> {
  const state = rt.store.state;
  const tx = state.transactions.find((t) => t.transaction_id === transactionId);
  if (!tx || tx.status !== "PendingSignature" || !tx.tss_key_share_group_id || !tx.digest || !tx.sign_path) return;
  const tssGroupId = tx.tss_key_share_group_id;
  const group = state.groups.find((g) => g.key_share_holder_group_id === tx.signer_group_id);
  const tssGroup = group?.tss_key_share_groups.find((t) => t.tss_key_share_group_id === tssGroupId);
  let signature: string | null = null;
  let failure: string | null = null;
  try {
    if (!group || !tssGroup) throw new Error("signer group missing");
    const shares = readySigners(rt, state, tx)
      .slice(0, group.threshold)
      .map((n) => availableShare(rt, state, tx.transaction_id, n, tssGroupId))
      .filter((s): s is string => s !== undefined);
    const xprv = await combineShares(shares, tssGroup.root_pubkey);
    const signed = signDigest(xprv, tx.sign_path, tx.digest);
    if (tx.sign_pubkey && signed.pubkey !== tx.sign_pubkey) throw new Error("the signing key does not match the source address");
    signature = signed.signature;
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
  }
  await rt.store.mutate((s) => {
    const current = s.transactions.find((t) => t.transaction_id === transactionId);
    if (!current || current.status !== "PendingSignature") return;
    if (signature === null) {
      failTransaction(rt, s, current, "FailedBySigner", `Signing failed: ${failure ?? "unknown error"}`);
      return;
    }
    current.result = { result_type: "Signature", signature };
    current.transaction_hash = transactionHash(current.chain_id, signature, current.digest ?? "");
    setTxStatus(rt, s, current, "Broadcasting");
  });
  rt.submitted.clear(transactionId);
}

function transactionHash(chainId: string, signature: string, digest: string): string {
  const bytes = hexToBytes(signature + digest);
  return isEvmChainId(chainId) ? `0x${bytesToHex(keccak_256(bytes))}` : bytesToHex(sha256(sha256(bytes)).reverse());
}

/** Records the callback message for a withdrawal waiting for risk control. */
function createCallbackMessage(rt: Runtime, state: SandboxState, tx: TransactionRecord, url: string): void {
  const now = Date.now();
  const id = randomUUID();
  state.callback_messages.push({
    id,
    created_timestamp: now,
    updated_timestamp: now,
    request_id: tx.request_id,
    transaction_id: tx.transaction_id,
    wallet_id: tx.wallet_id,
    url,
    data: transactionWire(tx),
    status: "Pending",
    result: null,
    attempts: 0,
    max_attempts: rt.config.callbackMaxAttempts,
    next_attempt_at: now,
  });
  tx.callback_message_id = id;
}

/** Undoes device approvals whose shares were lost in a restart (memory only). */
export function forgetUnbackedSignatures(rt: Runtime, state: SandboxState): void {
  for (const tx of state.transactions) {
    if (tx.status !== "PendingSignature" || !tx.tss_key_share_group_id) continue;
    for (const [node, d] of Object.entries(tx.decisions)) {
      if (d.decision === "approved" && availableShare(rt, state, tx.transaction_id, node, tx.tss_key_share_group_id) === undefined) {
        delete tx.decisions[node];
      }
    }
  }
}
