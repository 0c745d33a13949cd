import type { DeviceKeyShare, DeviceSecrets } from "../crypto/device-secrets.js";
import { UCWRecoverKey } from "../crypto/recover-key.js";
import {
  exportRecoveryKeyShares as exportRecoveryKeySharesFile,
  exportSecrets as exportSecretsFile,
  importSecrets as importSecretsFile,
  initializeSecrets as initializeSecretsFile,
  loadSecrets,
  saveSecrets,
} from "../crypto/secrets-file.js";
import type { KdfCost } from "../crypto/passphrase-box.js";
import { deliveryKeyFromSeed, open as openSealed } from "../relay/sealed-box.js";
import { RelayClient, UCWError } from "./relay-client.js";

// A virtual UCW device, named after Cobo's UCW SDK (docs/cobo.md#ucw-sdk): it keeps its
// Secrets (node key + key shares) in a passphrase-encrypted file and talks to the
// sandbox's TSS relay. Like the SDK, it only knows Cobo's ids (TSS request and
// transaction ids). Shares produced for it arrive sealed to its delivery key and
// are stored in its Secrets file before the relay deletes them.

export { UCWError, UCWRecoverKey };
export type { DeviceKeyShare, DeviceSecrets };

/** SDKConfig of the virtual device. */
export interface UCWConfig {
  /** Origin of the sandbox (e.g. http://127.0.0.1:4010); the relay lives under /relay/v1. */
  relayUrl: string;
  /** Request timeout (ms). Default 15000. */
  timeout?: number;
  /** KDF cost for Secrets written by this device ("test" only in tests). */
  kdfCost?: KdfCost;
}

/** A TSS request as the SDK returns it (status is the SDK's integer, 130 = waiting for approval). */
export interface UCWTSSRequest {
  tss_request_id: string;
  status: number;
  type: string;
  vault_id: string;
  target_key_share_holder_group_id: string;
  source_key_share_holder_group_id: string | null;
  source_tss_key_share_group_id: string | null;
  is_target_holder: boolean;
  is_source_signer: boolean;
  threshold: number | null;
  participants: string[];
  my_decision: "approved" | "rejected" | null;
  results: {
    id: string;
    created_timestamp: number;
    type: number;
    root_extended_public_key: string;
    root_pubkey: string;
    curve: string;
    threshold: number;
    participants: { node_id: string }[];
  }[];
  failed_reasons: string[];
}

/** A transaction as the SDK returns it. */
export interface UCWTransaction {
  transaction_id: string;
  status: number;
  wallet_id: string;
  chain_id: string;
  token_id: string;
  from_address: string | null;
  to_address: string;
  amount: string | null;
  key_share_holder_group_id: string | null;
  tss_key_share_group_id: string | null;
  my_decision: "approved" | "rejected" | null;
  sign_details: { signature_type: number; tss_protocol: number; bip32_path_list: string[]; msg_hash_list: string[] }[];
  results: { signatures: { bip32_path: string; msg_hash: string; signature: string }[] }[];
  failed_reasons: string[];
}

/** Public metadata of a key share the device holds (never the share itself). */
export interface UCWKeyShareGroup {
  tssKeyShareGroupId: string;
  keyShareHolderGroupId: string;
  rootPubkey: string;
  threshold: number;
  participants: number;
  curve: "SECP256K1";
  createdAt: number;
}

/** Creates a new node identity in a new encrypted Secrets file; returns its TSS node id. */
export function initializeSecrets(secretsFile: string, passphrase: string, opts?: { kdfCost?: KdfCost }): Promise<string> {
  return initializeSecretsFile(secretsFile, passphrase, opts?.kdfCost ? { cost: opts.kdfCost } : undefined);
}

/** Restores exported Secrets into a new Secrets file (a second device becomes the same node). */
export function importSecrets(
  exported: string,
  exportPassphrase: string,
  secretsFile: string,
  newPassphrase: string,
  opts?: { kdfCost?: KdfCost },
): Promise<string> {
  return importSecretsFile(exported, exportPassphrase, secretsFile, newPassphrase, opts?.kdfCost ? { cost: opts.kdfCost } : undefined);
}

/** The UCW SDK's main class, for one device. */
export class UCW {
  private readonly relay: RelayClient;

  private constructor(
    private readonly config: UCWConfig,
    private readonly secretsFile: string,
    private readonly passphrase: string,
    private secrets: DeviceSecrets,
  ) {
    this.relay = new RelayClient(
      config.relayUrl,
      { nodeId: secrets.nodeId, publicKey: secrets.nodeKey.publicKey, seed: secrets.nodeKey.seed },
      config.timeout ?? 15_000,
    );
  }

  /** Opens the device: decrypts its Secrets file with the passphrase. */
  static async open(config: UCWConfig, secretsFile: string, passphrase: string): Promise<UCW> {
    const secrets = await loadSecrets(secretsFile, passphrase);
    return new UCW(config, secretsFile, passphrase, secrets);
  }

  /** This device's TSS node id. */
  getTSSNodeID(): string {
    return this.secrets.nodeId;
  }

  /** The TSS key share groups this device holds shares of (metadata only). */
  listTSSKeyShareGroups(): UCWKeyShareGroup[] {
    return Object.values(this.secrets.keyShares).map(({ share: _share, ...meta }) => meta);
  }

