import { describe, expect, it } from "vitest";
import { withRequestContext } from "@/lib/log/context";
import { runConsoleActionAs } from "@/lib/http/console-action";
import { createConsoleUserAction } from "@/app/(console)/settings/actions";
import { authenticateConsoleUser, createConsoleUser, findActiveConsoleUser } from "@/lib/server/console-users/console-users";
import { setupTestDatabase } from "../helpers/db";

const t = setupTestDatabase();

describe("console users", () => {
  it("signs in with the right password only, case-insensitively on the email", async () => {
    const created = await createConsoleUser({ email: "Ops@Example.com", role: "support", password: "a good long password" });
    expect(created.email).toBe("ops@example.com");
    expect(await authenticateConsoleUser("OPS@example.com", "a good long password")).toMatchObject({ id: created.id, role: "support" });
    expect(await authenticateConsoleUser("ops@example.com", "a wrong long password")).toBeNull();
    expect(await authenticateConsoleUser("nobody@example.com", "a good long password")).toBeNull();
    const row = await t.current.db.consoleUser.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.passwordHash).not.toContain("a good long password");
    expect(row.lastSignInAt).not.toBeNull();
  });

  it("a disabled console user can neither sign in nor keep acting on an old session", async () => {
    const u = await createConsoleUser({ email: "gone@example.com", role: "admin", password: "another long password" });
    await t.current.db.consoleUser.update({ where: { id: u.id }, data: { disabled: true } });
    expect(await authenticateConsoleUser("gone@example.com", "another long password")).toBeNull();
    expect(await findActiveConsoleUser(u.id)).toBeNull();
    expect(await findActiveConsoleUser("not-a-uuid")).toBeNull();
  });
});

describe("admin server actions", () => {
  const input = { email: "new.support@example.com", role: "support", password: "a fine long password" };

  it("support staff are refused, nothing is created, and the refusal is audited", async () => {
    const support = await createConsoleUser({ email: "s1@example.com", role: "support", password: "support long password" });
    const result = await runConsoleActionAs(createConsoleUserAction, support, input);
    expect(result).toEqual({ error: { code: "forbidden", message: "This action needs the admin role." } });
    expect(await t.current.db.consoleUser.count({ where: { email: input.email } })).toBe(0);
    const audit = await t.current.db.auditLog.findMany({ where: { actorId: support.id } });
    expect(audit).toMatchObject([{ action: "console_user.create", outcome: "denied", actorRole: "support" }]);
  });

  it("a signed-out caller is refused before anything runs", async () => {
    const before = await t.current.db.auditLog.count();
    expect(await runConsoleActionAs(createConsoleUserAction, null, input)).toMatchObject({ error: { code: "unauthenticated" } });
    expect(await t.current.db.consoleUser.count({ where: { email: input.email } })).toBe(0);
    expect(await t.current.db.auditLog.count()).toBe(before);
  });

  it("an admin creates the user; the audit log names actor and target", async () => {
    const admin = await createConsoleUser({ email: "a1@example.com", role: "admin", password: "admin long password" });
    // run under the request id of the request carrying the action, as the console's action client does
    const result = await withRequestContext({ requestId: "req-console-action-1" }, () =>
      runConsoleActionAs(createConsoleUserAction, admin, input),
    );
    expect(result).toMatchObject({ data: { email: input.email, role: "support" } });
    const createdId = "data" in result ? result.data.id : "";
    expect(await t.current.db.auditLog.findFirst({ where: { actorId: admin.id, outcome: "succeeded" } })).toMatchObject({
      action: "console_user.create",
      targetType: "console_user",
      targetId: createdId,
      requestId: "req-console-action-1",
    });
  });

  it("invalid input answers field errors and creates nothing", async () => {
    const admin = await createConsoleUser({ email: "a2@example.com", role: "admin", password: "admin long password" });
    const result = await runConsoleActionAs(createConsoleUserAction, admin, { email: "not-an-email", role: "owner", password: "short" });
    expect(result).toMatchObject({ error: { code: "invalid_input" } });
    const fields = "error" in result ? (result.error.fields ?? []).map((f) => f.path).sort() : [];
    expect(fields).toEqual(["email", "password", "role"]);
  });

  it("a duplicate email is a conflict, reported and audited as failed", async () => {
    const admin = await createConsoleUser({ email: "a3@example.com", role: "admin", password: "admin long password" });
    await createConsoleUser({ email: "taken@example.com", role: "support", password: "support long password" });
    const result = await runConsoleActionAs(createConsoleUserAction, admin, { ...input, email: "taken@example.com" });
    expect(result).toEqual({ error: { code: "conflict", message: "A console user with this email already exists.", fields: undefined } });
    expect(await t.current.db.auditLog.findFirst({ where: { actorId: admin.id } })).toMatchObject({ outcome: "failed" });
  });
});
