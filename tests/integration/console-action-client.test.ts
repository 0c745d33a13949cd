import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { consoleAction, consoleActionInfo, runConsoleActionAs } from "@/lib/http/console-action";
import { createConsoleUserAction, signOutEverywhereAction } from "@/app/(console)/settings/actions";
import type { ConsoleActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { withRequestContext } from "@/lib/log/context";
import { createConsoleUser } from "@/lib/server/console-users/console-users";
import { setupTestDatabase } from "../helpers/db";

// The console's action client itself (app/(console)/_lib/console-action.ts), on a real database:
// what every action gets from it whatever its domain call does. The actions' own behaviour is in
// console-actions.int.test.ts, console-auth.test.ts, console-sessions.test.ts and risk-callback.test.ts.

const t = setupTestDatabase();
let n = 0;
const newUser = (role: "admin" | "support") =>
  createConsoleUser({ email: `client${++n}-${role}@example.com`, role, password: "a good long password" });

describe("the console action client", () => {
  it("names each action and its role", () => {
    expect(consoleActionInfo(createConsoleUserAction)).toEqual({ name: "console_user.create", role: "admin" });
    expect(consoleActionInfo(signOutEverywhereAction)).toEqual({ name: "console_user.sign_out_everywhere", role: "any" });
    expect(() => consoleActionInfo(async () => ({ data: 1 }))).toThrow("not a console action");
  });

  it("support staff are refused an admin action before it runs, and the refusal is audited as denied", async () => {
    const support = await newUser("support");
    let ran = false;
    const action = consoleAction({
      name: "test.admin_only",
      role: "admin",
      input: z.object({}),
      run: async () => {
        ran = true;
        return "done";
      },
    });
    expect(await runConsoleActionAs(action, support, {})).toEqual({
      error: { code: "forbidden", message: "This action needs the admin role." },
    });
    expect(ran).toBe(false);
    expect(await t.current.db.auditLog.findMany({ where: { actorId: support.id } })).toMatchObject([
      { action: "test.admin_only", outcome: "denied", actorEmail: support.email, actorRole: "support", details: { reason: "role" } },
    ]);
  });

  it("success: the domain call gets the typed console actor, and the audit row names actor, target, details and request id", async () => {
    const admin = await newUser("admin");
    const seen: ConsoleActor[] = [];
    const action = consoleAction({
      name: "test.succeeds",
      role: "admin",
      input: z.object({ id: z.string(), reason: z.string() }),
      run: async (input, actor) => {
        seen.push(actor);
        return { id: input.id };
      },
      target: (input, output) => ({ type: "thing", id: output?.id ?? input.id }),
      details: (input) => ({ reason: input.reason }),
    });
    const result = await withRequestContext({ requestId: "req-client-success" }, () =>
      runConsoleActionAs(action, admin, { id: "t-1", reason: "because" }),
    );
    expect(result).toEqual({ data: { id: "t-1" } });
    expect(seen).toEqual([{ kind: "console", id: admin.id, email: admin.email, role: "admin" }]);
    expect(await t.current.db.auditLog.findFirstOrThrow({ where: { action: "test.succeeds" } })).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      actorRole: "admin",
      outcome: "succeeded",
      targetType: "thing",
      targetId: "t-1",
      details: { reason: "because" },
      requestId: "req-client-success",
    });
  });

  it("takes FormData (a form posted without JavaScript) like an object: lists, Next.js's own fields left out", async () => {
    const admin = await newUser("admin");
    const email = `form-${randomUUID().slice(0, 8)}@example.com`;
    const form = new FormData();
    form.set("$ACTION_ID_0123", "");
    form.set("email", email);
    form.set("role", "support");
    form.set("password", "a long enough password");
    const created = await runConsoleActionAs(createConsoleUserAction, admin, form);
    expect(created).toMatchObject({ data: { email, role: "support" } });

    const seen: unknown[] = [];
    const echo = consoleAction({
      name: "test.echo",
      role: "any",
      input: z.object({ ids: z.array(z.string()), tags: z.array(z.string()), one: z.string() }),
      run: async (input) => {
        seen.push(input);
        return input;
      },
    });
    const lists = new FormData();
    lists.append("ids[]", "a");
    lists.append("tags", "x");
    lists.append("tags", "y");
    lists.append("one", "1");
    lists.append("file", new Blob(["binary"]), "f.bin");
    expect(await runConsoleActionAs(echo, admin, lists)).toEqual({ data: { ids: ["a"], tags: ["x", "y"], one: "1" } });
  });

  it("invalid input: field errors, nothing runs and nothing is audited; NUL is refused before parsing", async () => {
    const admin = await newUser("admin");
    const before = await t.current.db.auditLog.count();
    const bad = await runConsoleActionAs(createConsoleUserAction, admin, { email: "nope", role: "root", password: "x" });
    expect(bad).toMatchObject({ error: { code: "invalid_input", message: "Please correct the highlighted fields." } });
    expect("error" in bad ? bad.error.fields?.map((f) => f.path).sort() : []).toEqual(["email", "password", "role"]);
    const nul = await runConsoleActionAs(createConsoleUserAction, admin, {
      email: "new\u0000@example.com",
      role: "support",
      password: "a long enough password",
    });
    expect(nul).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "email" }] } });
    expect(await t.current.db.consoleUser.count({ where: { email: { startsWith: "new" } } })).toBe(0);
    expect(await t.current.db.auditLog.count()).toBe(before);
  });

  it("an expected domain failure is its message, audited as failed with its code; anything else is a generic message with the request id", async () => {
    const admin = await newUser("admin");
    const conflict = consoleAction({
      name: "test.conflict",
      role: "admin",
      input: z.object({ id: z.string() }),
      run: async (): Promise<string> => {
        throw new AppError("conflict", "That is already done.", { issues: [{ path: "id", message: "is taken" }] });
      },
      target: (input) => ({ type: "thing", id: input.id }),
    });
    expect(await runConsoleActionAs(conflict, admin, { id: "c-1" })).toEqual({
      error: { code: "conflict", message: "That is already done.", fields: [{ path: "id", message: "is taken" }] },
    });
    expect(await t.current.db.auditLog.findFirstOrThrow({ where: { action: "test.conflict" } })).toMatchObject({
      outcome: "failed",
      targetId: "c-1",
      details: { code: "conflict" },
    });

    const broken = consoleAction({
      name: "test.broken",
      role: "admin",
      input: z.object({}),
      run: async (): Promise<string> => {
        throw new TypeError("a bug");
      },
    });
    const result = await withRequestContext({ requestId: "req-client-broken" }, () => runConsoleActionAs(broken, admin, {}));
    expect(result).toEqual({
      error: {
        code: "internal_error",
        message:
          "Something went wrong on our side; nothing is known to have changed. Quote request id req-client-broken when reporting it.",
      },
    });
    expect(JSON.stringify(result)).not.toContain("a bug");
    expect(await t.current.db.auditLog.findFirstOrThrow({ where: { action: "test.broken" } })).toMatchObject({
      outcome: "failed",
      details: { code: "internal_error" },
    });
  });

  it("a signed-out caller is refused before anything runs", async () => {
    const before = await t.current.db.auditLog.count();
    expect(await runConsoleActionAs(signOutEverywhereAction, null, { id: randomUUID() })).toEqual({
      error: { code: "unauthenticated", message: "Your session has ended. Sign in again." },
    });
    expect(await t.current.db.auditLog.count()).toBe(before);
  });
});
