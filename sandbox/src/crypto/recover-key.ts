// Offline disaster recovery, named after the UCW SDK's UCWRecoverKey: collect enough
// exported recovery key shares of one TSS key share group, rebuild the root private
// key, and derive the private keys of the given addresses' BIP32 paths.
import { HDKey } from "@scure/bip32";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { openWithPassphrase } from "./passphrase-box";
import { parseRecoveryExport } from "./recovery-export";
import { combineShares, parseShareInfo, type ShareInfo } from "./shares";
import type { DeviceKeyShare } from "./device-secrets";

export type RecoveredKeys = {
  rootExtendedPrivateKey: string;
  rootPubkey: string;
  keys: { bip32Path: string; publicKey: string; privateKey: string }[];
};

type Imported = { entry: DeviceKeyShare; info: ShareInfo };

// Offline recovery of one TSS key share group: import >= threshold exported shares, then recoverPrivateKeys.
export class UCWRecoverKey {
  private readonly imported: Imported[] = [];

  // Recovers the key of exactly one TSS key share group; shares of other groups are refused.
  constructor(private readonly tssKeyShareGroupId: string) {
    if (typeof tssKeyShareGroupId !== "string" || tssKeyShareGroupId === "") throw new Error("tssKeyShareGroupId is required");
  }

  // Decrypts one device's recovery export and keeps its share of this group; refuses other groups, duplicates and mismatched metadata.
  importRecoveryKeyShare(exportedJson: string, passphrase: string): void {
    const bytes = openWithPassphrase(exportedJson, passphrase);
    let json: string;
    try {
      json = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new Error("invalid recovery key share export: not UTF-8");
    } finally {
      bytes.fill(0);
    }
    const exported = parseRecoveryExport(json);
    const entry = exported.keyShares.find((k) => k.tssKeyShareGroupId === this.tssKeyShareGroupId);
    if (!entry) throw new Error(`this export holds no key share for TSS key share group ${this.tssKeyShareGroupId}`);
    const info = parseShareInfo(entry.share);
    const first = this.imported[0];
    if (first) {
      if (
        entry.rootPubkey !== first.entry.rootPubkey ||
        entry.threshold !== first.entry.threshold ||
        entry.participants !== first.entry.participants ||
        info.setId !== first.info.setId
      ) {
        throw new Error("key share does not match the shares already imported for this group");
      }
      if (this.imported.some((i) => i.info.shareIndex === info.shareIndex)) throw new Error("duplicate key share: already imported");
    }
    this.imported.push({ entry, info });
  }

  // Rebuilds the root key from >= threshold shares (checked against the recorded root pubkey) and derives each path's private key.
  // Throws if too few shares were imported or a derived public key differs from the given one.
  async recoverPrivateKeys(keys: { bip32Path: string; publicKey: string }[]): Promise<RecoveredKeys> {
    const first = this.imported[0];
    if (!first) throw new Error("no recovery key shares imported");
    if (this.imported.length < first.entry.threshold) {
      throw new Error(`not enough key shares: need ${first.entry.threshold}, have ${this.imported.length}`);
    }
    const rootPubkey = first.entry.rootPubkey;
    const xprv = await combineShares(
      this.imported.map((i) => i.entry.share),
      rootPubkey,
    );
    const root = HDKey.fromExtendedKey(xprv);
    try {
      const out = keys.map(({ bip32Path, publicKey }) => {
        const expected = normalizePubkey(publicKey, bip32Path);
        let child: HDKey;
        try {
          child = root.derive(bip32Path);
        } catch {
          throw new Error(`invalid BIP32 path: ${bip32Path}`);
        }
        const priv = child.privateKey;
        const pub = child.publicKey;
        if (!priv || !pub) throw new Error(`could not derive a private key for ${bip32Path}`);
        const derived = bytesToHex(pub);
        if (derived !== expected) {
          child.wipePrivateData();
          throw new Error(`derived public key for ${bip32Path} does not match the given public key`);
        }
        const privateKey = bytesToHex(priv);
        child.wipePrivateData();
        return { bip32Path, publicKey: derived, privateKey };
      });
      return { rootExtendedPrivateKey: xprv, rootPubkey, keys: out };
    } finally {
      root.wipePrivateData();
    }
  }
}

function normalizePubkey(publicKey: string, path: string): string {
  try {
    return secp256k1.Point.fromBytes(hexToBytes(publicKey)).toHex(true);
  } catch {
    throw new Error(`public key given for ${path} is not a valid secp256k1 public key`);
  }
}
