import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { POST as createVault } from "@/app/api/v1/vault/route";
import { runConsoleActionAs, consoleActionInfo } from "@/lib/http/console-action";
import { runReconciliationAction } from "@/app/(console)/reconciliation/actions";
import { disableConsoleUserAction, enableConsoleUserAction } from "@/app/(console)/settings/actions";
import { rereadTransactionAction } from "@/app/(console)/transactions/actions";
import { cancelTssRequestAction, rereadTssRequestAction } from "@/app/(console)/tss-requests/actions";
import { createAppUserAction } from "@/app/(console)/users/actions";
import {
  createMainGroupAction,
  createRecoveryGroupAction,
  pauseUserAction,
  recoverMainGroupAction,
  unpauseUserAction,
} from "@/app/(console)/users/[id]/actions";
import type { ActionResult, ServerAction } from "@/components/actions/action-result";
import { createConsoleUser, findActiveConsoleUser, type ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { getReconciliationOverview } from "@/lib/console/get-reconciliation-overview";
import { getUserGroupOptions } from "@/lib/console/get-user-group-options";
import { listConsoleUsers } from "@/lib/console/list-console-users";
import { listDrifts } from "@/lib/console/list-drifts";
import { call, setupAppHarness } from "../helpers/app-harness";
import { sandboxRequest } from "../helpers/sandbox";
import { newAppUser, type TestAppUser } from "../helpers/app-users";
import { createDevice, readyAppUser, waitFor, type ReadyUser, type VirtualDevice } from "../helpers/device";

// The console's admin actions (the server actions of app/(console)/*/actions.ts, run for a given
// console user by runConsoleActionAs), against a real database and the Cobo sandbox: the role gate, field errors,
// the audit trail, and that each action really reaches Cobo through the same use-cases as the API.

const app = setupAppHarness();

let admin: ConsoleIdentity;
let support: ConsoleIdentity;

beforeAll(async () => {
  admin = await createConsoleUser({ email: "admin@console-actions.test", role: "admin", password: "admin long password" });
  support = await createConsoleUser({ email: "support@console-actions.test", role: "support", password: "support long password" });
});

function data<T>(result: ActionResult<T>): T {
  if ("error" in result) throw new Error(`expected data, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

function fieldPaths(result: ActionResult<unknown>): string[] {
  return "error" in result ? (result.error.fields ?? []).map((f) => f.path).sort() : [];
}

/** An app user with a vault at Cobo and one registered device, but no Main Group yet. */
async function userWithVaultAndNode(prefix: string): Promise<TestAppUser & { device: VirtualDevice }> {
  const user = await newAppUser(prefix);
  const device = await createDevice(app.sandbox, prefix);
  const node = await call(registerNode, { path: "/api/v1/tss-nodes", token: user.token, body: { tss_node_id: device.nodeId } });
  expect(node.status).toBe(201);
  const vault = await call(createVault, { path: "/api/v1/vault", method: "POST", token: user.token });
  expect(vault.status).toBe(201);
  return { ...user, device };
}

describe("admin actions on an app user", () => {
  let fresh: TestAppUser & { device: VirtualDevice };

  beforeAll(async () => {
    fresh = await userWithVaultAndNode("console-main");
  }, 120_000);

  it("support staff are refused every admin action: nothing changes and each refusal is audited", async () => {
    const asSupport = (action: ServerAction<unknown>, input: unknown) => async () => ({
      name: consoleActionInfo(action).name,
      result: await runConsoleActionAs(action, support, input),
    });
    const attempts = [
      asSupport(createMainGroupAction, { userId: fresh.id, nodeId: fresh.device.nodeId }),
      asSupport(createRecoveryGroupAction, { userId: fresh.id, nodeIds: [fresh.device.nodeId] }),
      asSupport(recoverMainGroupAction, { userId: fresh.id, recoveryGroupId: "x", nodeId: fresh.device.nodeId }),
      asSupport(pauseUserAction, { userId: fresh.id, reason: "not allowed" }),
      asSupport(cancelTssRequestAction, { id: fresh.id, reason: "not allowed" }),
      asSupport(rereadTssRequestAction, { id: fresh.id }),
      asSupport(runReconciliationAction, {}),
      asSupport(disableConsoleUserAction, { id: admin.id, reason: "not allowed" }),
    ];
    const names: string[] = [];
    for (const attempt of attempts) {
      const { name, result } = await attempt();
      names.push(name);
      expect(result).toEqual({ error: { code: "forbidden", message: "This action needs the admin role." } });
    }
    const vault = await app.db.vault.findUniqueOrThrow({ where: { userId: fresh.id }, select: { id: true, activeMainGroupId: true } });
    expect(await app.db.keyShareHolderGroup.count({ where: { vaultId: vault.id } })).toBe(0);
    expect(await app.db.tssRequest.count({ where: { vaultId: vault.id } })).toBe(0);
    expect((await app.db.user.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("active");
    expect(await findActiveConsoleUser(admin.id)).not.toBeNull();
    const audit = await app.db.auditLog.findMany({ where: { actorId: support.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.outcome, a.actorRole])).toEqual(names.map((name) => [name, "denied", "support"]));
  });

  it("invalid input names the fields and changes nothing", async () => {
    const main = await runConsoleActionAs(createMainGroupAction, admin, { userId: "not-a-user", nodeId: "  " });
    expect(main).toMatchObject({ error: { code: "invalid_input", message: "Please correct the highlighted fields." } });
    expect(fieldPaths(main)).toEqual(["nodeId", "userId"]);
    const recovery = await runConsoleActionAs(createRecoveryGroupAction, admin, { userId: fresh.id, nodeIds: [] });
    expect(fieldPaths(recovery)).toEqual(["nodeIds"]);
    const recover = await runConsoleActionAs(recoverMainGroupAction, admin, { userId: fresh.id, nodeId: fresh.device.nodeId });
    expect(fieldPaths(recover)).toEqual(["recoveryGroupId"]);
    expect(fieldPaths(await runConsoleActionAs(rereadTssRequestAction, admin, { id: 42 }))).toEqual(["id"]);
    expect(fieldPaths(await runConsoleActionAs(runReconciliationAction, admin, { now: 1 }))).toEqual([""]);
    expect(await app.db.keyShareHolderGroup.count({ where: { vault: { userId: fresh.id } } })).toBe(0);
  });

  it("offers the user's registered node for a Main Group and nothing else yet", async () => {
    const options = await getUserGroupOptions(fresh.id);
    expect(options).toMatchObject({
      hasVault: true,
      activeMainGroup: null,
      pendingMainGroup: null,
      nodes: [{ nodeId: fresh.device.nodeId }],
      recoveryGroups: [],
    });
    expect(await getUserGroupOptions("nope")).toBeNull();
  });

  it("an admin creates the Main Group: Cobo has a KeyGen request the device can approve, requested by the console user", async () => {
    const result = data(await runConsoleActionAs(createMainGroupAction, admin, { userId: fresh.id, nodeId: fresh.device.nodeId }));
    expect(result).toMatchObject({ created: true, tssRequestStatus: "PendingKeyHolderConfirmation" });
    expect(result.coboTssRequestId).toEqual(expect.any(String));

    const row = await app.db.tssRequest.findUniqueOrThrow({ where: { coboTssRequestId: result.coboTssRequestId } });
    expect(row).toMatchObject({ type: "KeyGen", requestedBy: `console:${admin.id}` });
    const group = await app.db.keyShareHolderGroup.findUniqueOrThrow({ where: { id: row.targetGroupId } });
    expect(group).toMatchObject({
      groupType: "MainGroup",
      lifecycle: "pending",
      requestedBy: `console:${admin.id}`,
      coboGroupId: result.coboGroupId,
    });
    await waitFor(
      async () => (await fresh.device.pendingTss()).some((r) => r.tss_request_id === result.coboTssRequestId),
      "the device to see the request",
    );

    const audit = await app.db.auditLog.findFirstOrThrow({
      where: { actorId: admin.id, action: "group.create_main", outcome: "succeeded" },
    });
    expect(audit).toMatchObject({ targetType: "user", targetId: fresh.id, actorRole: "admin" });

    // Asking again resumes the same request instead of making a second one.
    const again = data(await runConsoleActionAs(createMainGroupAction, admin, { userId: fresh.id, nodeId: fresh.device.nodeId }));
    expect(again).toMatchObject({ created: false, coboTssRequestId: result.coboTssRequestId });
    expect(await app.db.tssRequest.count({ where: { vaultId: row.vaultId } })).toBe(1);
    expect((await getUserGroupOptions(fresh.id))?.pendingMainGroup?.nodeIds).toEqual([fresh.device.nodeId]);
    expect((await getReconciliationOverview()).tssRequests.open).toBeGreaterThanOrEqual(1);

    // "Re-read from Cobo" reports what Cobo says; once the device approved, the re-read applies Success.
    const before = data(await runConsoleActionAs(rereadTssRequestAction, admin, { id: row.id }));
    expect(before).toMatchObject({ coboId: result.coboTssRequestId, previousStatus: "PendingKeyHolderConfirmation" });
    await fresh.device.approveTss([result.coboTssRequestId]);
    const after = await waitFor(async () => {
      const r = data(await runConsoleActionAs(rereadTssRequestAction, admin, { id: row.id }));
      return r.status === "Success" ? r : undefined;
    }, "the re-read to see Success");
    expect(after.coboId).toBe(result.coboTssRequestId);
    const synced = await app.db.tssRequest.findUniqueOrThrow({ where: { id: row.id }, include: { history: true } });
    expect(synced.status).toBe("Success");
    expect(synced.history.some((h) => h.source === "admin" && h.toStatus === "Success")).toBe(true);
    expect((await getUserGroupOptions(fresh.id))?.activeMainGroup?.nodeIds).toEqual([fresh.device.nodeId]);
  }, 120_000);

  it("a second Main Group is refused with the use-case's message, and audited as failed", async () => {
    const result = await runConsoleActionAs(createMainGroupAction, admin, { userId: fresh.id, nodeId: fresh.device.nodeId });
    expect(result).toMatchObject({ error: { code: "conflict", message: expect.stringContaining("already has a Main Group") } });
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { actorId: admin.id, action: "group.create_main", outcome: "failed" } });
    expect(audit.details).toEqual({ code: "conflict" });
  });

  it("re-reading a record that does not exist is a not-found message", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(await runConsoleActionAs(rereadTssRequestAction, admin, { id: missing })).toMatchObject({ error: { code: "not_found" } });
    expect(await runConsoleActionAs(rereadTransactionAction, admin, { id: missing })).toMatchObject({ error: { code: "not_found" } });
  });

  it("pausing and unpausing round-trips the user's status, audited with the user as target", async () => {
    expect(data(await runConsoleActionAs(pauseUserAction, admin, { userId: fresh.id, reason: "support ticket 42" }))).toMatchObject({
      id: fresh.id,
      status: "paused",
      pauseReason: "support ticket 42",
    });
    expect((await app.db.user.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("paused");
    expect(data(await runConsoleActionAs(unpauseUserAction, admin, { userId: fresh.id, reason: "review finished" }))).toMatchObject({
      status: "active",
    });
    expect((await app.db.user.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("active");
    const audit = await app.db.auditLog.findMany({
      where: { actorId: admin.id, targetType: "app_user", targetId: fresh.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ["app_user.pause", "succeeded"],
      ["app_user.unpause", "succeeded"],
    ]);
  });
});

describe("Recovery Group and recovery from the console", () => {
  let ready: ReadyUser;

  beforeAll(async () => {
    ready = await readyAppUser(app.sandbox, "console-recovery");
  }, 120_000);

  it("needs the Main Group's threshold of other devices, then creates the KeyGenFromKeyGroup request", async () => {
    const threshold = (await getUserGroupOptions(ready.id))!.activeMainGroup!.threshold;
    const devices: VirtualDevice[] = [];
    for (let i = 0; i < threshold; i++) devices.push(await createDevice(app.sandbox, `console-rg${i}`));
    for (const d of devices) {
      const res = await call(registerNode, { path: "/api/v1/tss-nodes", token: ready.token, body: { tss_node_id: d.nodeId } });
      expect(res.status).toBe(201);
    }
    const options = (await getUserGroupOptions(ready.id))!;
    expect(options.recoveryCandidates.map((n) => n.nodeId).sort()).toEqual(devices.map((d) => d.nodeId).sort());

    if (threshold > 1) {
      const tooFew = await runConsoleActionAs(createRecoveryGroupAction, admin, { userId: ready.id, nodeIds: [devices[0]!.nodeId] });
      expect(tooFew).toMatchObject({ error: { code: "invalid_input", message: expect.stringContaining(`at least ${threshold}`) } });
    }
    const inMain = await runConsoleActionAs(createRecoveryGroupAction, admin, {
      userId: ready.id,
      nodeIds: [ready.device.nodeId, ...devices.map((d) => d.nodeId)],
    });
    expect(inMain).toMatchObject({ error: { code: "invalid_input", message: expect.stringContaining("other than the Main Group") } });

    const created = data(
      await runConsoleActionAs(createRecoveryGroupAction, admin, { userId: ready.id, nodeIds: devices.map((d) => d.nodeId) }),
    );
    const row = await app.db.tssRequest.findUniqueOrThrow({ where: { coboTssRequestId: created.coboTssRequestId } });
    expect(row).toMatchObject({ type: "KeyGenFromKeyGroup", requestedBy: `console:${admin.id}` });
    await waitFor(
      async () => (await devices[0]!.pendingTss()).some((r) => r.tss_request_id === created.coboTssRequestId),
      "a recovery device to see the request",
    );
  }, 120_000);

  it("recovery from a Recovery Group that is not Valid (or not the user's) is refused", async () => {
    const pending = await app.db.keyShareHolderGroup.findFirstOrThrow({
      where: { vault: { userId: ready.id }, groupType: "RecoveryGroup" },
    });
    const notReady = await runConsoleActionAs(recoverMainGroupAction, admin, {
      userId: ready.id,
      recoveryGroupId: pending.coboGroupId!,
      nodeId: "consoleNewPhone0001",
    });
    expect(notReady).toMatchObject({ error: { code: "conflict", message: "That Recovery Group has no key shares yet." } });
    const unknown = await runConsoleActionAs(recoverMainGroupAction, admin, {
      userId: ready.id,
      recoveryGroupId: "no-such-group",
      nodeId: "consoleNewPhone0001",
    });
    expect(unknown).toMatchObject({ error: { code: "not_found" } });
    expect(await app.db.keyShareHolderGroup.count({ where: { vault: { userId: ready.id }, groupType: "MainGroup" } })).toBe(1);
  });
});

describe("console users", () => {
  it("an admin cannot disable themselves; others are disabled and enabled again", async () => {
    const self = await runConsoleActionAs(disableConsoleUserAction, admin, { id: admin.id, reason: "mis-click" });
    expect(self).toEqual({ error: { code: "forbidden", message: "You cannot disable your own account.", fields: undefined } });
    expect(await findActiveConsoleUser(admin.id)).not.toBeNull();
    expect(await app.db.auditLog.findFirst({ where: { actorId: admin.id, action: "console_user.disable" } })).toMatchObject({
      outcome: "failed",
      targetId: admin.id,
      details: { reason: "mis-click", code: "forbidden" },
    });

    const other = await createConsoleUser({
      email: `other-${randomBytes(3).toString("hex")}@console-actions.test`,
      role: "support",
      password: "other long password",
    });
    expect(data(await runConsoleActionAs(disableConsoleUserAction, admin, { id: other.id, reason: "left the team" }))).toEqual({
      id: other.id,
      email: other.email,
      disabled: true,
    });
    expect(await findActiveConsoleUser(other.id)).toBeNull();
    expect((await listConsoleUsers()).find((u) => u.id === other.id)).toMatchObject({
      disabled: true,
      role: "support",
      lastSignInAt: null,
    });
    expect(data(await runConsoleActionAs(enableConsoleUserAction, admin, { id: other.id, reason: "back again" }))).toMatchObject({
      disabled: false,
    });
    expect(await findActiveConsoleUser(other.id)).not.toBeNull();

    expect(
      await runConsoleActionAs(enableConsoleUserAction, admin, { id: "00000000-0000-4000-8000-000000000000", reason: "typo test" }),
    ).toMatchObject({
      error: { code: "not_found" },
    });
  });

  it("the list never carries password hashes", async () => {
    const rows = await listConsoleUsers();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toContain("argon2");
  });
});

describe("reconciliation", () => {
  it("an admin runs a pass and gets its report; the run is audited", async () => {
    const report = data(await runConsoleActionAs(runReconciliationAction, admin, {}));
    expect(report).toEqual({
      inbox: expect.any(Number),
      tssRequests: expect.any(Number),
      transactions: expect.any(Number),
      resubmitted: expect.any(Number),
      pulledEvents: expect.any(Number),
      sweptDeposits: expect.any(Number),
      failedCallbacks: expect.any(Number),
      drifts: expect.any(Number),
      errors: 0,
    });
    expect(await app.db.auditLog.findFirst({ where: { actorId: admin.id, action: "reconciliation.run" } })).toMatchObject({
      outcome: "succeeded",
      targetType: "reconciliation",
    });
    const overview = await getReconciliationOverview();
    expect(overview.webhooks).toMatchObject({ received: expect.any(Number), failed: expect.any(Number) });
    expect(overview.outbound).toMatchObject({ pending: 0, failed: 0 });
  }, 60_000);
});

describe("reconciliation page data", () => {
  it("lists drift with links to our records, filters open ones, and counts them in the overview", async () => {
    const tss = await app.db.tssRequest.findFirstOrThrow({ select: { id: true, coboTssRequestId: true } });
    await app.db.reconciliationDrift.createMany({
      data: [
        {
          subjectType: "tss_request",
          subjectId: tss.coboTssRequestId,
          ourValue: "MPCProcessing",
          coboValue: "Success",
          detail: "caught up",
          resolvedAt: new Date(),
        },
        {
          subjectType: "transaction",
          subjectId: "no-such-transaction",
          ourValue: "Confirming",
          coboValue: "Completed",
          detail: "still differs",
        },
      ],
    });
    const all = await listDrifts({});
    expect(all.rows.find((r) => r.subjectId === tss.coboTssRequestId)).toMatchObject({
      subjectHref: `/tss-requests/${tss.id}`,
      coboValue: "Success",
    });
    expect(all.rows.find((r) => r.subjectId === "no-such-transaction")).toMatchObject({ subjectHref: null, resolvedAt: null });
    const open = await listDrifts({ state: "open" });
    expect(open.rows.every((r) => r.resolvedAt === null)).toBe(true);
    expect(open.rows.map((r) => r.subjectId)).toContain("no-such-transaction");
    expect((await listDrifts({ subject: "tss_request", q: tss.coboTssRequestId.slice(0, 8) })).rows.map((r) => r.subjectId)).toContain(
      tss.coboTssRequestId,
    );
    const overview = await getReconciliationOverview();
    expect(overview.drift.unresolvedTotal).toBeGreaterThanOrEqual(1);
    expect(overview.drift.unresolved.map((r) => r.subjectId)).toContain("no-such-transaction");
  });
});

describe("app users created by an admin", () => {
  it("support is refused; an admin creates one who can sign in; a taken email is a conflict", async () => {
    const input = { email: `made-${randomBytes(3).toString("hex")}@example.com`, password: "a made-up long password" };
    expect(await runConsoleActionAs(createAppUserAction, support, input)).toMatchObject({ error: { code: "forbidden" } });
    expect(await app.db.user.count({ where: { email: input.email } })).toBe(0);
    const made = data(await runConsoleActionAs(createAppUserAction, admin, input));
    expect(made).toMatchObject({ email: input.email, status: "active" });
    expect(await app.db.auditLog.findFirst({ where: { action: "app_user.create", actorId: admin.id, targetId: made.id } })).toMatchObject({
      outcome: "succeeded",
    });
    expect(await runConsoleActionAs(createAppUserAction, admin, input)).toMatchObject({ error: { code: "conflict" } });
    expect(fieldPaths(await runConsoleActionAs(createAppUserAction, admin, { email: "nope", password: "x" }))).toEqual([
      "email",
      "password",
    ]);
  });
});

describe("a user stuck in onboarding, and a paused user, from the console", () => {
  it("refuses a Main Group on a node the user never registered, naming the field, and creates nothing", async () => {
    const user = await userWithVaultAndNode("unregistered");
    const result = await runConsoleActionAs(createMainGroupAction, admin, {
      userId: user.id,
      nodeId: `neverRegistered${randomBytes(4).toString("hex")}`,
    });
    expect(result).toMatchObject({
      error: { code: "invalid_input", message: expect.stringContaining("is not registered to this account") },
    });
    expect(fieldPaths(result)).toEqual(["nodeId"]);
    expect(await app.db.keyShareHolderGroup.count({ where: { vault: { userId: user.id } } })).toBe(0);
  });

  it("an admin cancels a key generation started for the wrong device, with a reason: recorded, audited, and a new Main Group is accepted", async () => {
    const user = await userWithVaultAndNode("stuck");
    // The app registered a node and started the Main Group on it, then was reinstalled: that node is gone.
    const stale = `reinstalled${randomBytes(4).toString("hex")}`;
    expect((await call(registerNode, { path: "/api/v1/tss-nodes", token: user.token, body: { tss_node_id: stale } })).status).toBe(201);
    const first = data(await runConsoleActionAs(createMainGroupAction, admin, { userId: user.id, nodeId: stale }));
    const stuck = await runConsoleActionAs(createMainGroupAction, admin, { userId: user.id, nodeId: user.device.nodeId });
    expect(stuck).toMatchObject({ error: { code: "conflict" } });

    const row = await app.db.tssRequest.findUniqueOrThrow({ where: { coboTssRequestId: first.coboTssRequestId } });
    expect(fieldPaths(await runConsoleActionAs(cancelTssRequestAction, admin, { id: row.id }))).toEqual(["reason"]);
    const cancelled = data(
      await runConsoleActionAs(cancelTssRequestAction, admin, { id: row.id, reason: "app reinstalled before approving" }),
    );
    expect(cancelled).toEqual({
      coboTssRequestId: first.coboTssRequestId,
      previousStatus: expect.any(String),
      status: "KeyHolderConfirmationFailed",
    });

    const after = await app.db.tssRequest.findUniqueOrThrow({
      where: { id: row.id },
      include: { history: { orderBy: { seq: "asc" } }, targetGroup: true },
    });
    expect(after).toMatchObject({
      status: "KeyHolderConfirmationFailed",
      cancelledBy: `console:${admin.id}`,
      cancelReason: "app reinstalled before approving",
    });
    expect(after.cancelledAt).toBeInstanceOf(Date);
    expect(after.targetGroup.lifecycle).toBe("abandoned");
    const tail = after.history.slice(-2).map((h) => [h.toStatus, h.source, h.applied]);
    expect(tail).toEqual([
      ["Cancelled", "admin", false],
      ["KeyHolderConfirmationFailed", "admin", true],
    ]);
    expect(after.history.at(-2)?.note).toContain("app reinstalled before approving");
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { actorId: admin.id, action: "tss_request.cancel", targetId: row.id } });
    expect(audit).toMatchObject({
      outcome: "succeeded",
      targetType: "tss_request",
      details: { reason: "app reinstalled before approving" },
    });

    // Unstuck: the Main Group starts on the right device; cancelling the ended request again is refused.
    const second = data(await runConsoleActionAs(createMainGroupAction, admin, { userId: user.id, nodeId: user.device.nodeId }));
    expect(second).toMatchObject({ created: true });
    expect(second.coboTssRequestId).not.toBe(first.coboTssRequestId);
    expect(await runConsoleActionAs(cancelTssRequestAction, admin, { id: row.id, reason: "again" })).toMatchObject({
      error: { code: "conflict" },
    });
  }, 120_000);

  it("a paused user's key changes are refused to admins too, until unpaused", async () => {
    const user = await userWithVaultAndNode("paused-console");
    data(await runConsoleActionAs(pauseUserAction, admin, { userId: user.id, reason: "account under review" }));
    const refused = await runConsoleActionAs(createMainGroupAction, admin, { userId: user.id, nodeId: user.device.nodeId });
    expect(refused).toEqual({
      error: { code: "forbidden", message: "This app user is paused: Main Group creation is refused until an admin unpauses them." },
    });
    expect(await runConsoleActionAs(createRecoveryGroupAction, admin, { userId: user.id, nodeIds: [user.device.nodeId] })).toMatchObject({
      error: { code: "forbidden" },
    });
    expect(
      await runConsoleActionAs(recoverMainGroupAction, admin, { userId: user.id, recoveryGroupId: "any", nodeId: user.device.nodeId }),
    ).toMatchObject({ error: { code: "forbidden" } });
    expect(await app.db.keyShareHolderGroup.count({ where: { vault: { userId: user.id } } })).toBe(0);
    data(await runConsoleActionAs(unpauseUserAction, admin, { userId: user.id, reason: "review finished" }));
    expect(data(await runConsoleActionAs(createMainGroupAction, admin, { userId: user.id, nodeId: user.device.nodeId }))).toMatchObject({
      created: true,
    });
  }, 120_000);
});

describe("a Cobo failure during an admin action", () => {
  it("answers the failure-class message staff see, audited as failed with its code", async () => {
    const user = await userWithVaultAndNode("cobo-down");
    const fault = { method: "POST", path_prefix: "/v2/wallets/mpc/vaults/", kind: "status", status: 503 };
    expect((await sandboxRequest(app.sandbox, "POST", "/_sandbox/faults", fault)).status).toBe(201);
    try {
      const result = await runConsoleActionAs(createMainGroupAction, admin, { userId: user.id, nodeId: user.device.nodeId });
      expect(result).toMatchObject({
        error: {
          code: "cobo_unavailable",
          message: expect.stringMatching(/^Cobo is unavailable right now; nothing was changed\. Try again/),
        },
      });
      expect(JSON.stringify(result)).not.toContain("Something went wrong");
    } finally {
      expect((await sandboxRequest(app.sandbox, "DELETE", "/_sandbox/faults")).status).toBe(200);
    }
    const audit = await app.db.auditLog.findFirstOrThrow({
      where: { actorId: admin.id, action: "group.create_main", targetId: user.id, outcome: "failed" },
    });
    expect(audit.details).toEqual({ code: "cobo_unavailable" });
  }, 120_000);
});
