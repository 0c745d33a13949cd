import { describe, expect, it } from "vitest";
import { GET as disasterRecovery } from "@/app/api/v1/vault/disaster-recovery/route";
import { POST as createMainGroupRoute } from "@/app/api/v1/vault/main-group/route";
import { POST as recover } from "@/app/api/v1/vault/recoveries/route";
import { POST as createRecoveryGroup } from "@/app/api/v1/vault/recovery-groups/route";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { POST as createVaultRoute } from "@/app/api/v1/vault/route";
import { getCoboGateway } from "@/lib/cobo/client";
import { resetEnvCache } from "@/lib/env";
import { checkHealth } from "@/lib/observability/check-health";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newAppUser, type TestAppUser } from "../helpers/app-users";
import { createDevice, readyAppUser, waitFor, type VirtualDevice } from "../helpers/device";
import { sandboxRequest } from "../helpers/sandbox";

// Schemes and groups as Cobo documents them: designated signers in 2-3 and 3-3 Main Groups, the
// project's scheme at Cobo checked against UCW_SCHEME, reshare source nodes taken from the group
// being reshared (in a stable order), and every curve's root key and key share group stored and
// exported for disaster recovery.

const app = setupAppHarness({ env: { UCW_SCHEME: "2-3", UCW_COSIGNER_NODE_IDS: "coboNodePlaceholder01" } });

type Creation = { key_share_holder_group_id: string; tss_request_id: string };
type Curves = { curve: string; root_pubkey: string | null; tss_key_share_group_id?: string }[];

