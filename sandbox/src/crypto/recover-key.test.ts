import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { addressFromPubkey, deriveAddress } from "./chains";
import { generateNodeKey } from "./node-identity";
import { UCWRecoverKey } from "./recover-key";
import { generateRootKey, type RootKey } from "./root-key";
import { exportRecoveryKeyShares, type DeviceSecrets } from "./secrets-file";
import { splitRootKey } from "./shares";

const TEST = { cost: "test" } as const;
const PASS = "recovery passphrase";

function device(): DeviceSecrets {
  const k = generateNodeKey();
  return { version: 1, nodeId: k.nodeId, nodeKey: { seed: k.seed, publicKey: k.publicKey }, keyShares: {} };
}

async function giveShares(root: RootKey, groupId: string, threshold: number, devices: DeviceSecrets[]): Promise<void> {
  const shares = await splitRootKey(
    root.xprv,
    threshold,
    devices.map((d) => d.nodeId),
  );
  for (const d of devices) {
    d.keyShares[groupId] = {
      keyShareHolderGroupId: `khg-${groupId}`,
      tssKeyShareGroupId: groupId,
      share: shares[d.nodeId] ?? "",
      rootPubkey: root.rootPubkey,
      threshold,
      participants: devices.length,
      curve: "SECP256K1",
      createdAt: 1_700_000_000_000,
    };
  }
}

async function setup(): Promise<{ root: RootKey; phones: DeviceSecrets[]; exports: string[] }> {
  const root = generateRootKey();
  const phones = [device(), device(), device()];
  await giveShares(root, "tss-1", 2, phones);
  await giveShares(generateRootKey(), "tss-2", 2, phones);
  const exports = phones.map((p) => exportRecoveryKeyShares(p, ["tss-1", "tss-2"], PASS, TEST));
  return { root, phones, exports };
}

describe("UCWRecoverKey", () => {
  it("recovers child private keys whose addresses equal deriveAddress output from two of three shares", async () => {
    const { root, exports } = await setup();
    const recoverer = new UCWRecoverKey("tss-1");
    recoverer.importRecoveryKeyShare(exports[0] ?? "", PASS);
    recoverer.importRecoveryKeyShare(exports[2] ?? "", PASS);
    const wanted = [deriveAddress(root.xpub, "SETH", 0), deriveAddress(root.xpub, "XTN", 4), deriveAddress(root.xpub, "SETH", 9)];
    const result = await recoverer.recoverPrivateKeys(wanted.map((a) => ({ bip32Path: a.path, publicKey: a.pubkey })));
    expect(result.rootExtendedPrivateKey).toBe(root.xprv);
    expect(result.rootPubkey).toBe(root.rootPubkey);
    expect(result.keys).toHaveLength(3);
    result.keys.forEach((k, i) => {
      const a = wanted[i];
      if (!a) throw new Error("missing");
      expect(k.bip32Path).toBe(a.path);
      expect(k.privateKey).toMatch(/^[0-9a-f]{64}$/);
      const pub = bytesToHex(secp256k1.getPublicKey(hexToBytes(k.privateKey), true));
      expect(pub).toBe(a.pubkey);
      expect(addressFromPubkey(a.chain_id === "XTN" ? "XTN" : "SETH", pub)).toBe(a.address);
    });
  });

  it("accepts an uncompressed public key for a path", async () => {
    const { root, exports } = await setup();
    const r = new UCWRecoverKey("tss-1");
    r.importRecoveryKeyShare(exports[1] ?? "", PASS);
    r.importRecoveryKeyShare(exports[2] ?? "", PASS);
    const a = deriveAddress(root.xpub, "SETH", 1);
    const uncompressed = bytesToHex(secp256k1.Point.fromHex(a.pubkey).toBytes(false));
    const result = await r.recoverPrivateKeys([{ bip32Path: a.path, publicKey: uncompressed }]);
    expect(result.keys[0]?.publicKey).toBe(a.pubkey);
  });

  it("refuses a mismatched public key", async () => {
    const { root, exports } = await setup();
    const r = new UCWRecoverKey("tss-1");
    r.importRecoveryKeyShare(exports[0] ?? "", PASS);
    r.importRecoveryKeyShare(exports[1] ?? "", PASS);
    const a = deriveAddress(root.xpub, "SETH", 0);
    const b = deriveAddress(root.xpub, "SETH", 1);
    await expect(r.recoverPrivateKeys([{ bip32Path: a.path, publicKey: b.pubkey }])).rejects.toThrow(/does not match the given public key/);
    await expect(r.recoverPrivateKeys([{ bip32Path: a.path, publicKey: "02abcd" }])).rejects.toThrow(/not a valid secp256k1 public key/);
    await expect(r.recoverPrivateKeys([{ bip32Path: "44/60", publicKey: a.pubkey }])).rejects.toThrow(/invalid BIP32 path/);
  });

  it("needs threshold shares and refuses duplicates, wrong passphrases and other groups", async () => {
    const { exports } = await setup();
    const r = new UCWRecoverKey("tss-1");
    await expect(r.recoverPrivateKeys([])).rejects.toThrow(/no recovery key shares/);
    expect(() => r.importRecoveryKeyShare(exports[0] ?? "", "wrong passphrase")).toThrow("wrong passphrase or corrupted data");
    r.importRecoveryKeyShare(exports[0] ?? "", PASS);
    await expect(r.recoverPrivateKeys([])).rejects.toThrow(/need 2, have 1/);
    expect(() => r.importRecoveryKeyShare(exports[0] ?? "", PASS)).toThrow(/duplicate/);

    // A device that only exported another group's share.
    const other = device();
    await giveShares(generateRootKey(), "tss-9", 2, [other, device()]);
    expect(() => r.importRecoveryKeyShare(exportRecoveryKeyShares(other, ["tss-9"], PASS, TEST), PASS)).toThrow(
      /no key share for TSS key share group tss-1/,
    );
  });

  it("refuses a share of a different split filed under the same group id", async () => {
    const { exports } = await setup();
    const r = new UCWRecoverKey("tss-1");
    r.importRecoveryKeyShare(exports[0] ?? "", PASS);
    const impostors = [device(), device()];
    await giveShares(generateRootKey(), "tss-1", 2, impostors);
    const bad = exportRecoveryKeyShares(impostors[0] ?? device(), ["tss-1"], PASS, TEST);
    expect(() => r.importRecoveryKeyShare(bad, PASS)).toThrow(/does not match the shares already imported/);
  });

  it("requires a group id", () => {
    expect(() => new UCWRecoverKey("")).toThrow(/required/);
  });
});
