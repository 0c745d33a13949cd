// Shamir t-of-n sharing of the sandbox's BIP32 root key among a key share holder
// group's devices (stand-in for real TSS key shares), using the audited
// `shamir-secret-sharing` package (GF(2^8), byte-wise).
//
// What is split is the full base58-decoded root xprv (78-byte BIP32 serialization +
// its 4-byte checksum), so a wrong combination is caught by the checksum rather than
// yielding a plausible but wrong key.
//
// Share string format (self-describing, ASCII):
//   ucwsss1:<setId 16 hex>:<threshold>:<participants>:<payload hex>
// - setId: random id shared by all shares of one split; shares of different splits
//   (e.g. before and after a reshare) never combine.
// - payload: the library's share bytes (secret-length bytes + 1 x-coordinate byte).
//
// Limits come from the library: threshold >= 2 and 2..255 shares. This matches Cobo's
// TSS schemes (2-2, 2-3, 3-3); 1-of-n is refused.
import { combine, split } from "shamir-secret-sharing";
import { base58 } from "@scure/base";
import { bytesToHex, hexToBytes, randomBytes } from "@noble/hashes/utils.js";
import { parseRootXprv, rootPubkeyOf } from "./root-key";

const PREFIX = "ucwsss1";
/** 78-byte BIP32 serialization + 4-byte base58check checksum. */
const SECRET_BYTES = 82;
const MAX_SHARES = 255;

export type ShareInfo = { setId: string; threshold: number; participants: number; shareIndex: number };

// Splits a root xprv t-of-n: one share per holder id (unique, non-empty; 2..255 of them; 2 <= t <= n).
export async function splitRootKey(xprv: string, threshold: number, holderIds: string[]): Promise<Record<string, string>> {
  validateSplitParams(threshold, holderIds);
  const root = parseRootXprv(xprv);
  root.wipePrivateData();
  const secret = base58.decode(xprv);
  if (secret.length !== SECRET_BYTES) throw new Error("unexpected extended key length");
  try {
    const parts = await split(secret, holderIds.length, threshold);
    const setId = bytesToHex(randomBytes(8));
    // Object.fromEntries defines own properties, so any holder id (even "__proto__") is safe.
    return Object.fromEntries(
      holderIds.map((holderId, i) => {
        const part = parts[i];
        if (!part) throw new Error("shamir split returned too few shares");
        const share = `${PREFIX}:${setId}:${threshold}:${holderIds.length}:${bytesToHex(part)}`;
        part.fill(0);
        return [holderId, share];
      }),
    );
  } finally {
    secret.fill(0);
  }
}

// Reconstructs the root xprv; throws if shares are malformed, from different splits, duplicated, too few, or mismatch expectedRootPubkey.
export async function combineShares(shares: string[], expectedRootPubkey?: string): Promise<string> {
  if (!Array.isArray(shares) || shares.length === 0) throw new Error("no key shares given");
  const parsed = shares.map((s, i) => parseShare(s, i));
  const first = parsed[0];
  if (!first) throw new Error("no key shares given");
  const seen = new Set<number>();
  for (const p of parsed) {
    if (p.info.setId !== first.info.setId || p.info.threshold !== first.info.threshold || p.info.participants !== first.info.participants) {
      throw new Error("key shares are inconsistent: they come from different splits");
    }
    if (seen.has(p.info.shareIndex)) throw new Error("duplicate key share given");
    seen.add(p.info.shareIndex);
  }
  if (parsed.length < first.info.threshold) {
    throw new Error(`not enough key shares: need ${first.info.threshold}, got ${parsed.length}`);
  }
  const secret = await combine(parsed.map((p) => p.bytes));
  let xprv: string;
  try {
    xprv = base58.encode(secret);
  } finally {
    secret.fill(0);
    for (const p of parsed) p.bytes.fill(0);
  }
  let rootPubkey: string;
  try {
    rootPubkey = rootPubkeyOf(xprv);
  } catch {
    throw new Error("key shares are inconsistent or corrupted: the reconstructed root key is invalid");
  }
  if (expectedRootPubkey !== undefined && rootPubkey !== expectedRootPubkey.toLowerCase()) {
    throw new Error("reconstructed root key does not match the expected root public key");
  }
  return xprv;
}

// Re-splits the SAME root key for a new group (KeyGenFromKeyGroup / Recovery), so root pubkey and addresses stay the same.
export async function reshare(
  shares: string[],
  expectedRootPubkey: string,
  threshold: number,
  holderIds: string[],
): Promise<Record<string, string>> {
  validateSplitParams(threshold, holderIds);
  const xprv = await combineShares(shares, expectedRootPubkey);
  return splitRootKey(xprv, threshold, holderIds);
}

// Reads a share's public metadata (split id, t, n, x-coordinate) without combining; throws if malformed.
export function parseShareInfo(share: string): ShareInfo {
  const parsed = parseShare(share, 0);
  parsed.bytes.fill(0);
  return parsed.info;
}

function validateSplitParams(threshold: number, holderIds: string[]): void {
  if (!Array.isArray(holderIds)) throw new Error("holderIds must be an array");
  const n = holderIds.length;
  if (n < 2 || n > MAX_SHARES) throw new Error(`need between 2 and ${MAX_SHARES} key share holders, got ${n}`);
  if (holderIds.some((id) => typeof id !== "string" || id.length === 0)) throw new Error("holder ids must be non-empty strings");
  if (new Set(holderIds).size !== n) throw new Error("holder ids must be unique");
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > n) {
    throw new Error(`threshold must be an integer between 1 and the number of holders (${n}), got ${String(threshold)}`);
  }
  if (threshold < 2) throw new Error("threshold must be at least 2 (1-of-n is not a supported TSS scheme)");
}

function parseShare(share: string, position: number): { info: ShareInfo; bytes: Uint8Array } {
  const bad = (why: string): Error => new Error(`key share #${position + 1} is malformed: ${why}`);
  if (typeof share !== "string") throw bad("not a string");
  const parts = share.split(":");
  if (parts.length !== 5 || parts[0] !== PREFIX) throw bad(`expected ${PREFIX}:<setId>:<t>:<n>:<hex>`);
  const [, setId = "", tText = "", nText = "", payload = ""] = parts;
  if (!/^[0-9a-f]{16}$/.test(setId)) throw bad("bad set id");
  if (!/^[1-9][0-9]{0,2}$/.test(tText) || !/^[1-9][0-9]{0,2}$/.test(nText)) throw bad("bad threshold/participants");
  const threshold = Number(tText);
  const participants = Number(nText);
  if (threshold < 2 || participants > MAX_SHARES || threshold > participants) throw bad("bad threshold/participants");
  if (!/^[0-9a-f]*$/.test(payload) || payload.length !== (SECRET_BYTES + 1) * 2) throw bad("bad payload");
  const bytes = hexToBytes(payload);
  const shareIndex = bytes[SECRET_BYTES] ?? 0;
  if (shareIndex === 0) throw bad("bad x-coordinate");
  return { info: { setId, threshold, participants, shareIndex }, bytes };
}
