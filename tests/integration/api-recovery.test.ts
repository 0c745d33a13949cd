import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POST as createAddress } from "@/app/api/v1/wallets/[wallet_id]/addresses/route";
import { POST as createWallet } from "@/app/api/v1/wallets/route";
import { GET as disasterRecovery } from "@/app/api/v1/vault/disaster-recovery/route";
import { POST as recover } from "@/app/api/v1/vault/recoveries/route";
import { GET as listRecoveryGroups, POST as createRecoveryGroup } from "@/app/api/v1/vault/recovery-groups/route";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { GET as getVault, POST as createVault } from "@/app/api/v1/vault/route";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newAppUser } from "../helpers/app-users";
import { createDevice, disasterRecoveryTool, readyAppUser, waitFor, type VirtualDevice } from "../helpers/device";

// The guide's backup-and-restore section through the Client API: a Recovery Group from two other
// devices, recovery of the Main Group onto a new phone (the old group kept as history, the
// addresses unchanged), and offline disaster recovery from the Recovery Group's exported shares
// reconstructing the keys of the addresses the backend reports.

const app = setupAppHarness();

type Group = {
  key_share_holder_group_id: string;
  group_type: string;
  status: string;
  lifecycle: string;
  active: boolean;
  root_pubkey: string | null;
  members: { tss_node_id: string }[];
};
type Vault = { main_group_id: string; root_pubkey: string | null; groups: Group[] };
type Creation = { key_share_holder_group_id: string; tss_request_id: string; created: boolean };

async function approveAll(devices: VirtualDevice[], tssRequestId: string) {
  for (const d of devices) {
    await waitFor(async () => (await d.pendingTss()).some((r) => r.tss_request_id === tssRequestId), `${d.name} to see ${tssRequestId}`);
    await d.approveTss([tssRequestId]);
  }
  await waitFor(async () => (await syncTssRequest(tssRequestId)).status === "Success", "the TSS request to succeed", 90_000);
}