function setEnv(values: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

async function approveAll(devices: VirtualDevice[], tssRequestId: string): Promise<void> {
  for (const d of devices) {
    await waitFor(async () => (await d.pendingTss()).some((r) => r.tss_request_id === tssRequestId), `${d.name} to see ${tssRequestId}`);
    await d.approveTss([tssRequestId]);
  }
  await waitFor(async () => (await syncTssRequest(tssRequestId)).status === "Success", "the TSS request to succeed", 90_000);
}

/** The holders of a group as stored, by kind: [kind, signer]. */
async function storedSigners(coboGroupId: string): Promise<[string, boolean][]> {
  const members = await app.db.groupMember.findMany({
    where: { group: { coboGroupId } },
    select: { signer: true, node: { select: { kind: true } } },
  });
  return members.map((m): [string, boolean] => [m.node.kind, m.signer]).sort();
}

/** The holders of a group as Cobo (the sandbox) has them: [type or node, signer]. */
async function coboSigners(coboVaultId: string, coboGroupId: string, cosigner: string): Promise<[string, boolean][]> {
  const remote = await getCoboGateway().getKeyShareHolderGroup(coboVaultId, coboGroupId);
  return (remote.key_share_holders ?? [])
    .map((h): [string, boolean] => [h.type === "Cobo" ? "cobo" : h.tss_node_id === cosigner ? "cosigner" : "user", h.signer ?? false])
    .sort();
}

async function userWithVault(prefix: string): Promise<TestAppUser & { nodeId: string; coboVaultId: string }> {
  const user = await newAppUser(prefix);
  const nodeId = `coboNode${prefix}${Date.now()}`;
  expect((await call(registerNode, { path: "/api/v1/tss-nodes", token: user.token, body: { tss_node_id: nodeId } })).status).toBe(201);
  const vault = await call(createVaultRoute, { path: "/api/v1/vault", method: "POST", token: user.token });
  expect(vault.status).toBe(201);
  return { ...user, nodeId, coboVaultId: (vault.body as { vault_id: string }).vault_id };
}

let cosigner = "";

describe("a 2-3 Main Group", () => {
  it(
    "designates the device (not the co-signer) as Cobo's second signer, stores every curve's keys, reshares from the group's own holders",
    { timeout: 400_000 },
    async () => {
      cosigner = (await sandboxRequest<{ node_id: string }>(app.sandbox, "POST", "/_sandbox/cosigners", { name: "server" })).body.node_id;
      setEnv({ UCW_COSIGNER_NODE_IDS: cosigner });
      const user = await readyAppUser(app.sandbox, "twothree");
      const vaultRow = await app.db.vault.findFirstOrThrow({
        where: { userId: user.id },
        select: { coboVaultId: true, rootPubkey: true, rootPubkeys: true, activeMainGroup: true },
      });
      const coboVaultId = vaultRow.coboVaultId!;
      const mainCoboId = vaultRow.activeMainGroup!.coboGroupId!;

      // Signers: Cobo and the user's device; the co-signer holds a share but does not sign.
      expect(await storedSigners(mainCoboId)).toEqual([
        ["cobo", true],
        ["cosigner", false],
        ["user", true],
      ]);
      expect(await coboSigners(coboVaultId, mainCoboId, cosigner)).toEqual([
        ["cobo", true],
        ["cosigner", false],
        ["user", true],
      ]);

      // Every curve's root key and key share group, as Cobo reports them.
      const remoteVault = await getCoboGateway().getMpcVault(coboVaultId);
      const remoteMain = await getCoboGateway().getKeyShareHolderGroup(coboVaultId, mainCoboId);
      expect(remoteVault.root_pubkeys?.map((k) => k.curve)).toEqual(["SECP256K1", "ED25519"]);
      expect(vaultRow.rootPubkeys).toEqual(remoteVault.root_pubkeys?.map((k) => ({ curve: k.curve, root_pubkey: k.root_pubkey })));
      expect(vaultRow.rootPubkey).toBe(remoteVault.root_pubkeys?.[0]?.root_pubkey);
      const mainRow = await app.db.keyShareHolderGroup.findUniqueOrThrow({
        where: { coboGroupId: mainCoboId },
        select: { tssKeyShareGroups: true, tssKeyShareGroupId: true },
      });
      expect(mainRow.tssKeyShareGroups).toEqual(
        remoteMain.tss_key_share_groups?.map((k) => ({
          tss_key_share_group_id: k.tss_key_share_group_id,
          curve: k.curve,
          root_pubkey: k.root_pubkey,
        })),
      );
      expect(mainRow.tssKeyShareGroupId).toBe(
        remoteMain.tss_key_share_groups?.find((k) => k.curve === "SECP256K1")?.tss_key_share_group_id,
      );

      // Recovery Group: the reshare's source is the Main Group's own holders, Cobo's first, then
      // its designated signer (the device), cut to the threshold: never the non-signing co-signer.
      const phones = await Promise.all(["rg-a", "rg-b", "rg-c"].map((p) => createDevice(app.sandbox, p)));
      const rg = await call(createRecoveryGroup, {
        path: "/api/v1/vault/recovery-groups",
        token: user.token,
        body: { tss_node_ids: phones.map((p) => p.nodeId) },
      });
      expect(rg.status).toBe(201);
      const rgCreation = rg.body as Creation;
      const reshare = await getCoboGateway().getTssRequest(coboVaultId, rgCreation.tss_request_id);
      expect(reshare.source_key_share_holder_group).toEqual({
        key_share_holder_group_id: mainCoboId,
        tss_node_ids: [app.sandbox.info.cobo_node_id, user.device.nodeId],
      });
      await approveAll([user.device, ...phones], rgCreation.tss_request_id);

      // Recovery onto a new phone: the source is the Recovery Group's own devices in node id order,
      // cut to its threshold (2 of its 3).
      const phone4 = await createDevice(app.sandbox, "rec-new");
      expect(
        (await call(registerNode, { path: "/api/v1/tss-nodes", token: user.token, body: { tss_node_id: phone4.nodeId } })).status,
      ).toBe(201);
      const started = await call(recover, {
        path: "/api/v1/vault/recoveries",
        token: user.token,
        body: { recovery_group_id: rgCreation.key_share_holder_group_id, tss_node_id: phone4.nodeId },
      });
      expect(started.status).toBe(201);
      const recovery = await getCoboGateway().getTssRequest(coboVaultId, (started.body as Creation).tss_request_id);
      expect(recovery.source_key_share_holder_group).toEqual({
        key_share_holder_group_id: rgCreation.key_share_holder_group_id,
        tss_node_ids: phones
          .map((p) => p.nodeId)
          .sort()
          .slice(0, 2),
      });

      // Disaster recovery: every curve's root key, every group's key share groups.
      const info = (await call(disasterRecovery, { path: "/api/v1/vault/disaster-recovery", token: user.token })).body as {
        root_pubkey: string;
        root_pubkeys: Curves;
        key_share_holder_groups: { key_share_holder_group_id: string; tss_key_share_group_id: string; tss_key_share_groups: Curves }[];
      };
      expect(info.root_pubkeys).toEqual(remoteVault.root_pubkeys?.map((k) => ({ curve: k.curve, root_pubkey: k.root_pubkey })));
      const remoteRg = await getCoboGateway().getKeyShareHolderGroup(coboVaultId, rgCreation.key_share_holder_group_id);
      for (const remote of [remoteMain, remoteRg]) {
        const listed = info.key_share_holder_groups.find((g) => g.key_share_holder_group_id === remote.key_share_holder_group_id)!;
        expect(listed.tss_key_share_groups.map((k) => k.curve)).toEqual(["SECP256K1", "ED25519"]);
        expect(listed.tss_key_share_groups).toEqual(
          remote.tss_key_share_groups?.map((k) => ({
            tss_key_share_group_id: k.tss_key_share_group_id,
            curve: k.curve,
            root_pubkey: k.root_pubkey,
          })),
        );
        expect(listed.tss_key_share_group_id).toBe(listed.tss_key_share_groups[0]?.tss_key_share_group_id);
      }
      // The Recovery Group carries the same roots as the vault, for both curves.
      expect(remoteRg.tss_key_share_groups?.map((k) => k.root_pubkey)).toEqual(info.root_pubkeys.map((k) => k.root_pubkey));
    },
  );
});

describe("a 3-3 Main Group", () => {
  it("designates every holder a signer", { timeout: 120_000 }, async () => {
    const project = await getCoboGateway().createMpcProject({ name: "three of three", participants: 3, threshold: 3 });
    setEnv({ UCW_SCHEME: "3-3", COBO_PROJECT_ID: project.project_id });
    const user = await userWithVault("threethree");
    const res = await call(createMainGroupRoute, {
      path: "/api/v1/vault/main-group",
      token: user.token,
      body: { tss_node_id: user.nodeId },
    });
    expect(res.status).toBe(201);
    const group = (res.body as Creation).key_share_holder_group_id;
    expect(await storedSigners(group)).toEqual([
      ["cobo", true],
      ["cosigner", true],
      ["user", true],
    ]);
    expect(await coboSigners(user.coboVaultId, group, cosigner)).toEqual([
      ["cobo", true],
      ["cosigner", true],
      ["user", true],
    ]);
  });
});

describe("the project's scheme at Cobo", () => {
  it(
    "must be UCW_SCHEME: a mismatch refuses vaults and Main Groups with a clear error, and health reports it",
    { timeout: 120_000 },
    async () => {
      // A vault made in the 3-3 project while UCW_SCHEME was 3-3 …
      const earlier = await userWithVault("switched");
      const twoTwo = await getCoboGateway().createMpcProject({ name: "two of two", participants: 2, threshold: 2 });
      setEnv({ UCW_SCHEME: "2-3", COBO_PROJECT_ID: twoTwo.project_id });

      // … no new vault in a 2-2 project while UCW_SCHEME says 2-3: nothing is made at Cobo.
      const user = await newAppUser("mismatch");
      const refused = await call(createVaultRoute, { path: "/api/v1/vault", method: "POST", token: user.token });
      expect(refused.status).toBe(412);
      expect(refused.body).toMatchObject({ code: "precondition_failed" });
      expect((refused.body as { detail: string }).detail).toBe(
        `The MPC project ${twoTwo.project_id} at Cobo has the scheme 2-2, but UCW_SCHEME is 2-3: set UCW_SCHEME=2-2 or point COBO_PROJECT_ID at a 2-3 project.`,
      );
      expect((await getCoboGateway().listMpcVaults({ project_id: twoTwo.project_id })).data).toEqual([]);
      expect(await app.db.vault.count({ where: { userId: user.id } })).toBe(0);

      // … and the earlier vault's project (3-3) is not 2-3 either: its Main Group is refused.
      const main = await call(createMainGroupRoute, {
        path: "/api/v1/vault/main-group",
        token: earlier.token,
        body: { tss_node_id: earlier.nodeId },
      });
      expect(main.status).toBe(412);
      expect((main.body as { detail: string }).detail).toContain("has the scheme 3-3, but UCW_SCHEME is 2-3");

      const health = await checkHealth();
      expect(health.scheme).toMatchObject({ status: "mismatch", configured: "2-3", atCobo: "2-2" });
      expect(health.status).toBe("degraded");

      // With UCW_SCHEME matching, the same project works.
      setEnv({ UCW_SCHEME: "2-2" });
      expect((await call(createVaultRoute, { path: "/api/v1/vault", method: "POST", token: user.token })).status).toBe(201);
      expect((await checkHealth()).scheme).toMatchObject({ status: "ok", configured: "2-2", atCobo: "2-2" });
    },
  );
});
