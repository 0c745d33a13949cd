import { describe, expect, it } from "vitest";
import { getCoboGateway } from "@/lib/cobo/client";
import { POST as createMainGroup } from "@/app/api/v1/vault/main-group/route";
import { GET as listRecoveryGroups, POST as createRecoveryGroup } from "@/app/api/v1/vault/recovery-groups/route";
import { GET as getVault, POST as createVault } from "@/app/api/v1/vault/route";
import { GET as disasterRecovery } from "@/app/api/v1/vault/disaster-recovery/route";
import { GET as getTssRequest } from "@/app/api/v1/tss-requests/[tss_request_id]/route";
import { POST as reportTssRequest } from "@/app/api/v1/tss-requests/[tss_request_id]/reports/route";
import { GET as listTssRequests } from "@/app/api/v1/tss-requests/route";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newAppUser, type TestAppUser } from "../helpers/app-users";

const app = setupAppHarness();

type Vault = {
  vault_id: string;
  status: string;
  groups: { key_share_holder_group_id: string; lifecycle: string; members: { tss_node_id: string; owner: string }[] }[];
};
type Creation = { key_share_holder_group_id: string; tss_request_id: string; tss_request_status: string; created: boolean };

async function withVault(prefix: string, nodeId?: string): Promise<TestAppUser & { vaultId: string }> {
  const u = await newAppUser(prefix);
  if (nodeId)
    expect((await call(registerNode, { path: "/api/v1/tss-nodes", token: u.token, body: { tss_node_id: nodeId } })).status).toBe(201);
  const res = await call(createVault, { path: "/api/v1/vault", method: "POST", token: u.token });
  expect(res.status).toBe(201);
  return { ...u, vaultId: (res.body as Vault).vault_id };
}

describe("vault", () => {
  it("creates the caller's vault at Cobo once; calling again returns the same vault", async () => {
    const u = await newAppUser("vault");
    expect((await call(getVault, { path: "/api/v1/vault", token: u.token })).status).toBe(404);
    const first = await call(createVault, { path: "/api/v1/vault", method: "POST", token: u.token });
    expect(first.status).toBe(201);
    const vault = first.body as Vault;
    expect(vault).toMatchObject({ status: "Created", groups: [] });
    const again = await call(createVault, { path: "/api/v1/vault", method: "POST", token: u.token });
    expect(again.status).toBe(200);
    expect((again.body as Vault).vault_id).toBe(vault.vault_id);
    // Cobo really has it, in the project this backend uses, under the user's stable name, kept
    // within Cobo's name rules (no `+ - = @`: the user id's dashes are dropped)
    const remote = await getCoboGateway().getMpcVault(vault.vault_id);
    expect(remote.name).toBe(`ucw_${u.id.replaceAll("-", "")}`);
    expect(remote.name).toMatch(/^[A-Za-z0-9_]{1,100}$/);
    expect(await app.db.vault.count({ where: { userId: u.id } })).toBe(1);
  });

  it("adopts the vault Cobo made when an earlier attempt died before storing its id", async () => {
    const u = await newAppUser("crashed");
    // Simulate the crash: Cobo made the vault, our row never got its id, and the lease ran out.
    const projectId = (await app.db.systemSetting.findUniqueOrThrow({ where: { key: "cobo.sandbox_project_id" } })).value as string;
    const made = await getCoboGateway().createMpcVault({ project_id: projectId, name: `ucw-${u.id}` });
    await app.db.vault.create({
      data: { userId: u.id, name: `ucw-${u.id}`, coboProjectId: projectId, status: "Creating", updatedAt: new Date(Date.now() - 60_000) },
    });
    const res = await call(createVault, { path: "/api/v1/vault", method: "POST", token: u.token });
    expect(res.status).toBe(201);
    expect((res.body as Vault).vault_id).toBe(made.vault_id);
  });
});