describe("Recovery Group, recovery and disaster recovery", () => {
  it("runs the guide's backup and restore flows end to end", { timeout: 300_000 }, async () => {
    const user = await readyAppUser(app.sandbox, "backup");
    const wallet = (await call(createWallet, { path: "/api/v1/wallets", token: user.token, body: { name: "savings" } })).body as {
      wallet_id: string;
    };
    const address = (
      await call(createAddress, {
        path: `/api/v1/wallets/${wallet.wallet_id}/addresses`,
        params: { wallet_id: wallet.wallet_id },
        token: user.token,
        body: { chain_id: "XTN" },
      })
    ).body as { address: string; path: string; pubkey: string };
    const before = (await call(getVault, { path: "/api/v1/vault", token: user.token })).body as Vault;

    // Create a Recovery Group from two other devices (the guide's Apps 2 and 3)
    const phone2 = await createDevice(app.sandbox, "phone2");
    const phone3 = await createDevice(app.sandbox, "phone3");
    const tooFew = await call(createRecoveryGroup, {
      path: "/api/v1/vault/recovery-groups",
      token: user.token,
      body: { tss_node_ids: [phone2.nodeId] },
    });
    expect(tooFew.status).toBe(422);
    const overlap = await call(createRecoveryGroup, {
      path: "/api/v1/vault/recovery-groups",
      token: user.token,
      body: { tss_node_ids: [phone2.nodeId, user.device.nodeId] },
    });
    expect(overlap.status).toBe(422);
    // Another user's device is "not found" (node ids of other accounts cannot be probed), and no
    // group is made that holds it.
    const victim = await newAppUser("victim");
    expect(
      (await call(registerNode, { path: "/api/v1/tss-nodes", token: victim.token, body: { tss_node_id: "coboNodeVictim01" } })).status,
    ).toBe(201);
    const foreign = await call(createRecoveryGroup, {
      path: "/api/v1/vault/recovery-groups",
      token: user.token,
      body: { tss_node_ids: [phone2.nodeId, "coboNodeVictim01"] },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: "not_found", detail: "TSS node coboNodeVictim01 was not found." });
    expect(await app.db.keyShareHolderGroup.count({ where: { groupType: "RecoveryGroup" } })).toBe(0);
    expect(await app.db.groupMember.count({ where: { node: { nodeId: "coboNodeVictim01" } } })).toBe(0);
    expect(await app.db.tssNode.findUniqueOrThrow({ where: { nodeId: "coboNodeVictim01" }, select: { userId: true } })).toEqual({
      userId: victim.id,
    });
    // The refused request registered nothing, not even the caller's own new device listed with it.
    expect(await app.db.tssNode.count({ where: { nodeId: phone2.nodeId } })).toBe(0);
    expect((await call(listRecoveryGroups, { path: "/api/v1/vault/recovery-groups", token: user.token })).body).toEqual({ data: [] });

    const created = await call(createRecoveryGroup, {
      path: "/api/v1/vault/recovery-groups",
      token: user.token,
      body: { tss_node_ids: [phone2.nodeId, phone3.nodeId] },
    });
    expect(created.status).toBe(201);
    const rg = created.body as Creation;
    await approveAll([user.device, phone2, phone3], rg.tss_request_id);
    const groups = (await call(listRecoveryGroups, { path: "/api/v1/vault/recovery-groups", token: user.token })).body as { data: Group[] };
    expect(groups.data).toHaveLength(1);
    expect(groups.data[0]).toMatchObject({
      key_share_holder_group_id: rg.key_share_holder_group_id,
      status: "Valid",
      lifecycle: "active",
      root_pubkey: before.root_pubkey,
    });

    // Lost phone: recover the Main Group onto phone 4 from the Recovery Group
    const phone4 = await createDevice(app.sandbox, "phone4");
    const otherUser = await newAppUser("thief");
    const stolen = await call(recover, {
      path: "/api/v1/vault/recoveries",
      token: otherUser.token,
      body: { recovery_group_id: rg.key_share_holder_group_id, tss_node_id: phone4.nodeId },
    });
    expect(stolen.status).toBe(409); // no vault of theirs; and never someone else's group
    // A thief with a vault of their own: the victim's Recovery Group is not found, nothing starts.
    expect((await call(createVault, { path: "/api/v1/vault", method: "POST", token: otherUser.token })).status).toBe(201);
    const groupsBefore = await app.db.keyShareHolderGroup.count();
    const requestsBefore = await app.db.tssRequest.count();
    const stolenWithVault = await call(recover, {
      path: "/api/v1/vault/recoveries",
      token: otherUser.token,
      body: { recovery_group_id: rg.key_share_holder_group_id, tss_node_id: phone4.nodeId },
    });
    expect(stolenWithVault.status).toBe(404);
    expect(stolenWithVault.body).toMatchObject({ code: "not_found", detail: "That Recovery Group was not found." });
    expect([await app.db.keyShareHolderGroup.count(), await app.db.tssRequest.count()]).toEqual([groupsBefore, requestsBefore]);
    expect(await app.db.keyShareHolderGroup.count({ where: { vault: { userId: otherUser.id } } })).toBe(0);
    expect(await app.db.tssNode.count({ where: { nodeId: phone4.nodeId } })).toBe(0);
    // The new phone registers its node first, as for a first Main Group.
    const unregistered = await call(recover, {
      path: "/api/v1/vault/recoveries",
      token: user.token,
      body: { recovery_group_id: rg.key_share_holder_group_id, tss_node_id: phone4.nodeId },
    });
    expect(unregistered.status).toBe(422);
    expect(unregistered.body).toMatchObject({ errors: [{ path: "body.tss_node_id" }] });
    // Recovery onto the current Main Group's own device (the lost phone) would change nothing and
    // block the real recovery: refused, and nothing starts.
    const requestsBeforeNoop = await app.db.tssRequest.count();
    const noop = await call(recover, {
      path: "/api/v1/vault/recoveries",
      token: user.token,
      body: { recovery_group_id: rg.key_share_holder_group_id, tss_node_id: user.device.nodeId },
    });
    expect(noop.status).toBe(422);
    expect(noop.body).toMatchObject({ errors: [{ path: "body.tss_node_id", message: expect.stringContaining("current Main Group") }] });
    expect(await app.db.tssRequest.count()).toBe(requestsBeforeNoop);
    expect((await call(registerNode, { path: "/api/v1/tss-nodes", token: user.token, body: { tss_node_id: phone4.nodeId } })).status).toBe(
      201,
    );
    const started = await call(recover, {
      path: "/api/v1/vault/recoveries",
      token: user.token,
      body: { recovery_group_id: rg.key_share_holder_group_id, tss_node_id: phone4.nodeId },
    });
    expect(started.status).toBe(201);
    const rec = started.body as Creation;
    const again = await call(recover, {
      path: "/api/v1/vault/recoveries",
      token: user.token,
      body: { recovery_group_id: rg.key_share_holder_group_id, tss_node_id: phone4.nodeId },
    });
    expect(again.body).toMatchObject({ tss_request_id: rec.tss_request_id, created: false });
    await approveAll([phone2, phone3, phone4], rec.tss_request_id);

    const after = (await call(getVault, { path: "/api/v1/vault", token: user.token })).body as Vault;
    expect(after.main_group_id).toBe(rec.key_share_holder_group_id);
    expect(after.root_pubkey).toBe(before.root_pubkey);
    const oldMain = after.groups.find((g) => g.key_share_holder_group_id === before.main_group_id)!;
    const newMain = after.groups.find((g) => g.key_share_holder_group_id === rec.key_share_holder_group_id)!;
    expect(oldMain).toMatchObject({ lifecycle: "superseded", active: false });
    expect(newMain).toMatchObject({ lifecycle: "active", active: true, status: "Valid" });
    expect(newMain.members.map((m) => m.tss_node_id)).toContain(phone4.nodeId);

    // Disaster recovery: the backend lists every address with path and public key; two Recovery
    // Group devices export their shares; the offline tool rebuilds the keys of those addresses.
    const info = (await call(disasterRecovery, { path: "/api/v1/vault/disaster-recovery", token: user.token })).body as {
      addresses: { address: string; path: string; pubkey: string }[];
      key_share_holder_groups: { key_share_holder_group_id: string; tss_key_share_group_id: string | null }[];
    };
    expect(info.addresses).toEqual([expect.objectContaining({ address: address.address, path: address.path, pubkey: address.pubkey })]);
    const keyGroup = info.key_share_holder_groups.find(
      (g) => g.key_share_holder_group_id === rg.key_share_holder_group_id,
    )!.tss_key_share_group_id!;
    const dir = await mkdtemp(path.join(tmpdir(), "ucw-dr-"));
    const files = [path.join(dir, "p2.rec"), path.join(dir, "p3.rec")];
    await phone2.cli(["export-recovery", "--groups", keyGroup, "--export-passphrase", "recovery passphrase", "--out", files[0]!]);
    await phone3.cli(["export-recovery", "--groups", keyGroup, "--export-passphrase", "recovery passphrase", "--out", files[1]!]);
    const keys = info.addresses.map((a) => `${a.path}:${a.pubkey}`).join(",");
    const recovered = (await disasterRecoveryTool(app.sandbox, [
      "--group",
      keyGroup,
      "--share",
      files[0]!,
      "--share",
      files[1]!,
      "--export-passphrase",
      "recovery passphrase",
      "--keys",
      keys,
    ])) as {
      rootPubkey: string;
      keys: { bip32Path: string; publicKey: string; privateKey: string }[];
    };
    expect(recovered.rootPubkey).toBe(before.root_pubkey);
    expect(recovered.keys).toEqual([
      expect.objectContaining({ bip32Path: address.path, publicKey: address.pubkey, privateKey: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
  });
});
