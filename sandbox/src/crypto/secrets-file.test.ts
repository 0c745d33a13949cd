import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRootKey } from "./root-key";
import { splitRootKey } from "./shares";
import {
  exportRecoveryKeyShares,
  exportSecrets,
  importSecrets,
  initializeSecrets,
  loadSecrets,
  saveSecrets,
  type DeviceSecrets,
} from "./secrets-file";

const TEST = { cost: "test" } as const;
const PASS = "device passphrase 1";
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ucw-secrets-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withShare(secrets: DeviceSecrets, groupId: string): Promise<DeviceSecrets> {
  const root = generateRootKey();
  const shares = await splitRootKey(root.xprv, 2, [secrets.nodeId, "other-node"]);
  const share = shares[secrets.nodeId] ?? "";
  return {
    ...secrets,
    keyShares: {
      ...secrets.keyShares,
      [groupId]: {
        keyShareHolderGroupId: `khg-${groupId}`,
        tssKeyShareGroupId: groupId,
        share,
        rootPubkey: root.rootPubkey,
        threshold: 2,
        participants: 2,
        curve: "SECP256K1",
        createdAt: 1_700_000_000_000,
      },
    },
  };
}

describe("Secrets file", () => {
  it("initializes an encrypted 0600 file with a new identity and refuses to overwrite it", async () => {
    const file = join(dir, "init", "secrets.json");
    const nodeId = await initializeSecrets(file, PASS, TEST);
    expect(nodeId.startsWith("coboNode")).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const secrets = await loadSecrets(file, PASS);
    expect(secrets.nodeId).toBe(nodeId);
    expect(secrets.version).toBe(1);
    expect(secrets.keyShares).toEqual({});
    const raw = await readFile(file, "utf8");
    expect(raw).not.toContain(secrets.nodeKey.seed);
    expect(raw).not.toContain(nodeId);

    await expect(initializeSecrets(file, PASS, TEST)).rejects.toThrow(/refusing to overwrite/);
    expect(await readFile(file, "utf8")).toBe(raw);
    expect((await readdir(join(dir, "init"))).sort()).toEqual(["secrets.json"]);
  });

  it("refuses a wrong or too-short passphrase", async () => {
    const file = join(dir, "wrong.json");
    await initializeSecrets(file, PASS, TEST);
    await expect(loadSecrets(file, "not the passphrase")).rejects.toThrow("wrong passphrase or corrupted data");
    await expect(initializeSecrets(join(dir, "short.json"), "1234567", TEST)).rejects.toThrow(/at least 8/);
  });

  it("saves atomically and loads back key shares", async () => {
    const file = join(dir, "save", "secrets.json");
    await initializeSecrets(file, PASS, TEST);
    const updated = await withShare(await loadSecrets(file, PASS), "tss-1");
    await saveSecrets(file, PASS, updated, TEST);
    expect(await loadSecrets(file, PASS)).toEqual(updated);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, "save"))).toEqual(["secrets.json"]);
  });

  it("refuses to save inconsistent secrets", async () => {
    const file = join(dir, "bad-save.json");
    await initializeSecrets(file, PASS, TEST);
    const secrets = await loadSecrets(file, PASS);
    await expect(saveSecrets(file, PASS, { ...secrets, nodeId: "coboNodeSomeoneElse" }, TEST)).rejects.toThrow(/nodeId does not match/);
    const withBadShare = await withShare(secrets, "tss-x");
    const entry = withBadShare.keyShares["tss-x"];
    if (!entry) throw new Error("missing entry");
    await expect(saveSecrets(file, PASS, { ...withBadShare, keyShares: { "tss-y": entry } }, TEST)).rejects.toThrow(/wrong group id/);
    await expect(saveSecrets(file, PASS, { ...withBadShare, keyShares: { "tss-x": { ...entry, threshold: 3 } } }, TEST)).rejects.toThrow(
      /threshold/,
    );
    expect(await loadSecrets(file, PASS)).toEqual(secrets);
  });

  it("refuses a file that is not a Secrets file", async () => {
    const file = join(dir, "not-secrets.json");
    const secrets = await withShare(await loadSecrets(await init("src.json"), PASS), "tss-1");
    await writeFile(file, exportRecoveryKeyShares(secrets, ["tss-1"], PASS, TEST));
    await expect(loadSecrets(file, PASS)).rejects.toThrow(/not a ucw-sandbox-secrets-file/);
  });
});

async function init(name: string): Promise<string> {
  const file = join(dir, name);
  await initializeSecrets(file, PASS, TEST);
  return file;
}

describe("Export / import Secrets", () => {
  it("a second device importing the backup becomes the same node", async () => {
    const original = await withShare(await loadSecrets(await init("phone-a.json"), PASS), "tss-1");
    const backup = exportSecrets(original, "icloud backup pass", TEST);
    const file = join(dir, "phone-b.json");
    const nodeId = await importSecrets(backup, "icloud backup pass", file, "phone b passphrase", TEST);
    expect(nodeId).toBe(original.nodeId);
    expect(await loadSecrets(file, "phone b passphrase")).toEqual(original);
    await expect(loadSecrets(file, PASS)).rejects.toThrow("wrong passphrase or corrupted data");
  });

  it("refuses a wrong backup passphrase, an existing target and a non-backup", async () => {
    const original = await loadSecrets(await init("phone-c.json"), PASS);
    const backup = exportSecrets(original, "icloud backup pass", TEST);
    await expect(importSecrets(backup, "wrong backup pass", join(dir, "x.json"), PASS, TEST)).rejects.toThrow(
      "wrong passphrase or corrupted data",
    );
    await expect(importSecrets(backup, "icloud backup pass", join(dir, "phone-c.json"), PASS, TEST)).rejects.toThrow(
      /refusing to overwrite/,
    );
    const recovery = exportRecoveryKeyShares(await withShare(original, "tss-1"), ["tss-1"], PASS, TEST);
    await expect(importSecrets(recovery, PASS, join(dir, "y.json"), PASS, TEST)).rejects.toThrow(/not a ucw-sandbox-secrets-export/);
  });
});

describe("exportRecoveryKeyShares", () => {
  it("refuses groups the device holds no share for, empty and repeated lists", async () => {
    const secrets = await withShare(await loadSecrets(await init("rec.json"), PASS), "tss-1");
    expect(() => exportRecoveryKeyShares(secrets, ["tss-2"], PASS, TEST)).toThrow(/no key share for TSS key share group tss-2/);
    expect(() => exportRecoveryKeyShares(secrets, ["tss-1", "tss-2"], PASS, TEST)).toThrow(/tss-2/);
    expect(() => exportRecoveryKeyShares(secrets, [], PASS, TEST)).toThrow(/at least one/);
    expect(() => exportRecoveryKeyShares(secrets, ["tss-1", "tss-1"], PASS, TEST)).toThrow(/repeat/);
    expect(() => exportRecoveryKeyShares(secrets, ["toString"], PASS, TEST)).toThrow(/no key share/);
    const exported = exportRecoveryKeyShares(secrets, ["tss-1"], PASS, TEST);
    expect(exported).not.toContain(secrets.keyShares["tss-1"]?.share ?? "missing");
  });
});