describe("Main Group", () => {
  it("creates the group with the user's node and Cobo's holder, and the KeyGen request; repeating is safe", async () => {
    const u = await withVault("main", "coboNodeMain0001");
    const res = await call(createMainGroup, {
      path: "/api/v1/vault/main-group",
      token: u.token,
      body: { tss_node_id: "coboNodeMain0001" },
    });
    expect(res.status).toBe(201);
    const created = res.body as Creation;
    expect(created).toMatchObject({ created: true, tss_request_status: "PendingKeyHolderConfirmation" });

    const again = await call(createMainGroup, {
      path: "/api/v1/vault/main-group",
      token: u.token,
      body: { tss_node_id: "coboNodeMain0001" },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      key_share_holder_group_id: created.key_share_holder_group_id,
      tss_request_id: created.tss_request_id,
      created: false,
    });

    const vault = (await call(getVault, { path: "/api/v1/vault", token: u.token })).body as Vault;
    expect(vault.status).toBe("MainGroupCreated");
    expect(vault.groups).toHaveLength(1);
    const owners = vault.groups[0]!.members.map((m) => m.owner).sort();
    expect(owners).toEqual(["cobo", "user"]);
    expect(vault.groups[0]!.lifecycle).toBe("pending");

    // at Cobo: one group, one TSS request targeting it
    const remote = await getCoboGateway().listTssRequests(u.vaultId, created.key_share_holder_group_id);
    expect(remote.data.map((r) => r.tss_request_id)).toEqual([created.tss_request_id]);
  });

  it("lists and shows the user's TSS requests with their timeline; reports never change Cobo's status", async () => {
    const u = await withVault("tss", "coboNodeTss00001");
    const created = (
      await call(createMainGroup, { path: "/api/v1/vault/main-group", token: u.token, body: { tss_node_id: "coboNodeTss00001" } })
    ).body as Creation;
    const list = await call(listTssRequests, {
      path: "/api/v1/tss-requests?tss_node_id=coboNodeTss00001&status=PendingKeyHolderConfirmation",
      token: u.token,
    });
    expect(list.body).toMatchObject({ data: [{ tss_request_id: created.tss_request_id, type: "KeyGen" }], next_cursor: null });
    const none = await call(listTssRequests, { path: "/api/v1/tss-requests?status=Success", token: u.token });
    expect(none.body).toMatchObject({ data: [] });

    const report = await call(reportTssRequest, {
      path: `/api/v1/tss-requests/${created.tss_request_id}/reports`,
      params: { tss_request_id: created.tss_request_id },
      token: u.token,
      body: { result: "approved", message: "user tapped approve", tss_node_id: "coboNodeTss00001" },
    });
    expect(report.status).toBe(200);
    const detail = report.body as {
      status: string;
      timeline: { source: string; applied: boolean; to_status: string; note: string | null }[];
    };
    // the status is Cobo's (re-read on the report), never the app's word
    const remote = await getCoboGateway().getTssRequest(u.vaultId, created.tss_request_id);
    expect(detail.status).toBe(remote.status);
    expect(detail.status).not.toBe("approved");
    expect(detail.timeline[0]).toMatchObject({ source: "api", applied: true, to_status: "PendingKeyHolderConfirmation" });
    expect(detail.timeline.find((t) => t.source === "app")).toMatchObject({ applied: false, to_status: "approved" });
  });

  it("another user's TSS request and node are not found; no vault is a conflict", async () => {
    const owner = await withVault("owner", "coboNodeOwner001");
    const created = (
      await call(createMainGroup, { path: "/api/v1/vault/main-group", token: owner.token, body: { tss_node_id: "coboNodeOwner001" } })
    ).body as Creation;
    // the owner reads it, with its timeline
    const mine = await call(getTssRequest, {
      path: `/api/v1/tss-requests/${created.tss_request_id}`,
      params: { tss_request_id: created.tss_request_id },
      token: owner.token,
    });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      tss_request_id: created.tss_request_id,
      type: "KeyGen",
      status: "PendingKeyHolderConfirmation",
      target_key_share_holder_group_id: created.key_share_holder_group_id,
      target_group_type: "MainGroup",
      tss_node_ids: expect.arrayContaining(["coboNodeOwner001"]),
      timeline: [expect.objectContaining({ to_status: "PendingKeyHolderConfirmation", applied: true })],
    });

    const intruder = await withVault("intruder");
    const get = await call(getTssRequest, {
      path: `/api/v1/tss-requests/${created.tss_request_id}`,
      params: { tss_request_id: created.tss_request_id },
      token: intruder.token,
    });
    expect(get.status).toBe(404);
    expect(get.body).toMatchObject({ code: "not_found" });
    const rep = await call(reportTssRequest, {
      path: `/api/v1/tss-requests/${created.tss_request_id}/reports`,
      params: { tss_request_id: created.tss_request_id },
      token: intruder.token,
      body: { result: "rejected" },
    });
    expect(rep.status).toBe(404);
    // Another account's node is refused like an unknown one: 422 naming the field, nothing started.
    const steal = await call(createMainGroup, {
      path: "/api/v1/vault/main-group",
      token: intruder.token,
      body: { tss_node_id: "coboNodeOwner001" },
    });
    expect(steal.status).toBe(422);
    expect(steal.body).toMatchObject({ code: "invalid_input", errors: [{ path: "body.tss_node_id" }] });
    const unknown = await call(createMainGroup, {
      path: "/api/v1/vault/main-group",
      token: intruder.token,
      body: { tss_node_id: "coboNodeNobody01" },
    });
    expect(unknown.status).toBe(422);
    expect((unknown.body as { detail: string }).detail).toBe(
      (steal.body as { detail: string }).detail.replace("coboNodeOwner001", "coboNodeNobody01"),
    );
    expect(await app.db.tssNode.count({ where: { nodeId: "coboNodeNobody01" } })).toBe(0);
    expect(await app.db.keyShareHolderGroup.count({ where: { vault: { userId: intruder.id } } })).toBe(0);
    expect(
      await app.db.tssRequestStatusChange.count({ where: { source: "app", tssRequest: { coboTssRequestId: created.tss_request_id } } }),
    ).toBe(0);

    const novault = await newAppUser("novault");
    const res = await call(createMainGroup, {
      path: "/api/v1/vault/main-group",
      token: novault.token,
      body: { tss_node_id: "coboNodeNoVault1" },
    });
    expect(res.status).toBe(409);
  });

  it("refuses a Recovery Group before the Main Group has keys", async () => {
    const u = await withVault("early");
    await call(registerNode, { path: "/api/v1/tss-nodes", token: u.token, body: { tss_node_id: "coboNodeEarly001" } });
    const res = await call(createRecoveryGroup, {
      path: "/api/v1/vault/recovery-groups",
      token: u.token,
      body: { tss_node_ids: ["coboNodeRec00001", "coboNodeRec00002"] },
    });
    expect(res.status).toBe(409);
    expect((await call(listRecoveryGroups, { path: "/api/v1/vault/recovery-groups", token: u.token })).body).toEqual({ data: [] });
  });

  it("disaster-recovery info is the caller's own and lists what offline recovery needs", async () => {
    const u = await withVault("dr");
    const res = await call(disasterRecovery, { path: "/api/v1/vault/disaster-recovery", token: u.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ vault_id: u.vaultId, addresses: [] });
    const none = await newAppUser("dr-none");
    expect((await call(disasterRecovery, { path: "/api/v1/vault/disaster-recovery", token: none.token })).status).toBe(404);
  });
});
