// The UCW SDK "Secrets" of one virtual device (its identity and key shares) and the
// strict validation applied whenever Secrets are read back from a file or a backup.
import { nodeIdFromPublicKey, publicKeyFromSeed } from "./node-identity";
import { parseShareInfo, type ShareInfo } from "./shares";

export type DeviceKeyShare = {
  keyShareHolderGroupId: string;
  tssKeyShareGroupId: string;
  share: string;
  rootPubkey: string;
  threshold: number;
  participants: number;
  curve: "SECP256K1";
  createdAt: number;
};

export type DeviceSecrets = {
  version: 1;
  nodeId: string;
  nodeKey: { seed: string; publicKey: string };
  keyShares: Record<string /* tss_key_share_group_id */, DeviceKeyShare>;
};

// Validates untrusted data as DeviceSecrets (types, node id/key consistency, share metadata) and returns a clean copy.
export function parseDeviceSecrets(value: unknown): DeviceSecrets {
  const bad = (why: string): Error => new Error(`invalid device secrets: ${why}`);
  if (!isRecord(value)) throw bad("not an object");
  if (value.version !== 1) throw bad("unsupported version");
  const { nodeId, nodeKey, keyShares } = value;
  if (typeof nodeId !== "string") throw bad("nodeId must be a string");
  if (!isRecord(nodeKey) || typeof nodeKey.seed !== "string" || typeof nodeKey.publicKey !== "string") {
    throw bad("nodeKey must have seed and publicKey");
  }
  let derivedPub: string;
  try {
    derivedPub = publicKeyFromSeed(nodeKey.seed);
  } catch {
    throw bad("nodeKey.seed is not a 32-byte hex seed");
  }
  if (derivedPub !== nodeKey.publicKey.toLowerCase()) throw bad("nodeKey.publicKey does not match the seed");
  if (nodeIdFromPublicKey(derivedPub) !== nodeId) throw bad("nodeId does not match nodeKey.publicKey");
  if (!isRecord(keyShares)) throw bad("keyShares must be an object");
  const shares: Record<string, DeviceKeyShare> = {};
  for (const [groupId, entry] of Object.entries(keyShares)) {
    const share = parseDeviceKeyShare(entry, bad);
    if (share.tssKeyShareGroupId !== groupId) throw bad(`keyShares[${groupId}] is filed under the wrong group id`);
    Object.defineProperty(shares, groupId, { value: share, enumerable: true, writable: true, configurable: true });
  }
  return { version: 1, nodeId, nodeKey: { seed: nodeKey.seed, publicKey: derivedPub }, keyShares: shares };
}

// Validates one key share record (also used for recovery exports); throws via `bad` on the first problem.
export function parseDeviceKeyShare(entry: unknown, bad: (why: string) => Error): DeviceKeyShare {
  if (!isRecord(entry)) throw bad("key share entry is not an object");
  const { keyShareHolderGroupId, tssKeyShareGroupId, share, rootPubkey, threshold, participants, curve, createdAt } = entry;
  if (typeof keyShareHolderGroupId !== "string" || keyShareHolderGroupId === "") throw bad("keyShareHolderGroupId missing");
  if (typeof tssKeyShareGroupId !== "string" || tssKeyShareGroupId === "") throw bad("tssKeyShareGroupId missing");
  if (typeof share !== "string") throw bad("share missing");
  if (typeof rootPubkey !== "string" || !/^0[23][0-9a-f]{64}$/.test(rootPubkey)) throw bad("rootPubkey must be compressed lowercase hex");
  if (!Number.isInteger(threshold) || !Number.isInteger(participants)) throw bad("threshold/participants must be integers");
  if (curve !== "SECP256K1") throw bad("unsupported curve");
  if (typeof createdAt !== "number" || !Number.isFinite(createdAt)) throw bad("createdAt must be a number");
  let info: ShareInfo;
  try {
    info = parseShareInfo(share);
  } catch {
    throw bad(`key share for ${tssKeyShareGroupId} is malformed`);
  }
  if (info.threshold !== threshold || info.participants !== participants) {
    throw bad(`key share for ${tssKeyShareGroupId} disagrees with its threshold/participants`);
  }
  return {
    keyShareHolderGroupId,
    tssKeyShareGroupId,
    share,
    rootPubkey,
    threshold: info.threshold,
    participants: info.participants,
    curve,
    createdAt,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
