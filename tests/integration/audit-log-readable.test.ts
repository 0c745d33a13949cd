import { beforeAll, describe, expect, it } from "vitest";
import { pauseUserAction } from "@/app/(console)/users/[id]/actions";
import { createRiskLimitAction } from "@/app/(console)/risk/actions";
import { consoleActor } from "@/lib/actor";
import { listAuditLog } from "@/lib/console/list-audit-log";
import { exportResponse } from "@/lib/http/console-export";
import { runConsoleActionAs } from "@/lib/http/console-action";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { createConsoleUser, type ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { csvObjects } from "../helpers/csv";
import { setupTestDatabase } from "../helpers/db";

// The audit log as support staff read it: targets by name (an email, a limit in words) rather than
// bare ids, details as labelled values rather than JSON, refused attempts naming what they were
// aimed at, and filters by actor, action, target (id or email) and date that page correctly.

const t = setupTestDatabase();
let admin: ConsoleIdentity;
let support: ConsoleIdentity;
let appUser: { id: string; email: string };
const GONE = "5f0c3a51-0000-4000-8000-000000000000";

beforeAll(async () => {
  admin = await createConsoleUser({ email: "audit-admin@example.com", role: "admin", password: "a good long password" });
  support = await createConsoleUser({ email: "audit-support@example.com", role: "support", password: "a good long password" });
  appUser = await t.current.db.user.create({ data: { email: "customer@example.com" }, select: { id: true, email: true } });
  // In order: a refused pause (support), the pause (admin), a limit (admin), a pause of a user that does not exist.
  expect(await runConsoleActionAs(pauseUserAction, support, { userId: appUser.id, reason: "suspicious login" })).toMatchObject({
    error: { code: "forbidden" },
  });
  expect(await runConsoleActionAs(pauseUserAction, admin, { userId: appUser.id, reason: "card fraud, see ticket 42" })).toHaveProperty(
    "data",
  );
  expect(
    await runConsoleActionAs(createRiskLimitAction, admin, { scope: "user", tokenId: "XTN", maxAmount: "2.5", windowSeconds: "86400" }),
  ).toHaveProperty("data");
  expect(await runConsoleActionAs(pauseUserAction, admin, { userId: GONE, reason: "typo" })).toMatchObject({
    error: { code: "not_found" },
  });
});

describe("the audit log, readable", () => {
  it("names targets, renders details as labelled values, and a refusal names its target", async () => {
    const { rows } = await listAuditLog({});
    expect(
      rows.map((r) => ({
        actor: r.actorEmail,
        action: r.action,
        outcome: r.outcome,
        target: r.targetName ?? r.targetId,
        details: r.details,
      })),
    ).toEqual([
      {
        actor: admin.email,
        action: "app_user.pause",
        outcome: "failed",
        target: GONE,
        details: [
          { label: "Reason", value: "typo" },
          { label: "Error code", value: "not_found" },
        ],
      },
      { actor: admin.email, action: "risk_limit.create", outcome: "succeeded", target: "per user: at most 2.5 XTN in 1 d", details: [] },
      {
        actor: admin.email,
        action: "app_user.pause",
        outcome: "succeeded",
        target: appUser.email,
        details: [{ label: "Reason", value: "card fraud, see ticket 42" }],
      },
      {
        actor: support.email,
        action: "app_user.pause",
        outcome: "denied",
        target: appUser.email,
        details: [{ label: "Reason", value: "needs the admin role (role)" }],
      },
    ]);
    expect(rows[3]).toMatchObject({ targetType: "app_user", targetId: appUser.id });
  });

  it("a refused call whose input does not parse is still recorded, without a target", async () => {
    await runConsoleActionAs(pauseUserAction, support, { userId: "not-a-uuid" });
    const [row] = (await listAuditLog({ actor: support.email, pageSize: "10" })).rows;
    expect(row).toMatchObject({ outcome: "denied", targetType: null, targetId: null, targetName: null });
    await t.current.db.auditLog.deleteMany({ where: { actorId: support.id, targetId: null } });
  });

  it("filters by actor, action, outcome, target (id or email) and date", async () => {
    const actions = async (params: Record<string, string>) => (await listAuditLog(params)).rows.map((r) => `${r.action}:${r.outcome}`);
    expect(await actions({ actor: support.email })).toEqual(["app_user.pause:denied"]);
    expect(await actions({ actor: admin.email, action: "app_user.pause" })).toEqual(["app_user.pause:failed", "app_user.pause:succeeded"]);
    expect(await actions({ target: appUser.email.toUpperCase() })).toEqual(["app_user.pause:succeeded", "app_user.pause:denied"]);
    expect(await actions({ target: appUser.id })).toEqual(["app_user.pause:succeeded", "app_user.pause:denied"]);
    expect(await actions({ target: GONE })).toEqual(["app_user.pause:failed"]);
    expect(await actions({ targetType: "risk_limit" })).toEqual(["risk_limit.create:succeeded"]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await actions({ from: today, outcome: "denied" })).toEqual(["app_user.pause:denied"]);
    expect(await actions({ to: "2020-01-01" })).toEqual([]);
    const result = await listAuditLog({});
    expect(result.actorOptions).toEqual([admin.email, support.email].sort());
    expect(result.targetTypeOptions).toEqual(["app_user", "risk_limit"]);
  });

  it("a filtered view pages by cursor without skipping or repeating entries", async () => {
    const actor = consoleActor(support);
    for (let i = 0; i < 23; i++)
      await recordAudit({ actor, action: "test.bulk", outcome: "succeeded", targetType: "app_user", targetId: appUser.id });
    const seen: string[] = [];
    let page = await listAuditLog({ target: appUser.email, pageSize: "10" });
    seen.push(...page.rows.map((r) => r.id));
    while (page.nextCursor) {
      page = await listAuditLog({ target: appUser.email, pageSize: "10", after: page.nextCursor });
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    await t.current.db.auditLog.deleteMany({ where: { action: "test.bulk" } });
  });

  it("the audit log export carries names and readable details, and records who exported what", async () => {
    const res = await exportResponse("audit-log", { action: "app_user.pause" }, support, 2);
    const rows = csvObjects(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()));
    expect(rows.map((r) => [r.outcome, r.target_name, r.details])).toEqual([
      ["failed", "", "Reason: typo; Error code: not_found"],
      ["succeeded", appUser.email, "Reason: card fraud, see ticket 42"],
      ["denied", appUser.email, "Reason: needs the admin role (role)"],
    ]);
    const [entry] = (await listAuditLog({ action: "export.audit-log" })).rows;
    expect(entry).toMatchObject({ actorEmail: support.email, outcome: "succeeded", targetType: "export", targetId: "audit-log" });
    expect(entry!.details).toEqual([
      { label: "Filters", value: "action = app_user.pause" },
      { label: "Sort", value: "createdAt.desc" },
    ]);
  });
  it("an approval request is named by its action, who asked and where it stands", async () => {
    const request = await t.current.db.approvalRequest.create({
      data: {
        category: "risk_rules",
        action: "risk_limit.create",
        input: { scope: "user", tokenId: "XTN", maxAmount: "9", windowSeconds: "3600" },
        reason: "a second limit",
        requestedById: admin.id,
        requestedByEmail: admin.email,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
      select: { id: true },
    });
    await recordAudit({
      actor: consoleActor(admin),
      action: "approval.request",
      outcome: "succeeded",
      targetType: "approval_request",
      targetId: request.id,
    });
    const [row] = (await listAuditLog({ targetType: "approval_request" })).rows;
    expect(row).toMatchObject({ targetId: request.id, targetName: `risk_limit.create asked by ${admin.email} (pending)` });
  });
});
