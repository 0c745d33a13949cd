import path from "node:path";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAllWalletAddresses } from "../src/cli/wallet-addresses.js";
import { addressFromPubkey } from "../src/crypto/chains.js";
import { importSecrets, UCW, UCWRecoverKey } from "../src/device/ucw.js";
import {
  DEVICE_PASS,
  deviceApprovesTss,
  readyWallet,
  startTestEnv,
  waitTss,
  waitTx,
  type ReadyWallet,
  type TestEnv,
} from "./helpers/env.js";
import { call, silenceSdkLogs, type Plain } from "./helpers/sdk.js";
import { waitFor } from "./helpers/wait.js";
import { signApiRequest } from "../src/auth/cobo-signature.js";

// Backup and restore (seed §4): Secrets backup to a second device, a Recovery
// Group made from the Main Group (KeyGenFromKeyGroup), recovery of a lost phone
// into a new Main Group (Recovery) keeping the same addresses, and offline
// disaster recovery from two devices' exported recovery shares.

let env: TestEnv;
let ready: ReadyWallet;
let xtnAddress: Plain;
let recoveryGroupId = "";
let recoveryTssGroupId = "";
let phone2: UCW;
let phone3: UCW;

beforeAll(async () => {
  silenceSdkLogs();
  env = await startTestEnv({ callback: false });
  ready = await readyWallet(env, "phone-1");
  const created = await call<Plain[]>(env.api.wallets, "createAddress", ready.walletId, { CreateAddressRequest: { chain_id: "XTN" } });
  xtnAddress = created[0] as Plain;
});
afterAll(async () => {
  await env.close();
});

async function deposit(address: string, amount: string): Promise<void> {
  const body = JSON.stringify({ address, amount });
  const headers = signApiRequest(env.secret, {
    method: "POST",
    path: "/_sandbox/deposits",
    nonce: `${Date.now()}${Math.random()}`,
    query: "",
    body,
  });
  const res = await fetch(`${env.sandbox.origin}/_sandbox/deposits`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body,
  });
  const tx = (await res.json()) as Plain;
  await waitTx(env, String(tx.transaction_id), "Completed");
}

async function transferApprovedBy(device: UCW, requestId: string): Promise<Plain> {
  const created = await call(env.api.transactions, "createTransferTransaction", {
    TransferParams: {
      request_id: requestId,
      source: { source_type: "User-Controlled", wallet_id: ready.walletId, address: xtnAddress.address },
      token_id: "XTN",
      destination: {
        destination_type: "Address",
        account_output: { address: "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", amount: "0.01" },
      },
    },
  });
  const txId = String(created.transaction_id);
  await waitFor(
    async () => (await device.listPendingTransactions()).some((t) => t.transaction_id === txId),
    "device to see the withdrawal",
  );
  await device.approveTransactions([txId]);
  return waitTx(env, txId, "Completed");
}

describe("backup and restore", () => {
  it("restores exported Secrets on a second device that then signs as the same node", async () => {
    await deposit(String(xtnAddress.address), "1");
    const backup = ready.device.exportSecrets("backup passphrase");
    const file = path.join(env.dir, "devices", "phone-1-restored.secrets");
    const nodeId = await importSecrets(backup, "backup passphrase", file, "new device pass", { kdfCost: "test" });
    expect(nodeId).toBe(ready.device.getTSSNodeID());
    const restored = await UCW.open({ relayUrl: env.sandbox.origin, kdfCost: "test" }, file, "new device pass");
    expect(restored.listTSSKeyShareGroups().map((g) => g.tssKeyShareGroupId)).toEqual([ready.tssKeyShareGroupId]);
    const done = await transferApprovedBy(restored, "restored-device-withdrawal");
    expect(done.status).toBe("Completed");
  });
});

