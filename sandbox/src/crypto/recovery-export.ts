// The plaintext format inside an encrypted recovery key share export (what
// exportRecoveryKeyShares writes and UCWRecoverKey reads): one device's shares for
// chosen TSS key share groups, with the metadata needed for offline recovery.
import { parseDeviceKeyShare, type DeviceKeyShare } from "./device-secrets";

export const RECOVERY_EXPORT_FORMAT = "ucw-sandbox-recovery-key-shares";

export type RecoveryExport = {
  format: typeof RECOVERY_EXPORT_FORMAT;
  version: 1;
  nodeId: string;
  exportedAt: number;
  keyShares: DeviceKeyShare[];
};

// Validates decrypted recovery export JSON (shape, share metadata, no group twice) and returns a clean copy.
export function parseRecoveryExport(json: string): RecoveryExport {
  const bad = (why: string): Error => new Error(`invalid recovery key share export: ${why}`);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw bad("not JSON");
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw bad("not an object");
  const r = raw as Record<string, unknown>;
  if (r.format !== RECOVERY_EXPORT_FORMAT) throw bad("not a recovery key share export");
  if (r.version !== 1) throw bad("unsupported version");
  if (typeof r.nodeId !== "string") throw bad("nodeId missing");
  if (typeof r.exportedAt !== "number") throw bad("exportedAt missing");
  if (!Array.isArray(r.keyShares)) throw bad("keyShares must be an array");
  const keyShares = r.keyShares.map((entry: unknown) => parseDeviceKeyShare(entry, bad));
  const groups = new Set(keyShares.map((k) => k.tssKeyShareGroupId));
  if (groups.size !== keyShares.length) throw bad("a group appears twice");
  return { format: RECOVERY_EXPORT_FORMAT, version: 1, nodeId: r.nodeId, exportedAt: r.exportedAt, keyShares };
}