  /** Fetches key shares the relay produced for this device, stores them, then lets the relay delete them. */
  async syncKeyShares(): Promise<number> {
    const res = await this.relay.get<{ data: { id: string; tss_key_share_group_id: string; sealed: string }[] }>("/relay/v1/deliveries");
    if (res.data.length === 0) return 0;
    const key = deliveryKeyFromSeed(this.secrets.nodeKey.seed);
    const next: DeviceSecrets = { ...this.secrets, keyShares: { ...this.secrets.keyShares } };
    for (const d of res.data) {
      const delivered = JSON.parse(openSealed(key, d.sealed)) as DeviceKeyShare & Record<string, unknown>;
      const entry: DeviceKeyShare = {
        keyShareHolderGroupId: delivered.keyShareHolderGroupId,
        tssKeyShareGroupId: delivered.tssKeyShareGroupId,
        share: delivered.share,
        rootPubkey: delivered.rootPubkey,
        threshold: delivered.threshold,
        participants: delivered.participants,
        curve: delivered.curve,
        createdAt: delivered.createdAt,
      };
      if (entry.tssKeyShareGroupId !== d.tss_key_share_group_id) throw new Error("sealed key share does not match its delivery");
      next.keyShares[entry.tssKeyShareGroupId] = entry;
    }
    await saveSecrets(this.secretsFile, this.passphrase, next, this.config.kdfCost ? { cost: this.config.kdfCost } : undefined);
    this.secrets = next;
    await this.relay.post("/relay/v1/deliveries/ack", { ids: res.data.map((d) => d.id) });
    return res.data.length;
  }

  /** TSS requests waiting for this device's approval. */
  async listPendingTSSRequests(): Promise<UCWTSSRequest[]> {
    await this.syncKeyShares();
    return (await this.relay.get<{ data: UCWTSSRequest[] }>("/relay/v1/tss_requests/pending")).data;
  }

  /** The given TSS requests (UCWError 2101 while the relay does not have one yet). */
  async getTSSRequests(ids: string[]): Promise<UCWTSSRequest[]> {
    await this.syncKeyShares();
    return (await this.relay.get<{ data: UCWTSSRequest[] }>("/relay/v1/tss_requests", { ids: ids.join(",") })).data;
  }

  /** Approves TSS requests; as a reshare source the device contributes its share, as a target it gives its delivery key. */
  async approveTSSRequests(ids: string[]): Promise<UCWTSSRequest[]> {
    const requests = await this.getTSSRequests(ids);
    const delivery = deliveryKeyFromSeed(this.secrets.nodeKey.seed).publicKeyHex;
    const items = requests.map((r) => {
      const item: { tss_request_id: string; delivery_public_key?: string; share?: { tss_key_share_group_id: string; share: string } } = {
        tss_request_id: r.tss_request_id,
      };
      if (r.is_target_holder) item.delivery_public_key = delivery;
      if (r.is_source_signer && r.source_tss_key_share_group_id) {
        const entry = this.secrets.keyShares[r.source_tss_key_share_group_id];
        if (!entry) throw new UCWError(2006, `this device holds no key share of TSS key share group ${r.source_tss_key_share_group_id}`, 0);
        item.share = { tss_key_share_group_id: entry.tssKeyShareGroupId, share: entry.share };
      }
      return item;
    });
    return (await this.relay.post<{ data: UCWTSSRequest[] }>("/relay/v1/tss_requests/approve", { items })).data;
  }

  /** Rejects TSS requests with a reason. */
  async rejectTSSRequests(ids: string[], reason: string): Promise<UCWTSSRequest[]> {
    return (await this.relay.post<{ data: UCWTSSRequest[] }>("/relay/v1/tss_requests/reject", { tss_request_ids: ids, reason })).data;
  }

  /** Withdrawals waiting for this device's signature approval. */
  async listPendingTransactions(): Promise<UCWTransaction[]> {
    await this.syncKeyShares();
    return (await this.relay.get<{ data: UCWTransaction[] }>("/relay/v1/transactions/pending")).data;
  }

  /** The given transactions (UCWError 2101 until a transaction reaches signing). */
  async getTransactions(ids: string[]): Promise<UCWTransaction[]> {
    return (await this.relay.get<{ data: UCWTransaction[] }>("/relay/v1/transactions", { ids: ids.join(",") })).data;
  }

  /** Approves transactions: the device takes part in signing with its key share. */
  async approveTransactions(ids: string[]): Promise<UCWTransaction[]> {
    await this.syncKeyShares();
    const txs = await this.getTransactions(ids);
    const items = txs.map((t) => {
      const groupId = t.tss_key_share_group_id ?? "";
      const entry = this.secrets.keyShares[groupId];
      if (!entry) throw new UCWError(2006, `this device holds no key share of TSS key share group ${groupId}`, 0);
      return { transaction_id: t.transaction_id, share: { tss_key_share_group_id: groupId, share: entry.share } };
    });
    return (await this.relay.post<{ data: UCWTransaction[] }>("/relay/v1/transactions/approve", { items })).data;
  }

  /** Rejects transactions with a reason. */
  async rejectTransactions(ids: string[], reason: string): Promise<UCWTransaction[]> {
    return (await this.relay.post<{ data: UCWTransaction[] }>("/relay/v1/transactions/reject", { transaction_ids: ids, reason })).data;
  }

  /** Exports the whole Secrets encrypted with `passphrase` (backup for another device). */
  exportSecrets(passphrase: string): string {
    return exportSecretsFile(this.secrets, passphrase, this.config.kdfCost ? { cost: this.config.kdfCost } : undefined);
  }

  /** Exports this device's shares of the given TSS key share groups for offline disaster recovery. */
  exportRecoveryKeyShares(tssKeyShareGroupIds: string[], passphrase: string): string {
    return exportRecoveryKeySharesFile(
      this.secrets,
      tssKeyShareGroupIds,
      passphrase,
      this.config.kdfCost ? { cost: this.config.kdfCost } : undefined,
    );
  }
}