describe("Recovery Group and recovery of a lost phone", () => {
  it("creates a Recovery Group from the Main Group with the same root key (KeyGenFromKeyGroup)", async () => {
    phone2 = await env.newDevice("phone-2");
    phone3 = await env.newDevice("phone-3");
    const group = await call(env.api.mpc, "createKeyShareHolderGroup", ready.vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "RecoveryGroup",
        participants: 3,
        threshold: 2,
        key_share_holders: [
          { name: "phone 2", type: "Mobile", tss_node_id: phone2.getTSSNodeID() },
          { name: "phone 3", type: "Mobile", tss_node_id: phone3.getTSSNodeID() },
        ],
      },
    });
    recoveryGroupId = String(group.key_share_holder_group_id);
    const tss = await call(env.api.mpc, "createTssRequest", ready.vaultId, {
      CreateTssRequestRequest: {
        type: "KeyGenFromKeyGroup",
        target_key_share_holder_group_id: recoveryGroupId,
        source_key_share_holder_group: {
          key_share_holder_group_id: ready.groupId,
          tss_node_ids: [env.sandbox.coboNodeId, ready.device.getTSSNodeID()],
        },
      },
    });
    const tssId = String(tss.tss_request_id);
    await Promise.all([deviceApprovesTss(ready.device, tssId), deviceApprovesTss(phone2, tssId), deviceApprovesTss(phone3, tssId)]);
    await waitTss(env, ready.vaultId, tssId, "Success");
    await phone2.getTSSRequests([tssId]);
    await phone3.getTSSRequests([tssId]);

    const main = await call(env.api.mpc, "getKeyShareHolderGroupById", ready.vaultId, ready.groupId);
    const recovery = await call(env.api.mpc, "getKeyShareHolderGroupById", ready.vaultId, recoveryGroupId);
    expect(recovery.status).toBe("Valid");
    const mainTss = (main.tss_key_share_groups as Plain[])[0] as Plain;
    const recTss = (recovery.tss_key_share_groups as Plain[])[0] as Plain;
    expect(recTss.root_pubkey).toBe(mainTss.root_pubkey);
    expect(recTss.tss_key_share_group_id).not.toBe(mainTss.tss_key_share_group_id);
    // Every curve is reshared: the ED25519 key share group carries the vault's ED25519 root.
    const ed = (g: Plain) => (g.tss_key_share_groups as Plain[]).find((k) => k.curve === "ED25519");
    const vaultEd = ((await call(env.api.mpc, "getMpcVaultById", ready.vaultId)).root_pubkeys as Plain[]).find(
      (k) => k.curve === "ED25519",
    );
    expect(ed(recovery)?.root_pubkey).toBe(vaultEd?.root_pubkey);
    expect(ed(main)?.root_pubkey).toBe(vaultEd?.root_pubkey);
    expect(ed(recovery)?.tss_key_share_group_id).not.toBe(ed(main)?.tss_key_share_group_id);
    recoveryTssGroupId = String(recTss.tss_key_share_group_id);
    expect(phone2.listTSSKeyShareGroups().map((g) => g.tssKeyShareGroupId)).toEqual([recoveryTssGroupId]);
    // Phone 1 keeps only its Main Group share: it was a source, not a target.
    expect(ready.device.listTSSKeyShareGroups().map((g) => g.tssKeyShareGroupId)).toEqual([ready.tssKeyShareGroupId]);
  });

  it("recovers a lost phone into a new Main Group (Recovery) that keeps the addresses and signs", async () => {
    const phone4 = await env.newDevice("phone-4");
    const group = await call(env.api.mpc, "createKeyShareHolderGroup", ready.vaultId, {
      CreateKeyShareHolderGroupRequest: {
        key_share_holder_group_type: "MainGroup",
        participants: 2,
        threshold: 2,
        key_share_holders: [{ name: "phone 4", type: "Mobile", tss_node_id: phone4.getTSSNodeID() }],
      },
    });
    const newMainId = String(group.key_share_holder_group_id);
    const tss = await call(env.api.mpc, "createTssRequest", ready.vaultId, {
      CreateTssRequestRequest: {
        type: "Recovery",
        target_key_share_holder_group_id: newMainId,
        source_key_share_holder_group: {
          key_share_holder_group_id: recoveryGroupId,
          tss_node_ids: [env.sandbox.coboNodeId, phone2.getTSSNodeID()],
        },
      },
    });
    const tssId = String(tss.tss_request_id);
    // Phone 3 is not a named source signer: it never sees the request.
    await Promise.all([deviceApprovesTss(phone2, tssId), deviceApprovesTss(phone4, tssId)]);
    expect((await phone3.listPendingTSSRequests()).map((r) => r.tss_request_id)).not.toContain(tssId);
    await waitTss(env, ready.vaultId, tssId, "Success");
    await phone4.getTSSRequests([tssId]);

    const newMain = await call(env.api.mpc, "getKeyShareHolderGroupById", ready.vaultId, newMainId);
    expect(newMain.status).toBe("Valid");
    const vault = await call(env.api.mpc, "getMpcVaultById", ready.vaultId);
    expect(((newMain.tss_key_share_groups as Plain[])[0] as Plain).root_pubkey).toBe((vault.root_pubkeys as Plain[])[0]?.root_pubkey);

    const before = await call(env.api.wallets, "listAddresses", ready.walletId, { chain_ids: "XTN" });
    expect((before.data as Plain[]).map((a) => a.address)).toContain(xtnAddress.address);
    const [next] = await call<Plain[]>(env.api.wallets, "createAddress", ready.walletId, { CreateAddressRequest: { chain_id: "XTN" } });
    expect(next?.root_pubkey).toBe(xtnAddress.root_pubkey);

    // The new phone signs for the old address: same key, same addresses.
    const done = await transferApprovedBy(phone4, "after-recovery");
    expect((done.source as Plain).signer_key_share_holder_group_id).toBe(newMainId);
  });

  it("reconstructs the root key and address keys offline from two exported recovery shares", async () => {
    const exp2 = phone2.exportRecoveryKeyShares([recoveryTssGroupId], "export pass 2");
    const exp3 = phone3.exportRecoveryKeyShares([recoveryTssGroupId], "export pass 3");
    const recover = new UCWRecoverKey(recoveryTssGroupId);
    recover.importRecoveryKeyShare(exp2, "export pass 2");
    recover.importRecoveryKeyShare(exp3, "export pass 3");
    const addresses = await call(env.api.wallets, "listAddresses", ready.walletId, { limit: 50 });
    const reported = addresses.data as Plain[];
    const recovered = await recover.recoverPrivateKeys(reported.map((a) => ({ bip32Path: String(a.path), publicKey: String(a.pubkey) })));
    const vault = await call(env.api.mpc, "getMpcVaultById", ready.vaultId);
    expect(recovered.rootPubkey).toBe((vault.root_pubkeys as Plain[])[0]?.root_pubkey);
    expect(recovered.rootExtendedPrivateKey).toMatch(/^xprv/);
    reported.forEach((a, i) => {
      const key = recovered.keys[i];
      const pub = bytesToHex(secp256k1.getPublicKey(hexToBytes(key?.privateKey ?? ""), true));
      expect(pub).toBe(a.pubkey);
      expect(addressFromPubkey(a.chain_id as "XTN" | "SETH", pub)).toBe(a.address);
    });
  });

  it("reads every page of a wallet's addresses for disaster recovery (the CLI's --wallet pager)", async () => {
    for (const count of [50, 5]) {
      await call(env.api.wallets, "createAddress", ready.walletId, { CreateAddressRequest: { chain_id: "XTN", count } });
    }
    const signedGet = async (pathAndQuery: string): Promise<unknown> => {
      const url = new URL(env.sandbox.origin + pathAndQuery);
      const headers = signApiRequest(env.secret, {
        method: "GET",
        path: url.pathname,
        nonce: `${Date.now()}${Math.random()}`,
        query: url.search.slice(1),
        body: "",
      });
      const res = await fetch(url, { headers: { ...headers } });
      if (!res.ok) throw new Error(`${pathAndQuery}: ${await res.text()}`);
      return res.json();
    };
    const first = await call(env.api.wallets, "listAddresses", ready.walletId, { limit: 50 });
    const total = (first.pagination as Plain).total_count as number;
    expect(total).toBeGreaterThan(50);
    const all = await listAllWalletAddresses(signedGet, ready.walletId);
    expect(all).toHaveLength(total);
    expect(new Set(all.map((a) => `${a.chain_id}:${a.address}`)).size).toBe(total);
    const exp2 = phone2.exportRecoveryKeyShares([recoveryTssGroupId], "export pass 2");
    const exp3 = phone3.exportRecoveryKeyShares([recoveryTssGroupId], "export pass 3");
    const recover = new UCWRecoverKey(recoveryTssGroupId);
    recover.importRecoveryKeyShare(exp2, "export pass 2");
    recover.importRecoveryKeyShare(exp3, "export pass 3");
    const recovered = await recover.recoverPrivateKeys(all.map((a) => ({ bip32Path: a.path, publicKey: a.pubkey })));
    expect(recovered.keys.map((k) => bytesToHex(secp256k1.getPublicKey(hexToBytes(k.privateKey), true)))).toEqual(all.map((a) => a.pubkey));
  });

  it("keeps device passphrases private: a wrong passphrase cannot open a Secrets file", async () => {
    await expect(
      UCW.open({ relayUrl: env.sandbox.origin }, path.join(env.dir, "devices", "phone-2.secrets"), `${DEVICE_PASS}x`),
    ).rejects.toThrow(/wrong passphrase/);
  });
});
