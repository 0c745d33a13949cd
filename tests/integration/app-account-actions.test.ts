import { beforeAll, describe, expect, it } from "vitest";
import { POST as signInRoute } from "@/app/api/v1/auth/sign-in/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { endAppSessionsAction, resetAppPasswordAction, unlockAppSignInAction } from "@/app/(console)/users/[id]/actions";
import type { ActionResult } from "@/components/actions/action-result";
import { getAppAccount } from "@/lib/console/get-app-account";
import { runConsoleActionAs } from "@/lib/http/console-action";
import { createConsoleUser, type ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { call, setupAppHarness } from "../helpers/app-harness";
import { newAppUser } from "../helpers/app-users";

// What support asks an admin to do for an app user's account, through the console's actions: end
// every session, set a new password, lift a sign-in lockout. Admin only, with a reason, audited
// without the password; the user's tokens stop working at once.

const app = setupAppHarness();
let admin: ConsoleIdentity;
let support: ConsoleIdentity;

beforeAll(async () => {
  admin = await createConsoleUser({ email: "admin@app-account.test", role: "admin", password: "admin long password" });
  support = await createConsoleUser({ email: "support@app-account.test", role: "support", password: "support long password" });
});

function data<T>(result: ActionResult<T>): T {
  if ("error" in result) throw new Error(`expected data, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

const me = (token: string) => call(getMe, { path: "/api/v1/me", token });
const signIn = (email: string, password: string, ip = "198.51.100.20") =>
  call(signInRoute, { path: "/api/v1/auth/sign-in", body: { email, password }, headers: { "x-forwarded-for": ip } });

describe("app account actions", () => {
  it("support staff are refused each one; nothing changes and the refusals are audited", async () => {
    const u = await newAppUser("acct-support");
    const refused = { error: { code: "forbidden", message: "This action needs the admin role." } };
    expect(await runConsoleActionAs(endAppSessionsAction, support, { userId: u.id, reason: "not mine to do" })).toEqual(refused);
    expect(
      await runConsoleActionAs(resetAppPasswordAction, support, {
        userId: u.id,
        reason: "not mine to do",
        password: "another long password",
      }),
    ).toEqual(refused);
    expect(await runConsoleActionAs(unlockAppSignInAction, support, { userId: u.id, reason: "not mine to do" })).toEqual(refused);
    expect((await me(u.token)).status).toBe(200);
    expect((await signIn(u.email, u.password)).status).toBe(200);
    const audit = await app.db.auditLog.findMany({ where: { actorId: support.id }, select: { action: true, outcome: true } });
    expect(audit).toEqual([
      { action: "app_user.sign_out_everywhere", outcome: "denied" },
      { action: "app_user.reset_password", outcome: "denied" },
      { action: "app_user.unlock_sign_in", outcome: "denied" },
    ]);
  });

  it("a reason is required, and an unknown user is named as such", async () => {
    const u = await newAppUser("acct-input");
    const noReason = await runConsoleActionAs(endAppSessionsAction, admin, { userId: u.id, reason: " " });
    expect(noReason).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "reason" }] } });
    const short = await runConsoleActionAs(resetAppPasswordAction, admin, { userId: u.id, reason: "lost it", password: "short" });
    expect(short).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "password" }] } });
    const unknown = await runConsoleActionAs(endAppSessionsAction, admin, {
      userId: "00000000-0000-4000-8000-000000000000",
      reason: "ghost",
    });
    expect(unknown).toMatchObject({ error: { code: "not_found" } });
    expect((await me(u.token)).status).toBe(200);
  });

  it("ending every session stops each token at once and shows in the account; other users keep theirs", async () => {
    const u = await newAppUser("acct-end");
    const second = await signIn(u.email, u.password, "198.51.100.21");
    const other = await newAppUser("acct-other");
    const before = await getAppAccount(u.id, u.email);
    expect(before.liveSessions).toBe(2);
    const ended = data(await runConsoleActionAs(endAppSessionsAction, admin, { userId: u.id, reason: "phone stolen" }));
    expect(ended).toEqual({ userId: u.id, email: u.email, sessionsEnded: 2 });
    expect((await me(u.token)).status).toBe(401);
    expect((await me((second.body as { access_token: string }).access_token)).status).toBe(401);
    expect((await me(other.token)).status).toBe(200);
    const after = await getAppAccount(u.id, u.email);
    expect(after.liveSessions).toBe(0);
    expect(after.sessions.map((s) => s.state)).toEqual(["ended", "ended"]);
    const row = await app.db.auditLog.findFirstOrThrow({
      where: { action: "app_user.sign_out_everywhere", actorId: admin.id, targetId: u.id },
    });
    expect(row).toMatchObject({ outcome: "succeeded", targetType: "app_user", targetId: u.id });
    expect(row.details).toEqual({ reason: "phone stolen" });
  });

  it("a new password works, the old one and every session do not, and the audit keeps no password", async () => {
    const u = await newAppUser("acct-reset");
    const done = data(
      await runConsoleActionAs(resetAppPasswordAction, admin, {
        userId: u.id,
        reason: "identity checked",
        password: "a brand new long password",
      }),
    );
    expect(done).toMatchObject({ userId: u.id, sessionsEnded: 1 });
    expect((await me(u.token)).status).toBe(401);
    expect((await signIn(u.email, u.password)).status).toBe(401);
    expect((await signIn(u.email, "a brand new long password")).status).toBe(200);
    const row = await app.db.auditLog.findFirstOrThrow({ where: { action: "app_user.reset_password", targetId: u.id } });
    expect(JSON.stringify(row)).not.toContain("a brand new long password");
  });

  it("a locked-out account shows its failures and signs in again once unlocked", async () => {
    const u = await newAppUser("acct-lock");
    let status = 0;
    // a guesser from one address locks the account for that address (ten failures)
    for (let i = 0; i < 15 && status !== 429; i++) status = (await signIn(u.email, "wrong password guess", "198.51.100.99")).status;
    expect(status).toBe(429);
    expect((await getAppAccount(u.id, u.email)).signInFailureCounters).toBeGreaterThan(0);
    expect((await signIn(u.email, u.password, "198.51.100.99")).status).toBe(429);
    const unlocked = data(await runConsoleActionAs(unlockAppSignInAction, admin, { userId: u.id, reason: "owner verified" }));
    expect(unlocked.countersCleared).toBeGreaterThan(0);
    expect((await getAppAccount(u.id, u.email)).signInFailureCounters).toBe(0);
    expect((await signIn(u.email, u.password, "198.51.100.99")).status).toBe(200);
  });
});
