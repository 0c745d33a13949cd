import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { ripemd160 } from "@noble/hashes/legacy.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { bech32 } from "@scure/base";
import { disasterRecoveryTool, type SandboxAccess, type VirtualDevice } from "../../tests/helpers/virtual-device";

// Offline disaster recovery as a user would run it, and an independent check of its result: the
// Recovery Group's devices export their key shares, the offline tool rebuilds the private keys of
// the given addresses, and each key is turned back into its public key and address here (with the
// chains' published encodings, not the sandbox's code), so a match proves the keys spend exactly the
// addresses in question.

export type RecoveredKeys = { rootPubkey: string; keys: { bip32Path: string; publicKey: string; privateKey: string }[] };

/** Two (or more) devices export their shares of `tssKeyShareGroupId`; the offline tool recovers the keys of `addresses`. */
export async function recoverOffline(
  sb: SandboxAccess,
  devices: VirtualDevice[],
  tssKeyShareGroupId: string,
  addresses: { path: string; pubkey: string }[],
): Promise<RecoveredKeys> {
  const dir = await mkdtemp(path.join(tmpdir(), "ucw-e2e-dr-"));
  const passphrase = "e2e recovery export passphrase";
  try {
    const files = devices.map((d) => path.join(dir, `${d.name}.rec`));
    await Promise.all(
      devices.map((d, i) =>
        d.cli(["export-recovery", "--groups", tssKeyShareGroupId, "--export-passphrase", passphrase, "--out", files[i]!]),
      ),
    );
    return (await disasterRecoveryTool(sb, [
      "--group",
      tssKeyShareGroupId,
      ...files.flatMap((f) => ["--share", f]),
      "--export-passphrase",
      passphrase,
      "--keys",
      addresses.map((a) => `${a.path}:${a.pubkey}`).join(","),
    ])) as RecoveredKeys;
  } finally {
    // recovery shares are secrets: never left behind, never kept as artefacts
    await rm(dir, { recursive: true, force: true });
  }
}

/** The compressed public key (hex) of a secp256k1 private key (hex). */
export function publicKeyOf(privateKeyHex: string): string {
  return bytesToHex(secp256k1.getPublicKey(hexToBytes(privateKeyHex), true));
}

/**
 * The address of a secp256k1 private key on a sandbox chain: XTN is Bitcoin testnet native SegWit
 * (P2WPKH, bech32 "tb"), SETH / TBSC_BNB an EVM address (keccak-256 of the public key, last 20 bytes; lower case).
 */
export function addressOf(chainId: string, privateKeyHex: string): string {
  const key = hexToBytes(privateKeyHex);
  if (chainId === "XTN") return bech32.encode("tb", [0, ...bech32.toWords(ripemd160(sha256(secp256k1.getPublicKey(key, true))))]);
  if (chainId === "SETH" || chainId === "TBSC_BNB")
    return `0x${bytesToHex(keccak_256(secp256k1.getPublicKey(key, false).slice(1)).slice(-20))}`;
  throw new Error(`no address encoding for ${chainId} here`);
}
