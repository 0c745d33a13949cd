import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { runConsoleActionAs } from "@/lib/http/console-action";
import {
  disableConsoleUserAction,
  enableConsoleUserAction,
  signOutEverywhereAction,
  unlockSignInAction,
} from "@/app/(console)/settings/actions";
import { buildAuthOptions } from "@/lib/http/auth-options";
import { openConsoleSession, resolveConsoleSession, revokeConsoleSession } from "@/lib/server/console-users/console-sessions";
import { createConsoleUser, type ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { setConsoleUserDisabled } from "@/lib/server/console-users/set-console-user-disabled";
import { withSignInGuard } from "@/lib/server/rate-limit/rate-limit";
import { setupTestDatabase } from "../helpers/db";

// Server-side console sessions and the actions around them, on a real database.

const t = setupTestDatabase();
let n = 0;
const newUser = (role: "admin" | "support") =>
  createConsoleUser({ email: `user${++n}-${role}@example.com`, role, password: "a good long password" });

type Callbacks = Required<NonNullable<ReturnType<typeof buildAuthOptions>["callbacks"]>>;

function authCallbacks() {
  process.env.AUTH_SECRET ??= "s".repeat(32);
  const options = buildAuthOptions();
  return { callbacks: options.callbacks as Callbacks, events: options.events! };
}

/** What next-auth does at a credentials sign-in: the jwt callback with the user, giving the cookie's token. */
async function signInToken(user: ConsoleIdentity): Promise<JWT> {
  const { callbacks } = authCallbacks();
  return (await callbacks.jwt({
    token: { sub: user.id },
    user: { ...user, id: user.id },
    account: { provider: "credentials", type: "credentials", providerAccountId: user.id },
  } as never)) as JWT;
}

/** What every session read answers for a token (the session callback). */
async function sessionUser(token: JWT) {
  const { callbacks } = authCallbacks();
  const session = await callbacks.session({ session: { expires: new Date(Date.now() + 60_000).toISOString() }, token } as never);
  return (session as { user?: ConsoleIdentity }).user;
}

describe("console sessions", () => {
  it("a sign-in opens a session the cookie names; sign-out revokes it and the same cookie then has no user", async () => {
    const user = await newUser("support");
    const token = await signInToken(user);
    expect(token.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await sessionUser(token)).toEqual({
      id: user.id,
      email: user.email,
      name: null,
      role: "support",
      timeZone: null,
      totpOn: false,
    });

    await authCallbacks().events.signOut!({ token, session: undefined as never });
    expect(await sessionUser(token)).toBeUndefined();
    expect(await t.current.db.consoleSession.findUniqueOrThrow({ where: { id: token.sid! } })).toMatchObject({ revokedReason: "sign_out" });
    // a token from before server-side sessions (no sid) is refused too
    expect(await sessionUser({ sub: user.id, role: "support" })).toBeUndefined();
  });

  it("refuses an expired session, another user's token for it, and a malformed id", async () => {
    const user = await newUser("admin");
    const other = await newUser("admin");
    const sid = await openConsoleSession(user.id, "credentials");
    expect(await resolveConsoleSession(sid, user.id)).toMatchObject({ id: user.id });
    expect(await resolveConsoleSession(sid, other.id)).toBeNull();
    expect(await resolveConsoleSession("not-a-uuid")).toBeNull();
    await t.current.db.consoleSession.update({ where: { id: sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveConsoleSession(sid, user.id)).toBeNull();
    expect(await revokeConsoleSession(sid)).toBe(true);
    expect(await revokeConsoleSession(sid)).toBe(false);
  });

  it("disabling a user revokes their sessions, so enabling them again does not revive old cookies", async () => {
    const admin = await newUser("admin");
    const user = await newUser("support");
    const token = await signInToken(user);
    await setConsoleUserDisabled({ id: user.id, disabled: true, actorId: admin.id });
    expect(await sessionUser(token)).toBeUndefined();
    await setConsoleUserDisabled({ id: user.id, disabled: false, actorId: admin.id });
    expect(await sessionUser(token)).toBeUndefined();
    expect(await sessionUser(await signInToken(user))).toMatchObject({ id: user.id });
  });
});

/** The audit entries of `action` by `actorId`, oldest first, as [outcome, target id, details]. */
async function audited(action: string, actorId: string) {
  const rows = await t.current.db.auditLog.findMany({ where: { action, actorId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => [r.outcome, r.targetId, r.details]);
}

describe("sign out everywhere", () => {
  it("a user ends all their own sessions, and only theirs, with a confirmation but no reason; the action is audited", async () => {
    const user = await newUser("support");
    const bystander = await newUser("support");
    const [a, b] = [await signInToken(user), await signInToken(user)];
    const kept = await signInToken(bystander);
    // (the form names no one: the signed-in user's own account)
    const result = await runConsoleActionAs(signOutEverywhereAction, user, {});
    expect(result).toEqual({ data: { id: user.id, email: user.email, sessionsEnded: 2 } });
    expect(await sessionUser(a)).toBeUndefined();
    expect(await sessionUser(b)).toBeUndefined();
    expect(await sessionUser(kept)).toMatchObject({ id: bystander.id });
    expect(await audited("console_user.sign_out_everywhere", user.id)).toEqual([["succeeded", user.id, { reason: null }]]);
    expect(
      await t.current.db.auditLog.findFirst({ where: { actorId: user.id, action: "console_user.sign_out_everywhere" } }),
    ).toMatchObject({ targetType: "console_user" });
  });

  it("naming a user takes a reason (kept in the audit log); without one nothing ends and nothing is audited", async () => {
    const admin = await newUser("admin");
    const target = await newUser("support");
    const token = await signInToken(target);
    for (const input of [{ id: target.id }, { id: target.id, reason: "  " }, { id: target.id, reason: "x".repeat(501) }]) {
      const refused = await runConsoleActionAs(signOutEverywhereAction, admin, input);
      expect(refused).toMatchObject({ error: { code: "invalid_input" } });
      expect("error" in refused && refused.error.fields?.map((f) => f.path)).toEqual(["reason"]);
    }
    expect(await sessionUser(token)).toMatchObject({ id: target.id });
    expect(await audited("console_user.sign_out_everywhere", admin.id)).toEqual([]);

    expect(await runConsoleActionAs(signOutEverywhereAction, admin, { id: target.id, reason: "  laptop reported stolen  " })).toMatchObject(
      { data: { sessionsEnded: 1 } },
    );
    expect(await sessionUser(token)).toBeUndefined();
    expect(await audited("console_user.sign_out_everywhere", admin.id)).toEqual([
      ["succeeded", target.id, { reason: "laptop reported stolen" }],
    ]);
  });

  it("support staff cannot sign another user out; an admin can", async () => {
    const support = await newUser("support");
    const admin = await newUser("admin");
    const target = await newUser("support");
    const token = await signInToken(target);
    expect(await runConsoleActionAs(signOutEverywhereAction, support, { id: target.id, reason: "support trying" })).toMatchObject({
      error: { code: "forbidden" },
    });
    expect(await sessionUser(token)).toMatchObject({ id: target.id });
    expect(await runConsoleActionAs(signOutEverywhereAction, admin, { id: target.id, reason: "account review" })).toMatchObject({
      data: { sessionsEnded: 1 },
    });
    expect(await sessionUser(token)).toBeUndefined();
  });
});

describe("disabling and enabling a console user", () => {
  it("takes a reason, kept in the audit log; without one the user stays as they were and nothing is audited", async () => {
    const admin = await newUser("admin");
    const user = await newUser("support");
    const token = await signInToken(user);
    for (const action of [disableConsoleUserAction, enableConsoleUserAction]) {
      for (const input of [{ id: user.id }, { id: user.id, reason: "ok" }]) {
        const refused = await runConsoleActionAs(action, admin, input);
        expect(refused).toMatchObject({ error: { code: "invalid_input" } });
        expect("error" in refused && refused.error.fields?.map((f) => f.path)).toEqual(["reason"]);
      }
    }
    expect(await sessionUser(token)).toMatchObject({ id: user.id });
    expect(await t.current.db.auditLog.count({ where: { actorId: admin.id } })).toBe(0);

    expect(await runConsoleActionAs(disableConsoleUserAction, admin, { id: user.id, reason: "left the team" })).toMatchObject({
      data: { disabled: true },
    });
    expect(await sessionUser(token)).toBeUndefined();
    expect(await runConsoleActionAs(enableConsoleUserAction, admin, { id: user.id, reason: "back from leave" })).toMatchObject({
      data: { disabled: false },
    });
    // a refusal by the domain is audited with the reason too
    expect(await runConsoleActionAs(disableConsoleUserAction, admin, { id: admin.id, reason: "testing myself" })).toMatchObject({
      error: { code: "forbidden" },
    });
    expect(await audited("console_user.disable", admin.id)).toEqual([
      ["succeeded", user.id, { reason: "left the team" }],
      ["failed", admin.id, { reason: "testing myself", code: "forbidden" }],
    ]);
    expect(await audited("console_user.enable", admin.id)).toEqual([["succeeded", user.id, { reason: "back from leave" }]]);
  });
});

describe("console sign-in lockout", () => {
  type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
  const authorize = (): Authorize => {
    const provider = buildAuthOptions().providers.find((p) => p.id === "credentials") as unknown as { options: { authorize: Authorize } };
    return provider.options.authorize;
  };
  const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });

  it("counts only failures, per account and client; an admin's unlock lifts it", async () => {
    const user = await createConsoleUser({ email: "locked@example.com", role: "support", password: "the right password" });
    const admin = await newUser("admin");
    for (let i = 0; i < 12; i++)
      expect(await authorize()({ email: user.email, password: "the right password" }, from("192.0.2.1"))).toMatchObject({ id: user.id });
    for (let i = 0; i < 10; i++)
      expect(await authorize()({ email: user.email, password: "a wrong password" }, from("192.0.2.2"))).toBeNull();
    await expect(authorize()({ email: user.email, password: "the right password" }, from("192.0.2.2"))).rejects.toThrow("rate_limited");
    // the owner elsewhere is not locked out
    expect(await authorize()({ email: user.email, password: "the right password" }, from("192.0.2.1"))).toMatchObject({ id: user.id });

    // without a reason the lockout stays
    const refused = await runConsoleActionAs(unlockSignInAction, admin, { scope: "console", email: "LOCKED@example.com" });
    expect("error" in refused && refused.error).toMatchObject({ code: "invalid_input", fields: [{ path: "reason" }] });
    await expect(authorize()({ email: user.email, password: "the right password" }, from("192.0.2.2"))).rejects.toThrow("rate_limited");

    // its counter for that address, and its counter of failures from addresses it never signed in from
    expect(
      await runConsoleActionAs(unlockSignInAction, admin, { scope: "console", email: "LOCKED@example.com", reason: "owner verified" }),
    ).toMatchObject({
      data: { countersCleared: 2 },
    });
    expect(await authorize()({ email: user.email, password: "the right password" }, from("192.0.2.2"))).toMatchObject({ id: user.id });
    expect(await t.current.db.auditLog.findFirst({ where: { action: "sign_in.unlock" } })).toMatchObject({
      actorId: admin.id,
      outcome: "succeeded",
      targetId: "locked@example.com",
      details: { reason: "owner verified" },
    });
  });

  it("bounds guessing spread over many addresses, while addresses the owner signed in from stay exempt", async () => {
    const email = "spread@example.com";
    const known = "198.51.100.200";
    expect(await withSignInGuard("console", email, known, async () => "ok")).toBe("ok");
    // 100 failures from 100 addresses the account never signed in from
    for (let i = 0; i < 100; i++) expect(await withSignInGuard("console", email, `203.0.113.${i}`, async () => null)).toBeNull();
    await expect(withSignInGuard("console", email, "203.0.113.150", async () => "ok")).rejects.toMatchObject({ code: "rate_limited" });
    expect(await withSignInGuard("console", email, known, async () => "ok")).toBe("ok");
  });
});
