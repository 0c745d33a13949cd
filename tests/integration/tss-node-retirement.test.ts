import { beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as getVault } from "@/app/api/v1/vault/route";
import { POST as reportBackup } from "@/app/api/v1/tss-nodes/[tss_node_id]/secrets-backups/route";
import { POST as retireNode } from "@/app/api/v1/tss-nodes/[tss_node_id]/retire/route";
import { GET as listNodes, POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { POST as recover } from "@/app/api/v1/vault/recoveries/route";
import { POST as createRecoveryGroup } from "@/app/api/v1/vault/recovery-groups/route";
import { createRecoveryGroupAction, recoverMainGroupAction, retireTssNodeAction } from "@/app/(console)/users/[id]/actions";
import type { ActionResult } from "@/components/actions/action-result";
import { getUserDetail } from "@/lib/console/get-user-detail";
import { getUserGroupOptions } from "@/lib/console/get-user-group-options";
import { getVaultDetail } from "@/lib/console/get-vault-detail";
import { runConsoleActionAs } from "@/lib/http/console-action";
import { createConsoleUser, type ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { syncTssRequest } from "@/lib/server/tss-requests/sync-tss-request";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newAppUser, type TestAppUser } from "../helpers/app-users";
import { createDevice, readyAppUser, waitFor, type ReadyUser, type VirtualDevice } from "../helpers/device";

// Retiring a lost device (Client API and console), Secrets backup reports, and what the console
// says about a Main Group after recovery, against a real database and the Cobo sandbox.

const app = setupAppHarness();

type Node = {
  tss_node_id: string;
  status: string;
  retirement: { retired_at: string; retired_by: string; reason: string | null } | null;
  secrets_backup: { method: string; backed_up_at: string; reported_at: string } | null;
};
type Creation = { key_share_holder_group_id: string; tss_request_id: string };

let admin: ConsoleIdentity;
let support: ConsoleIdentity;

beforeAll(async () => {
  admin = await createConsoleUser({ email: "admin@retirement.test", role: "admin", password: "admin long password" });
  support = await createConsoleUser({ email: "support@retirement.test", role: "support", password: "support long password" });
}, 120_000);

const retire = (user: { token: string }, nodeId: string, body: unknown) =>
  call(retireNode, { path: `/api/v1/tss-nodes/${nodeId}/retire`, params: { tss_node_id: nodeId }, token: user.token, body });
const backup = (user: { token: string }, nodeId: string, body: unknown) =>
  call(reportBackup, { path: `/api/v1/tss-nodes/${nodeId}/secrets-backups`, params: { tss_node_id: nodeId }, token: user.token, body });
const register = (user: { token: string }, nodeId: string) =>
  call(registerNode, { path: "/api/v1/tss-nodes", token: user.token, body: { tss_node_id: nodeId } });

async function nodeRow(nodeId: string) {
  return app.db.tssNode.findUniqueOrThrow({ where: { nodeId } });
}

async function approveAll(devices: VirtualDevice[], tssRequestId: string) {
  for (const d of devices) {
    await waitFor(async () => (await d.pendingTss()).some((r) => r.tss_request_id === tssRequestId), `${d.name} to see ${tssRequestId}`);
    await d.approveTss([tssRequestId]);
  }
  await waitFor(async () => (await syncTssRequest(tssRequestId)).status === "Success", "the TSS request to succeed", 90_000);
}

function data<T>(result: ActionResult<T>): T {
  if ("error" in result) throw new Error(`expected data, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

describe("retiring a lost device through the Client API", () => {
  let user: ReadyUser;
  let other: TestAppUser;
  let phone2: VirtualDevice;
  let phone3: VirtualDevice;
  let phone4: VirtualDevice;

  beforeAll(async () => {
    user = await readyAppUser(app.sandbox, "retire");
    other = await newAppUser("other");
    expect((await register(other, "otherUsersNode01")).status).toBe(201);
    [phone2, phone3, phone4] = await Promise.all([
      createDevice(app.sandbox, "p2"),
      createDevice(app.sandbox, "p3"),
      createDevice(app.sandbox, "p4"),
    ]);
    for (const p of [phone2, phone3, phone4]) expect((await register(user, p.nodeId)).status).toBe(201);
  }, 180_000);

  it("refuses another user's node and an unknown node with 404, and bad input with 422, changing nothing", async () => {
    const foreign = await retire(user, "otherUsersNode01", { reason: "not mine" });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: "not_found", detail: "TSS node otherUsersNode01 was not found." });
    const unknown = await retire(user, "neverRegistered01", { reason: "no such node" });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: "not_found", detail: "TSS node neverRegistered01 was not found." });
    // Cobo's own holder in the user's Main Group is not the user's node either.
    const coboNode = await app.db.tssNode.findFirstOrThrow({ where: { kind: "cobo" }, select: { nodeId: true } });
    expect((await retire(user, coboNode.nodeId, { reason: "not a device" })).status).toBe(404);

    const noReason = await retire(user, phone2.nodeId, {});
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({ code: "invalid_input", errors: [{ path: "body.reason" }] });
    const blank = await retire(user, phone2.nodeId, { reason: "  " });
    expect(blank.status).toBe(422);
    expect(blank.body).toMatchObject({ errors: [{ path: "body.reason" }] });
    const badId = await retire(user, "no", { reason: "phone lost" });
    expect(badId.status).toBe(422);
    expect(badId.body).toMatchObject({ errors: [{ path: "path.tss_node_id" }] });

    expect((await nodeRow("otherUsersNode01")).status).toBe("active");
    expect((await nodeRow(phone2.nodeId)).status).toBe("active");
    expect(await app.db.tssNode.count({ where: { status: "retired" } })).toBe(0);
  });

  it("retires the caller's node with a reason; retiring again answers the same node; re-registering it is refused", async () => {
    const first = await retire(user, phone2.nodeId, { reason: "phone lost on the train" });
    expect(first.status).toBe(200);
    const node = first.body as Node;
    expect(node).toMatchObject({
      tss_node_id: phone2.nodeId,
      status: "retired",
      retirement: { retired_by: "self", reason: "phone lost on the train", retired_at: expect.any(String) },
    });
    const row = await nodeRow(phone2.nodeId);
    expect(row).toMatchObject({ status: "retired", retiredBy: `user:${user.id}`, retireReason: "phone lost on the train" });

    const second = await retire(user, phone2.nodeId, { reason: "a different story" });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await nodeRow(phone2.nodeId)).toEqual(row);

    const again = await register(user, phone2.nodeId);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "conflict", detail: expect.stringContaining("was retired and cannot be used again") });
    expect((await nodeRow(phone2.nodeId)).status).toBe("retired");

    // The caller's node lists and /me show it retired.
    const listed = (await call(listNodes, { path: "/api/v1/tss-nodes", token: user.token })).body as { data: Node[] };
    expect(listed.data.find((n) => n.tss_node_id === phone2.nodeId)).toEqual(node);
    const me = (await call(getMe, { path: "/api/v1/me", token: user.token })).body as { tss_nodes: Node[] };
    expect(me.tss_nodes.find((n) => n.tss_node_id === phone2.nodeId)).toEqual(node);
  });

  it("refuses a retired node as a Recovery Group member with a 422 naming its item (API and console), creating nothing", async () => {
    const refused = await call(createRecoveryGroup, {
      path: "/api/v1/vault/recovery-groups",
      token: user.token,
      body: { tss_node_ids: [phone3.nodeId, phone2.nodeId] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: "invalid_input", errors: [{ path: "body.tss_node_ids.1" }] });
    const viaConsole = await runConsoleActionAs(createRecoveryGroupAction, admin, {
      userId: user.id,
      nodeIds: [phone2.nodeId, phone3.nodeId],
    });
    expect(viaConsole).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "nodeIds.0" }] } });
    expect(await app.db.keyShareHolderGroup.count({ where: { groupType: "RecoveryGroup", vault: { userId: user.id } } })).toBe(0);

    const options = await getUserGroupOptions(user.id);
    expect(options!.nodes.map((n) => n.nodeId)).not.toContain(phone2.nodeId);
    expect(options!.recoveryCandidates.map((n) => n.nodeId).sort()).toEqual([phone3.nodeId, phone4.nodeId].sort());
  });

  it(
    "after recovery: a retired node is refused as the target; the old Main Group is superseded and its signing unknown until its device is retired",
    { timeout: 300_000 },
    async () => {
      const created = await call(createRecoveryGroup, {
        path: "/api/v1/vault/recovery-groups",
        token: user.token,
        body: { tss_node_ids: [phone3.nodeId, phone4.nodeId] },
      });
      expect(created.status).toBe(201);
      const rg = created.body as Creation;
      await approveAll([user.device, phone3, phone4], rg.tss_request_id);

      const groupsBefore = await app.db.keyShareHolderGroup.count();
      const toRetired = await call(recover, {
        path: "/api/v1/vault/recoveries",
        token: user.token,
        body: { recovery_group_id: rg.key_share_holder_group_id, tss_node_id: phone2.nodeId },
      });
      expect(toRetired.status).toBe(422);
      expect(toRetired.body).toMatchObject({
        code: "invalid_input",
        errors: [{ path: "body.tss_node_id", message: expect.stringContaining("retired") }],
      });
      const viaConsole = await runConsoleActionAs(recoverMainGroupAction, admin, {
        userId: user.id,
        recoveryGroupId: rg.key_share_holder_group_id,
        nodeId: phone2.nodeId,
      });
      expect(viaConsole).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "nodeId" }] } });
      expect(await app.db.keyShareHolderGroup.count()).toBe(groupsBefore);

      const phone5 = await createDevice(app.sandbox, "p5");
      expect((await register(user, phone5.nodeId)).status).toBe(201);
      const started = await call(recover, {
        path: "/api/v1/vault/recoveries",
        token: user.token,
        body: { recovery_group_id: rg.key_share_holder_group_id, tss_node_id: phone5.nodeId },
      });
      expect(started.status).toBe(201);
      const rec = started.body as Creation;
      await approveAll([phone3, phone4, phone5], rec.tss_request_id);

      const vaultId = (await app.db.vault.findUniqueOrThrow({ where: { userId: user.id }, select: { id: true } })).id;
      const oldGroup = async () =>
        (await getVaultDetail(vaultId))!.groups.find((g) => g.groupType === "MainGroup" && g.lifecycle === "superseded")!;
      // The old phone is not retired: whether the old group can still sign is unknown.
      expect((await oldGroup()).supersededSigning).toEqual({ state: "unknown", devices: 1, notRetired: 1 });
      expect((await getVaultDetail(vaultId))!.groups.find((g) => g.isActiveMainGroup)!.supersededSigning).toBeNull();

      // Retire the old phone: the old group's only device is retired.
      expect((await retire(user, user.device.nodeId, { reason: "replaced by the new phone" })).status).toBe(200);
      const old = await oldGroup();
      expect(old.supersededSigning).toEqual({ state: "devices_retired", devices: 1 });
      expect(old.members.find((m) => m.tssNodeId === user.device.nodeId)).toMatchObject({
        nodeStatus: "retired",
        nodeRetiredAt: expect.any(String),
      });
      // The app reads the same from GET /api/v1/vault: the old group's member is a retired device.
      type VaultAnswer = { groups: { key_share_holder_group_id: string; members: { tss_node_id: string; node_status: string }[] }[] };
      const vault = (await call(getVault, { path: "/api/v1/vault", token: user.token })).body as VaultAnswer;
      const members = vault.groups.flatMap((g) => g.members);
      expect(members.find((m) => m.tss_node_id === user.device.nodeId)).toMatchObject({ node_status: "retired" });
      expect(members.find((m) => m.tss_node_id === phone5.nodeId)).toMatchObject({ node_status: "active" });
      // The new Main Group has a device that is not retired: no recovery needed.
      expect((await getUserGroupOptions(user.id))!.activeMainGroup).toMatchObject({ nodeIds: [phone5.nodeId], mustRecover: false });

      // Retiring the only device of the active Main Group (the lost-phone case) is allowed; the
      // console then says the user must recover, and a Recovery Group can no longer be made from it.
      const lost = await runConsoleActionAs(retireTssNodeAction, admin, {
        userId: user.id,
        nodeId: phone5.nodeId,
        reason: "new phone lost too",
      });
      expect(data(lost)).toEqual({ nodeId: phone5.nodeId, retired: true, mustRecover: true });
      expect((await getUserGroupOptions(user.id))!.activeMainGroup).toMatchObject({ mustRecover: true });
      const phone6 = await createDevice(app.sandbox, "p6");
      const phone7 = await createDevice(app.sandbox, "p7");
      const fromLost = await call(createRecoveryGroup, {
        path: "/api/v1/vault/recovery-groups",
        token: user.token,
        body: { tss_node_ids: [phone6.nodeId, phone7.nodeId] },
      });
      expect(fromLost.status).toBe(409);
      expect(fromLost.body).toMatchObject({ code: "conflict", detail: expect.stringContaining("Main Group's device is retired") });
      expect(await app.db.tssNode.count({ where: { nodeId: { in: [phone6.nodeId, phone7.nodeId] } } })).toBe(0);
      expect((await register(user, phone6.nodeId)).status).toBe(201);

      // A Recovery Group with too many retired devices cannot recover: refused, and not offered.
      expect((await retire(user, phone3.nodeId, { reason: "recovery phone broken" })).status).toBe(200);
      expect((await getUserGroupOptions(user.id))!.recoveryGroups).toEqual([]);
      const requestsBefore = await app.db.tssRequest.count();
      const short = await call(recover, {
        path: "/api/v1/vault/recoveries",
        token: user.token,
        body: { recovery_group_id: rg.key_share_holder_group_id, tss_node_id: phone6.nodeId },
      });
      expect(short.status).toBe(409);
      expect(short.body).toMatchObject({ code: "conflict", detail: expect.stringContaining("retired") });
      expect(await app.db.tssRequest.count()).toBe(requestsBefore);
    },
  );
});

describe("Secrets backup reports", () => {
  let user: TestAppUser;
  let other: TestAppUser;

  beforeAll(async () => {
    user = await newAppUser("backup");
    other = await newAppUser("backup-other");
    expect((await register(user, "backupPhoneNode01")).status).toBe(201);
    expect((await register(user, "backupPhoneNode02")).status).toBe(201);
    expect((await register(other, "backupOtherNode01")).status).toBe(201);
  });

  it("records the newest backup per node; repeated and older reports change nothing", async () => {
    const detailBefore = await getUserDetail(user.id);
    expect(detailBefore!.nodes.map((n) => n.secretsBackup)).toEqual([null, null]);

    const first = await backup(user, "backupPhoneNode01", { method: "cloud", backed_up_at: "2026-11-01T10:00:00Z" });
    expect(first.status).toBe(201);
    expect((first.body as Node).secrets_backup).toEqual({
      method: "cloud",
      backed_up_at: "2026-11-01T10:00:00.000Z",
      reported_at: expect.any(String),
    });
    const recorded = await nodeRow("backupPhoneNode01");

    const repeated = await backup(user, "backupPhoneNode01", { method: "cloud", backed_up_at: "2026-11-01T10:00:00Z" });
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual(first.body);
    const older = await backup(user, "backupPhoneNode01", { method: "file", backed_up_at: "2026-10-01T10:00:00+02:00" });
    expect(older.status).toBe(200);
    expect(older.body).toEqual(first.body);
    expect(await nodeRow("backupPhoneNode01")).toEqual(recorded);

    const newer = await backup(user, "backupPhoneNode01", { method: "manual", backed_up_at: "2026-11-20T08:30:00+01:00" });
    expect(newer.status).toBe(201);
    expect((newer.body as Node).secrets_backup).toMatchObject({ method: "manual", backed_up_at: "2026-11-20T07:30:00.000Z" });

    // Per node: the other device still has none, and the console flags it.
    const detail = await getUserDetail(user.id);
    expect(detail!.nodes.find((n) => n.nodeId === "backupPhoneNode01")!.secretsBackup).toMatchObject({
      method: "manual",
      backedUpAt: "2026-11-20T07:30:00.000Z",
    });
    expect(detail!.nodes.find((n) => n.nodeId === "backupPhoneNode02")!.secretsBackup).toBeNull();
  });

  it("refuses bad input, secret material, another user's node and a retired node, storing nothing", async () => {
    const before = await nodeRow("backupPhoneNode02");
    const future = await backup(user, "backupPhoneNode02", {
      method: "cloud",
      backed_up_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ errors: [{ path: "body.backed_up_at", message: "must not be in the future" }] });
    const ancient = await backup(user, "backupPhoneNode02", { method: "cloud", backed_up_at: "2019-12-31T23:59:59Z" });
    expect(ancient.status).toBe(422);
    expect(ancient.body).toMatchObject({ errors: [{ path: "body.backed_up_at" }] });
    const noZone = await backup(user, "backupPhoneNode02", { method: "cloud", backed_up_at: "yesterday" });
    expect(noZone.status).toBe(422);
    expect((noZone.body as { errors: unknown[] }).errors).toEqual([
      { path: "body.backed_up_at", message: "must be an ISO 8601 date-time with a time zone, e.g. 2026-12-04T09:30:00Z" },
    ]);
    const badMethod = await backup(user, "backupPhoneNode02", { method: "carrier-pigeon", backed_up_at: "2026-11-01T10:00:00Z" });
    expect(badMethod.status).toBe(422);
    expect(badMethod.body).toMatchObject({ errors: [{ path: "body.method" }] });
    const withSecrets = await backup(user, "backupPhoneNode02", {
      method: "file",
      backed_up_at: "2026-11-01T10:00:00Z",
      secrets: "0123456789abcdef",
    });
    expect(withSecrets.status).toBe(422);
    expect(JSON.stringify(withSecrets.body)).not.toContain("0123456789abcdef");

    const foreign = await backup(user, "backupOtherNode01", { method: "cloud", backed_up_at: "2026-11-01T10:00:00Z" });
    expect(foreign.status).toBe(404);
    expect((await nodeRow("backupOtherNode01")).secretsBackedUpAt).toBeNull();
    expect(await nodeRow("backupPhoneNode02")).toEqual(before);

    expect((await retire(user, "backupPhoneNode02", { reason: "phone lost" })).status).toBe(200);
    const retired = await backup(user, "backupPhoneNode02", { method: "cloud", backed_up_at: "2026-11-01T10:00:00Z" });
    expect(retired.status).toBe(409);
    expect(retired.body).toMatchObject({ code: "conflict", detail: expect.stringContaining("retired") });
    expect((await nodeRow("backupPhoneNode02")).secretsBackedUpAt).toBeNull();
  });
});

describe("admins retire a device from the console", () => {
  let user: TestAppUser;
  let other: TestAppUser;

  beforeAll(async () => {
    user = await newAppUser("console-retire");
    other = await newAppUser("console-other");
    expect((await register(user, "consolePhoneNode1")).status).toBe(201);
    expect((await register(user, "consolePhoneNode2")).status).toBe(201);
    expect((await register(other, "consoleOtherNode1")).status).toBe(201);
  });

  it("support staff are refused on the server and audited; nothing changes", async () => {
    const refused = await runConsoleActionAs(retireTssNodeAction, support, {
      userId: user.id,
      nodeId: "consolePhoneNode1",
      reason: "phone lost",
    });
    expect(refused).toEqual({ error: { code: "forbidden", message: "This action needs the admin role." } });
    expect((await nodeRow("consolePhoneNode1")).status).toBe("active");
    const audit = await app.db.auditLog.findMany({ where: { actorId: support.id, action: "tss_node.retire" } });
    expect(audit.map((a) => [a.outcome, a.actorRole])).toEqual([["denied", "support"]]);
  });

  it("needs a reason, and another user's node is not found (audited as failed)", async () => {
    const noReason = await runConsoleActionAs(retireTssNodeAction, admin, { userId: user.id, nodeId: "consolePhoneNode1", reason: " " });
    expect(noReason).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "reason" }] } });
    const foreign = await runConsoleActionAs(retireTssNodeAction, admin, {
      userId: user.id,
      nodeId: "consoleOtherNode1",
      reason: "wrong user",
    });
    expect(foreign).toMatchObject({ error: { code: "not_found" } });
    expect((await nodeRow("consoleOtherNode1")).status).toBe("active");
    expect((await nodeRow("consolePhoneNode1")).status).toBe("active");
    const failed = await app.db.auditLog.findFirstOrThrow({ where: { actorId: admin.id, action: "tss_node.retire", outcome: "failed" } });
    expect(failed).toMatchObject({ targetType: "user", targetId: user.id, details: { tssNodeId: "consoleOtherNode1", code: "not_found" } });
  });

  it("retires with a reason, audited; the user page shows when, by whom and why; retiring again changes nothing", async () => {
    const done = await runConsoleActionAs(retireTssNodeAction, admin, {
      userId: user.id,
      nodeId: "consolePhoneNode1",
      reason: "user called: phone stolen",
    });
    // No vault, no Main Group: nothing to recover.
    expect(data(done)).toEqual({ nodeId: "consolePhoneNode1", retired: true, mustRecover: false });
    const row = await nodeRow("consolePhoneNode1");
    expect(row).toMatchObject({ status: "retired", retiredBy: `console:${admin.id}`, retireReason: "user called: phone stolen" });
    const audit = await app.db.auditLog.findFirstOrThrow({
      where: { actorId: admin.id, action: "tss_node.retire", outcome: "succeeded", targetId: user.id },
    });
    expect(audit).toMatchObject({
      targetType: "user",
      targetId: user.id,
      details: { tssNodeId: "consolePhoneNode1", reason: "user called: phone stolen" },
    });

    const detail = await getUserDetail(user.id);
    expect(detail!.nodes.find((n) => n.nodeId === "consolePhoneNode1")!.retirement).toEqual({
      at: row.retiredAt!.toISOString(),
      by: { kind: "console", id: admin.id, email: "admin@retirement.test" },
      reason: "user called: phone stolen",
    });
    expect(detail!.nodes.find((n) => n.nodeId === "consolePhoneNode2")!.retirement).toBeNull();
    // The app sees that an admin retired it, without the staff's reason.
    const listed = (await call(listNodes, { path: "/api/v1/tss-nodes", token: user.token })).body as { data: Node[] };
    expect(listed.data.find((n) => n.tss_node_id === "consolePhoneNode1")!.retirement).toEqual({
      retired_at: row.retiredAt!.toISOString(),
      retired_by: "admin",
      reason: null,
    });

    const again = await runConsoleActionAs(retireTssNodeAction, admin, {
      userId: user.id,
      nodeId: "consolePhoneNode1",
      reason: "second try",
    });
    expect(data(again)).toEqual({ nodeId: "consolePhoneNode1", retired: false, mustRecover: false });
    expect(await nodeRow("consolePhoneNode1")).toEqual(row);
  });
});
