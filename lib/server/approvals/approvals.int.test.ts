import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { approveRequestAction, cancelRequestAction, rejectRequestAction } from "@/app/(console)/approvals/actions";
import { createRiskLimitAction, deleteRiskLimitAction } from "@/app/(console)/risk/actions";
import { createConsoleUserAction, setApprovalCategoryAction } from "@/app/(console)/settings/actions";
import { pauseUserAction, recoverMainGroupAction, unpauseUserAction } from "@/app/(console)/users/[id]/actions";
import { APPROVAL_PENDING, type ActionResult } from "@/components/actions/action-result";
import { listApprovalRequests } from "@/lib/console/list-approval-requests";
import { defaultApprovalPolicy, type ApprovalPolicyCategory } from "@/lib/domain/approvals";
import { getEnv } from "@/lib/env";
import { runConsoleActionAs } from "@/lib/http/console-action";
import { APPROVAL_POLICY_KEY, readApprovalPolicy } from "@/lib/server/approvals/approval-policy";
import { countPendingApprovals, expireApprovalRequests } from "@/lib/server/approvals/approval-requests";
import { authenticateConsoleUser, createConsoleUser, type ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { setupTestDatabase } from "../../../tests/helpers/db";

// Second-person approval against a real database, through the console's action client as the
// forms call it: a request is stored and nothing runs; another admin's approval runs it once (also
// when approved twice or by two admins at once: a conditional update decides); the requester
// cannot approve their own and support staff cannot approve at all (audited as denied); rejection,
// cancellation and expiry run nothing; with the policy off the action runs at once; turning a
// category off needs approval itself; a new admin's request keeps only the password's hash.

const t = setupTestDatabase();

let adminA: ConsoleIdentity;
let adminB: ConsoleIdentity;
let adminC: ConsoleIdentity;
let support: ConsoleIdentity;
let n = 0;
const token = () => `APPR_${++n}`;

function data<T>(result: ActionResult<T>): T {
  if ("error" in result) throw new Error(`expected data, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** The id of the request a call stored, or a thrown error naming what it answered instead. */
function pendingId(result: ActionResult<unknown>): string {
  if (!("error" in result) || result.error.code !== APPROVAL_PENDING || !result.error.approvalId)
    throw new Error(`expected a pending approval, got ${JSON.stringify(result)}`);
  return result.error.approvalId;
}

const limitInput = (tokenId: string) => ({ scope: "user", tokenId, maxAmount: "5", windowSeconds: "86400", reason: "compliance ticket 9" });
const limitsOf = (tokenId: string) => t.current.db.riskLimit.count({ where: { tokenId } });
const request = (id: string) => t.current.db.approvalRequest.findUniqueOrThrow({ where: { id } });

/** Switches categories directly (the way back from ON needs two admins; tests set the state they need). */
async function setPolicy(policy: Partial<Record<ApprovalPolicyCategory, boolean>>) {
  const value = { recovery: false, unpause: false, risk_rules: false, new_admin: false, ...policy };
  await t.current.db.systemSetting.upsert({
    where: { key: APPROVAL_POLICY_KEY },
    create: { key: APPROVAL_POLICY_KEY, value },
    update: { value },
  });
}

beforeAll(async () => {
  adminA = await createConsoleUser({ email: "a@approvals.test", role: "admin", password: "admin a long password" });
  adminB = await createConsoleUser({ email: "b@approvals.test", role: "admin", password: "admin b long password" });
  adminC = await createConsoleUser({ email: "c@approvals.test", role: "admin", password: "admin c long password" });
  support = await createConsoleUser({ email: "s@approvals.test", role: "support", password: "support long password" });
});

afterEach(async () => {
  await t.current.db.systemSetting.deleteMany({ where: { key: APPROVAL_POLICY_KEY } });
});

describe("the policy", () => {
  it("defaults to on against Cobo's prod environment and off in the sandbox and dev; the sandbox here is off", async () => {
    expect(defaultApprovalPolicy("prod")).toEqual({ recovery: true, unpause: true, risk_rules: true, new_admin: true });
    expect(defaultApprovalPolicy("dev")).toEqual({ recovery: false, unpause: false, risk_rules: false, new_admin: false });
    expect(getEnv().COBO_ENV).toBe("sandbox");
    expect(await readApprovalPolicy()).toEqual(defaultApprovalPolicy("sandbox"));
  });

  it("two admins turning on different categories at once both keep their change", async () => {
    await Promise.all([
      runConsoleActionAs(setApprovalCategoryAction, adminA, { category: "recovery", enabled: "true" }),
      runConsoleActionAs(setApprovalCategoryAction, adminB, { category: "unpause", enabled: "true" }),
      runConsoleActionAs(setApprovalCategoryAction, adminC, { category: "risk_rules", enabled: "true" }),
    ]);
    expect(await readApprovalPolicy()).toEqual({ recovery: true, unpause: true, risk_rules: true, new_admin: false });
    // every category is stored, so a later default cannot flip a choice made here
    expect((await t.current.db.systemSetting.findUniqueOrThrow({ where: { key: APPROVAL_POLICY_KEY } })).value).toEqual({
      recovery: true,
      unpause: true,
      risk_rules: true,
      new_admin: false,
    });
  });

  it("with the policy off, the action runs at once (the reason is audited) and no request is stored", async () => {
    const tokenId = token();
    const row = data(await runConsoleActionAs(createRiskLimitAction, adminA, limitInput(tokenId)));
    expect(await limitsOf(tokenId)).toBe(1);
    expect(await t.current.db.approvalRequest.count()).toBe(0);
    const audit = await t.current.db.auditLog.findFirstOrThrow({ where: { action: "risk_limit.create", targetId: row.id } });
    expect(audit).toMatchObject({ outcome: "succeeded", actorId: adminA.id, details: { reason: "compliance ticket 9" } });
  });

  it("turning a category on is immediate; turning it off waits for a second admin, who then turns it off", async () => {
    data(await runConsoleActionAs(setApprovalCategoryAction, adminA, { category: "risk_rules", enabled: "true" }));
    expect((await readApprovalPolicy()).risk_rules).toBe(true);

    expect(await runConsoleActionAs(setApprovalCategoryAction, adminA, { category: "risk_rules", enabled: "false" })).toMatchObject({
      error: { code: "invalid_input", fields: [{ path: "reason" }] },
    });
    const id = pendingId(
      await runConsoleActionAs(setApprovalCategoryAction, adminA, {
        category: "risk_rules",
        enabled: "false",
        reason: "one admin on call",
      }),
    );
    expect((await readApprovalPolicy()).risk_rules).toBe(true);
    expect(await request(id)).toMatchObject({ category: "approval_policy", action: "approvals.policy.set", status: "pending" });

    expect(data(await runConsoleActionAs(approveRequestAction, adminB, { id }))).toMatchObject({ status: "approved" });
    expect((await readApprovalPolicy()).risk_rules).toBe(false);
    // off again: a risk-rule change runs at once
    const tokenId = token();
    data(await runConsoleActionAs(createRiskLimitAction, adminA, limitInput(tokenId)));
    expect(await limitsOf(tokenId)).toBe(1);
  });
});

describe("a request", () => {
  it("is stored with its input, requester and reason, audited, and nothing runs", async () => {
    await setPolicy({ risk_rules: true });
    const tokenId = token();
    expect(await runConsoleActionAs(createRiskLimitAction, adminA, { ...limitInput(tokenId), reason: undefined })).toMatchObject({
      error: { code: "invalid_input", fields: [{ path: "reason" }] },
    });
    const before = Date.now();
    const result = await runConsoleActionAs(createRiskLimitAction, adminA, limitInput(tokenId));
    const id = pendingId(result);
    expect(result).toMatchObject({ error: { message: expect.stringContaining("second admin") } });
    expect(await limitsOf(tokenId)).toBe(0);
    const row = await request(id);
    expect(row).toMatchObject({
      category: "risk_rules",
      action: "risk_limit.create",
      input: { scope: "user", tokenId, maxAmount: "5", windowSeconds: 86400, enabled: true },
      reason: "compliance ticket 9",
      requestedById: adminA.id,
      requestedByEmail: adminA.email,
      status: "pending",
    });
    const hours = (row.expiresAt.getTime() - before) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThan(24.1);
    const audit = await t.current.db.auditLog.findFirstOrThrow({ where: { action: "approval.request", targetId: id } });
    expect(audit).toMatchObject({
      actorId: adminA.id,
      outcome: "succeeded",
      details: { action: "risk_limit.create", category: "risk_rules", reason: "compliance ticket 9" },
    });
    expect(await t.current.db.auditLog.count({ where: { action: "risk_limit.create", targetId: { contains: tokenId } } })).toBe(0);
  });

  it("is approved by another admin: the action runs once, as the requester, audited naming both; approving again runs nothing", async () => {
    await setPolicy({ risk_rules: true });
    const tokenId = token();
    const id = pendingId(await runConsoleActionAs(createRiskLimitAction, adminA, limitInput(tokenId)));

    // the requester cannot approve their own request; support staff cannot approve at all (audited as denied)
    expect(await runConsoleActionAs(approveRequestAction, adminA, { id })).toMatchObject({ error: { code: "forbidden" } });
    expect(await runConsoleActionAs(approveRequestAction, support, { id })).toMatchObject({ error: { code: "forbidden" } });
    expect(await runConsoleActionAs(rejectRequestAction, support, { id, reason: "not mine to decide" })).toMatchObject({
      error: { code: "forbidden" },
    });
    const refusals = await t.current.db.auditLog.findMany({
      where: { action: "approval.approve", targetId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(refusals.map((r) => [r.actorEmail, r.outcome])).toEqual([
      [adminA.email, "failed"],
      [support.email, "denied"],
    ]);
    expect(await limitsOf(tokenId)).toBe(0);
    expect((await request(id)).status).toBe("pending");

    const approved = data(await runConsoleActionAs(approveRequestAction, adminB, { id }));
    expect(approved).toMatchObject({ id, status: "approved", action: "risk_limit.create" });
    expect(await limitsOf(tokenId)).toBe(1);
    const row = await request(id);
    expect(row).toMatchObject({ status: "approved", decidedById: adminB.id, decidedByEmail: adminB.email, result: { ok: true } });
    const limit = await t.current.db.riskLimit.findFirstOrThrow({ where: { tokenId } });
    const ran = await t.current.db.auditLog.findFirstOrThrow({ where: { action: "risk_limit.create", targetId: limit.id } });
    expect(ran).toMatchObject({
      actorId: adminA.id,
      outcome: "succeeded",
      details: { approvalRequestId: id, requestedBy: adminA.email, approvedBy: adminB.email, reason: "compliance ticket 9" },
    });
    expect(
      await t.current.db.auditLog.findFirst({ where: { action: "approval.approve", targetId: id, outcome: "succeeded" } }),
    ).toMatchObject({
      actorId: adminB.id,
    });

    expect(await runConsoleActionAs(approveRequestAction, adminB, { id })).toMatchObject({ error: { code: "conflict" } });
    expect(await runConsoleActionAs(approveRequestAction, adminC, { id })).toMatchObject({ error: { code: "conflict" } });
    expect(await limitsOf(tokenId)).toBe(1);
  });

  it("approved by two admins at once runs once", async () => {
    await setPolicy({ risk_rules: true });
    for (let round = 0; round < 3; round++) {
      const tokenId = token();
      const id = pendingId(await runConsoleActionAs(createRiskLimitAction, adminA, limitInput(tokenId)));
      const results = await Promise.all([
        runConsoleActionAs(approveRequestAction, adminB, { id }),
        runConsoleActionAs(approveRequestAction, adminC, { id }),
        runConsoleActionAs(approveRequestAction, adminB, { id }),
      ]);
      expect(results.filter((r) => "data" in r)).toHaveLength(1);
      expect(results.filter((r) => "error" in r && r.error.code === "conflict")).toHaveLength(2);
      expect(await limitsOf(tokenId)).toBe(1);
      expect(
        await t.current.db.auditLog.count({ where: { action: "risk_limit.create", details: { path: ["approvalRequestId"], equals: id } } }),
      ).toBe(1);
    }
  });

  it("is rejected with a reason (nothing runs, it can no longer be approved); the requester cancels their own, nobody else can", async () => {
    await setPolicy({ risk_rules: true });
    const tokenId = token();
    const id = pendingId(await runConsoleActionAs(createRiskLimitAction, adminA, limitInput(tokenId)));
    expect(await runConsoleActionAs(rejectRequestAction, adminA, { id, reason: "changed my mind" })).toMatchObject({
      error: { code: "forbidden" },
    });
    expect(await runConsoleActionAs(rejectRequestAction, adminB, { id })).toMatchObject({ error: { code: "invalid_input" } });
    data(await runConsoleActionAs(rejectRequestAction, adminB, { id, reason: "limit too low for payroll" }));
    expect(await request(id)).toMatchObject({ status: "rejected", decidedById: adminB.id, decisionReason: "limit too low for payroll" });
    expect(await runConsoleActionAs(approveRequestAction, adminC, { id })).toMatchObject({ error: { code: "conflict" } });
    expect(await limitsOf(tokenId)).toBe(0);

    const other = pendingId(await runConsoleActionAs(createRiskLimitAction, adminA, limitInput(token())));
    expect(await runConsoleActionAs(cancelRequestAction, adminB, { id: other })).toMatchObject({ error: { code: "forbidden" } });
    data(await runConsoleActionAs(cancelRequestAction, adminA, { id: other }));
    expect((await request(other)).status).toBe("cancelled");
    expect(await runConsoleActionAs(approveRequestAction, adminB, { id: other })).toMatchObject({ error: { code: "conflict" } });
  });

  it("expires after its time: approving it then runs nothing and marks it expired", async () => {
    await setPolicy({ risk_rules: true });
    const tokenId = token();
    const id = pendingId(await runConsoleActionAs(createRiskLimitAction, adminA, limitInput(tokenId)));
    const pendingBefore = await countPendingApprovals();
    await t.current.db.approvalRequest.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await countPendingApprovals()).toBe(pendingBefore - 1);
    const refused = await runConsoleActionAs(approveRequestAction, adminB, { id });
    expect(refused).toMatchObject({ error: { code: "conflict", message: expect.stringContaining("expired") } });
    expect((await request(id)).status).toBe("expired");
    expect(await limitsOf(tokenId)).toBe(0);

    const later = pendingId(await runConsoleActionAs(createRiskLimitAction, adminA, limitInput(token())));
    await t.current.db.approvalRequest.update({ where: { id: later }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await expireApprovalRequests()).toBeGreaterThanOrEqual(1);
    expect((await request(later)).status).toBe("expired");
  });

  it("cannot be approved once its requester is no longer an active admin, and records a failing action on the request", async () => {
    await setPolicy({ risk_rules: true });
    const leaving = await createConsoleUser({ email: "leaving@approvals.test", role: "admin", password: "leaving long password" });
    const tokenId = token();
    const id = pendingId(await runConsoleActionAs(createRiskLimitAction, leaving, limitInput(tokenId)));
    await t.current.db.consoleUser.update({ where: { id: leaving.id }, data: { disabled: true } });
    expect(await runConsoleActionAs(approveRequestAction, adminB, { id })).toMatchObject({ error: { code: "conflict" } });
    expect(await request(id)).toMatchObject({ status: "failed", result: { ok: false, code: "requester_inactive" } });
    expect(await limitsOf(tokenId)).toBe(0);

    // an approved action that fails: recorded on the request and audited as failed
    const missing = "00000000-0000-4000-8000-000000000000";
    const del = pendingId(await runConsoleActionAs(deleteRiskLimitAction, adminA, { id: missing, reason: "clean up" }));
    expect(data(await runConsoleActionAs(approveRequestAction, adminB, { id: del }))).toMatchObject({ status: "failed" });
    expect(await request(del)).toMatchObject({ status: "failed", result: { ok: false, code: "not_found" } });
    expect(await t.current.db.auditLog.findFirst({ where: { action: "risk_limit.delete", targetId: missing } })).toMatchObject({
      outcome: "failed",
      actorId: adminA.id,
      details: { approvedBy: adminB.email, code: "not_found" },
    });
  });
});

describe("each category", () => {
  it("unpause: the user stays paused until a second admin approves", async () => {
    await setPolicy({ unpause: true });
    const user = await t.current.db.user.create({ data: { email: "paused@approvals.test" } });
    data(await runConsoleActionAs(pauseUserAction, adminA, { userId: user.id, reason: "account review" }));
    expect(await runConsoleActionAs(unpauseUserAction, adminA, { userId: user.id })).toMatchObject({ error: { code: "invalid_input" } });
    const id = pendingId(await runConsoleActionAs(unpauseUserAction, adminA, { userId: user.id, reason: "review finished" }));
    expect((await t.current.db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("paused");
    data(await runConsoleActionAs(approveRequestAction, adminB, { id }));
    expect((await t.current.db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("active");
    expect(
      await t.current.db.auditLog.findFirst({ where: { action: "app_user.unpause", targetId: user.id, outcome: "succeeded" } }),
    ).toMatchObject({ actorId: adminA.id, details: { reason: "review finished", approvedBy: adminB.email } });
  });

  it("recovery: the request is stored and nothing is asked of Cobo", async () => {
    await setPolicy({ recovery: true });
    const user = await t.current.db.user.create({ data: { email: "recover@approvals.test" } });
    const tssBefore = await t.current.db.tssRequest.count();
    const id = pendingId(
      await runConsoleActionAs(recoverMainGroupAction, adminA, {
        userId: user.id,
        recoveryGroupId: "recovery-group-1",
        nodeId: "node-new-phone",
        reason: "phone lost, identity checked",
      }),
    );
    expect(await request(id)).toMatchObject({
      category: "recovery",
      action: "group.recover_main",
      targetType: "user",
      targetId: user.id,
      input: { userId: user.id, recoveryGroupId: "recovery-group-1", nodeId: "node-new-phone" },
    });
    expect(await t.current.db.tssRequest.count()).toBe(tssBefore);
    expect(await t.current.db.keyShareHolderGroup.count({ where: { vault: { userId: user.id } } })).toBe(0);
  });

  it("new admin: the request keeps only the password's hash, shown and audited nowhere; the approval creates the user with it", async () => {
    await setPolicy({ new_admin: true });
    const password = "the new admin's first password";
    // support staff need no approval
    const supportUser = data(
      await runConsoleActionAs(createConsoleUserAction, adminA, { email: "new-support@approvals.test", role: "support", password }),
    );
    expect(supportUser.role).toBe("support");

    const id = pendingId(
      await runConsoleActionAs(createConsoleUserAction, adminA, {
        email: "New-Admin@approvals.test",
        name: "New Admin",
        role: "admin",
        password,
        reason: "new team lead",
      }),
    );
    expect(await t.current.db.consoleUser.findUnique({ where: { email: "new-admin@approvals.test" } })).toBeNull();
    const row = await request(id);
    const stored = row.input as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(["email", "name", "passwordHash", "role"]);
    expect(stored).toMatchObject({
      email: "new-admin@approvals.test",
      role: "admin",
      passwordHash: expect.stringMatching(/^\$argon2id\$/),
    });
    expect(JSON.stringify(row)).not.toContain(password);

    const listed = JSON.stringify(await listApprovalRequests());
    expect(listed).toContain("new-admin@approvals.test");
    expect(listed).not.toContain(String(stored.passwordHash));
    expect(listed).not.toContain("argon2");

    data(await runConsoleActionAs(approveRequestAction, adminB, { id }));
    const created = await t.current.db.consoleUser.findUniqueOrThrow({ where: { email: "new-admin@approvals.test" } });
    expect(created).toMatchObject({ role: "admin", name: "New Admin", passwordHash: stored.passwordHash });
    expect(await authenticateConsoleUser("new-admin@approvals.test", password)).toMatchObject({ id: created.id, role: "admin" });
    expect(JSON.stringify(await request(id))).not.toContain(password);

    const audit = JSON.stringify(await t.current.db.auditLog.findMany());
    expect(audit).not.toContain(password);
    expect(audit).not.toContain(String(stored.passwordHash));
    expect(audit).not.toContain("argon2");
    expect(
      await t.current.db.auditLog.findFirst({ where: { action: "console_user.create", targetId: created.id, outcome: "succeeded" } }),
    ).toMatchObject({ actorId: adminA.id, details: { approvedBy: adminB.email, requestedBy: adminA.email } });
  });
});
