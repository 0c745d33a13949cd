// A virtual device's UCW SDK "Secrets" file and its exports, named after the SDK:
// initialize / load / save the passphrase-encrypted Secrets file, Export Secrets (an
// encrypted backup another device can import to become the same node), and export of
// recovery key shares for offline disaster recovery.
//
// Every file/export is a passphrase-box envelope (see passphrase-box.ts) whose plaintext
// is JSON tagged with a `format`, so one kind can never be loaded as another.
import { readFile } from "node:fs/promises";
import { assertPassphrasePolicy, openWithPassphrase, sealWithPassphrase, type SealOptions } from "./passphrase-box";
import { generateNodeKey } from "./node-identity";
import { parseDeviceSecrets, type DeviceKeyShare, type DeviceSecrets } from "./device-secrets";
import { RECOVERY_EXPORT_FORMAT, type RecoveryExport } from "./recovery-export";
import { writeFileAtomic } from "./atomic-file";

export type { DeviceKeyShare, DeviceSecrets } from "./device-secrets";

const SECRETS_FILE_FORMAT = "ucw-sandbox-secrets-file";
const SECRETS_EXPORT_FORMAT = "ucw-sandbox-secrets-export";

// Creates a new node identity (no key shares yet) in a new encrypted Secrets file (0600, atomic); refuses to overwrite; returns the nodeId.
export async function initializeSecrets(secretsFile: string, passphrase: string, opts?: SealOptions): Promise<string> {
  assertPassphrasePolicy(passphrase);
  const key = generateNodeKey();
  const secrets: DeviceSecrets = {
    version: 1,
    nodeId: key.nodeId,
    nodeKey: { seed: key.seed, publicKey: key.publicKey },
    keyShares: {},
  };
  await writeFileAtomic(secretsFile, sealJson({ format: SECRETS_FILE_FORMAT, secrets }, passphrase, opts), { overwrite: false });
  return secrets.nodeId;
}

// Decrypts and validates a Secrets file; throws "wrong passphrase or corrupted data" on a wrong passphrase.
export async function loadSecrets(secretsFile: string, passphrase: string): Promise<DeviceSecrets> {
  const envelope = await readFile(secretsFile, "utf8");
  const payload = openJson(envelope, passphrase, SECRETS_FILE_FORMAT);
  return parseDeviceSecrets(payload.secrets);
}

// Validates and atomically (re)writes the encrypted Secrets file (0600); concurrent saves of one file are last-writer-wins.
export async function saveSecrets(secretsFile: string, passphrase: string, secrets: DeviceSecrets, opts?: SealOptions): Promise<void> {
  assertPassphrasePolicy(passphrase);
  const clean = parseDeviceSecrets(secrets);
  await writeFileAtomic(secretsFile, sealJson({ format: SECRETS_FILE_FORMAT, secrets: clean }, passphrase, opts), { overwrite: true });
}

// Encrypted full backup of a device's Secrets (like the SDK's Export Secrets); importing it elsewhere yields the same node.
export function exportSecrets(secrets: DeviceSecrets, passphrase: string, opts?: SealOptions): string {
  const clean = parseDeviceSecrets(secrets);
  return sealJson({ format: SECRETS_EXPORT_FORMAT, version: 1, exportedAt: Date.now(), secrets: clean }, passphrase, opts);
}

// Restores an exported backup into a NEW Secrets file under a new passphrase (refuses to overwrite); returns the (same) nodeId.
export async function importSecrets(
  exported: string,
  passphrase: string,
  secretsFile: string,
  newFilePassphrase: string,
  opts?: SealOptions,
): Promise<string> {
  assertPassphrasePolicy(newFilePassphrase);
  const payload = openJson(exported, passphrase, SECRETS_EXPORT_FORMAT);
  const secrets = parseDeviceSecrets(payload.secrets);
  await writeFileAtomic(secretsFile, sealJson({ format: SECRETS_FILE_FORMAT, secrets }, newFilePassphrase, opts), {
    overwrite: false,
  });
  return secrets.nodeId;
}

// Encrypted export of this device's shares for the given TSS key share groups, with the metadata offline recovery needs.
// Throws if the list is empty, repeats a group, or names a group this device holds no share for.
export function exportRecoveryKeyShares(
  secrets: DeviceSecrets,
  tssKeyShareGroupIds: string[],
  passphrase: string,
  opts?: SealOptions,
): string {
  const clean = parseDeviceSecrets(secrets);
  if (!Array.isArray(tssKeyShareGroupIds) || tssKeyShareGroupIds.length === 0) {
    throw new Error("name at least one TSS key share group to export");
  }
  if (new Set(tssKeyShareGroupIds).size !== tssKeyShareGroupIds.length) throw new Error("TSS key share group ids repeat");
  const keyShares: DeviceKeyShare[] = tssKeyShareGroupIds.map((groupId) => {
    const entry = Object.hasOwn(clean.keyShares, groupId) ? clean.keyShares[groupId] : undefined;
    if (!entry) throw new Error(`this device holds no key share for TSS key share group ${groupId}`);
    return entry;
  });
  const payload: RecoveryExport = { format: RECOVERY_EXPORT_FORMAT, version: 1, nodeId: clean.nodeId, exportedAt: Date.now(), keyShares };
  return sealJson(payload, passphrase, opts);
}

function sealJson(value: object, passphrase: string, opts?: SealOptions): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  try {
    return sealWithPassphrase(bytes, passphrase, opts);
  } finally {
    bytes.fill(0);
  }
}

function openJson(envelope: string, passphrase: string, format: string): Record<string, unknown> {
  const bytes = openWithPassphrase(envelope, passphrase);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new Error("decrypted content is not valid JSON");
  } finally {
    bytes.fill(0);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || (raw as Record<string, unknown>).format !== format) {
    throw new Error(`decrypted content is not a ${format}`);
  }
  return raw as Record<string, unknown>;
}
