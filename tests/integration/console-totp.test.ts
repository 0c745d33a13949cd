import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { consoleActor } from "@/lib/actor";
import { resetEnvCache } from "@/lib/env";
import { buildAuthOptions } from "@/lib/http/auth-options";
import { runConsoleActionAs } from "@/lib/http/console-action";
import { createConsoleUserAction, setTimeZoneAction } from "@/app/(console)/settings/actions";
import {
  confirmTotpEnrolmentAction,
  disableTotpAction,
  resetConsoleUserTotpAction,
  startTotpEnrolmentAction,
} from "@/app/(console)/settings/two-factor/actions";
import { getTwoFactorStatus } from "@/lib/console/get-two-factor-status";
import { openConsoleSession, resolveConsoleSession } from "@/lib/server/console-users/console-sessions";
import { createConsoleUser, findActiveConsoleUser, type ConsoleIdentity } from "@/lib/server/console-users/console-users";
import { signInConsoleUser } from "@/lib/server/console-users/sign-in-console-user";
import { decryptTotpSecret, totpCodeAt } from "@/lib/server/console-users/totp";
import { clearConsoleUserTotp } from "@/lib/server/console-users/totp-reset";
import {
  confirmTotpEnrolment,
  disableTotp,
  mustEnrolTotp,
  startTotpEnrolment,
  TWO_FACTOR_REQUIRED_MESSAGE,
} from "@/lib/server/console-users/two-factor";
import { setupTestDatabase } from "../helpers/db";

// The TOTP second factor of console users on a real database: enrolment, sign-in with a code,
// replays, the lockout, an admin's reset (audited, never with the secret), turning it off, and
// CONSOLE_ADMIN_TOTP=required. The domain calls take the clock as an argument, so the codes are
// computed for fixed times; the console actions run on the real clock, with codes of that time.

const t = setupTestDatabase();
const AUTH_SECRET = "an integration-test auth secret, 32+ chars";
const PASSWORD = "a long console password";
let n = 0;

beforeAll(() => {
  process.env.AUTH_SECRET = AUTH_SECRET;
  delete process.env.CONSOLE_ADMIN_TOTP;
  resetEnvCache();
});

afterEach(() => {
  process.env.AUTH_SECRET = AUTH_SECRET;
  delete process.env.CONSOLE_ADMIN_TOTP;
  resetEnvCache();
});

const newUser = (role: "admin" | "support") => createConsoleUser({ email: `totp${++n}-${role}@example.com`, role, password: PASSWORD });

/** A fixed moment in the middle of a 30-second step, and the moments `steps` steps later. */
const T0 = new Date("2026-12-04T12:00:10.000Z");
const later = (steps: number) => new Date(T0.getTime() + steps * 30_000);

/** Turns TOTP on for `user` at `at` (domain calls); answers the secret, as the authenticator app keeps it. */
async function enrol(user: ConsoleIdentity, at: Date = T0): Promise<string> {
  const { secret } = await startTotpEnrolment(consoleActor(user), undefined, at);
  await confirmTotpEnrolment(consoleActor(user), totpCodeAt(secret, at), at);
  return secret;
}

/** A well-formed code that is none of the secret's within two steps of `at` (so wrong whatever the drift). */
function wrongCode(secret: string, at: Date): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => totpCodeAt(secret, new Date(at.getTime() + d * 30_000))));
  for (let i = 0; ; i++) {
    const candidate = String(100000 + i * 7919).slice(-6);
    if (!near.has(candidate)) return candidate;
  }
}

const signIn = (user: ConsoleIdentity, opts: { code?: string; password?: string; ip?: string; at?: Date } = {}) =>
  signInConsoleUser(
    { email: user.email, password: opts.password ?? PASSWORD, code: opts.code, ip: opts.ip ?? "192.0.2.10" },
    opts.at ?? T0,
  );

async function row(user: ConsoleIdentity) {
  return t.current.db.consoleUser.findUniqueOrThrow({ where: { id: user.id } });
}

describe("enrolment and sign-in", () => {
  it("enrol → confirm → sign-in needs the code → a replayed or older code is refused", async () => {
    const user = await newUser("support");
    const actor = consoleActor(user);

    const enrolment = await startTotpEnrolment(actor, undefined, T0);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    // waiting, encrypted, and not on yet: the password alone still signs in
    const pending = await row(user);
    expect(pending.totpPendingSecret).not.toBeNull();
    expect(pending.totpPendingSecret).not.toContain(enrolment.secret);
    expect(pending.totpSecret).toBeNull();
    expect(await signIn(user)).toMatchObject({ user: { id: user.id } });

    // a wrong code does not confirm
    await expect(confirmTotpEnrolment(actor, wrongCode(enrolment.secret, T0), T0)).rejects.toMatchObject({
      code: "invalid_input",
      options: { issues: [{ path: "code" }] },
    });
    expect((await row(user)).totpSecret).toBeNull();
    expect(await confirmTotpEnrolment(actor, totpCodeAt(enrolment.secret, T0), T0)).toEqual({ enabledAt: T0.toISOString() });
    const on = await row(user);
    expect(on).toMatchObject({ totpPendingSecret: null, totpPendingAt: null, totpEnabledAt: T0 });
    expect(on.totpSecret).not.toContain(enrolment.secret);
    expect(decryptTotpSecret(on.totpSecret!, user.id, AUTH_SECRET)).toBe(enrolment.secret);
    expect(await getTwoFactorStatus(user)).toEqual({ enabled: true, enabledAt: T0.toISOString(), required: false, pendingMinutes: 15 });

    const at = later(2);
    const code = totpCodeAt(enrolment.secret, at);
    // no code: the form must ask for it; a wrong password with the right code is plain "credentials" (and uses no step)
    expect(await signIn(user, { at })).toEqual({ failure: "code_required" });
    expect(await signIn(user, { at, code: "" })).toEqual({ failure: "code_required" });
    expect(await signIn(user, { at, code, password: "not the password at all" })).toEqual({ failure: "credentials" });
    expect(await signIn(user, { at, code: wrongCode(enrolment.secret, at) })).toEqual({ failure: "credentials" });
    expect(await signIn(user, { at, code })).toMatchObject({ user: { id: user.id, role: "support" } });
    // the same code again, even within its step, and the step before it (still within the drift)
    expect(await signIn(user, { at, code })).toEqual({ failure: "credentials" });
    expect(await signIn(user, { at, code: totpCodeAt(enrolment.secret, later(1)) })).toEqual({ failure: "credentials" });
    // the next step's code is fine (drift ahead), and then the clock catching up does not reopen this one
    expect(await signIn(user, { at, code: totpCodeAt(enrolment.secret, later(3)) })).toMatchObject({ user: { id: user.id } });
    expect(await signIn(user, { at: later(3), code: totpCodeAt(enrolment.secret, later(3)) })).toEqual({ failure: "credentials" });
    expect((await row(user)).totpLastStep).toBe(Math.floor(later(3).getTime() / 30_000));
  });

  it("the code is asked of the credentials provider's sign-in too, which the form shows as a code field", async () => {
    const user = await newUser("support");
    const secret = await enrol(user, new Date(Date.now() - 60_000));
    type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
    const provider = buildAuthOptions().providers.find((p) => p.id === "credentials") as unknown as { options: { authorize: Authorize } };
    const from = { headers: { "x-forwarded-for": "192.0.2.77" } };
    await expect(provider.options.authorize({ email: user.email, password: PASSWORD }, from)).rejects.toThrow("code_required");
    expect(await provider.options.authorize({ email: user.email, password: PASSWORD, code: "000000x" }, from)).toBeNull();
    expect(await provider.options.authorize({ email: user.email, password: "wrong password here" }, from)).toBeNull();
    // (the code of the next step: accepted within the drift, and later than the one that confirmed)
    const code = totpCodeAt(secret, new Date(Date.now() + 30_000));
    expect(await provider.options.authorize({ email: user.email, password: PASSWORD, code }, from)).toMatchObject({ id: user.id });
  });

  it("a set-up waits 15 minutes for its code; replacing an active authenticator needs a code of the old one", async () => {
    const user = await newUser("support");
    const actor = consoleActor(user);
    const first = await startTotpEnrolment(actor, undefined, T0);
    await expect(confirmTotpEnrolment(actor, totpCodeAt(first.secret, later(31)), later(31))).rejects.toMatchObject({ code: "conflict" });

    const secret = await enrol(user, later(40));
    await expect(startTotpEnrolment(actor, undefined, later(42))).rejects.toMatchObject({
      code: "invalid_input",
      options: { issues: [{ path: "currentCode" }] },
    });
    const next = await startTotpEnrolment(actor, totpCodeAt(secret, later(42)), later(42));
    expect(next.secret).not.toBe(secret);
    // the old authenticator stays on until the new one is confirmed
    expect(await signIn(user, { at: later(43), code: totpCodeAt(secret, later(43)) })).toMatchObject({ user: { id: user.id } });
    await confirmTotpEnrolment(actor, totpCodeAt(next.secret, later(44)), later(44));
    expect(await signIn(user, { at: later(45), code: totpCodeAt(secret, later(45)) })).toEqual({ failure: "credentials" });
    expect(await signIn(user, { at: later(45), code: totpCodeAt(next.secret, later(45)) })).toMatchObject({ user: { id: user.id } });
  });

  it("wrong codes, and sign-ins that stop at the code, count towards the sign-in lockout", async () => {
    const user = await newUser("support");
    const secret = await enrol(user);
    const at = later(4);
    const guesser = "198.51.100.7";
    for (let i = 0; i < 5; i++) expect(await signIn(user, { at, ip: guesser })).toEqual({ failure: "code_required" });
    for (let i = 0; i < 5; i++)
      expect(await signIn(user, { at, ip: guesser, code: wrongCode(secret, at) })).toEqual({ failure: "credentials" });
    // the 11th attempt from that address is refused whatever it carries, the right code included
    await expect(signIn(user, { at, ip: guesser, code: totpCodeAt(secret, at) })).rejects.toMatchObject({ code: "rate_limited" });
    // the owner elsewhere is not locked out
    expect(await signIn(user, { at, ip: "198.51.100.8", code: totpCodeAt(secret, at) })).toMatchObject({ user: { id: user.id } });
  });

  it("a secret encrypted under another AUTH_SECRET accepts no code (reset it with the console-user command)", async () => {
    const user = await newUser("support");
    const secret = await enrol(user);
    process.env.AUTH_SECRET = "a different auth secret, also 32+ characters";
    resetEnvCache();
    expect(await signIn(user, { at: later(1), code: totpCodeAt(secret, later(1)) })).toEqual({ failure: "credentials" });
    // what `npm run console-user -- reset-totp` does
    expect(await clearConsoleUserTotp({ email: user.email }, t.current.db)).toEqual({
      id: user.id,
      email: user.email,
      role: "support",
      wasOn: true,
    });
    expect(await clearConsoleUserTotp({ email: user.email }, t.current.db)).toMatchObject({ wasOn: false });
    expect(await clearConsoleUserTotp({ email: "nobody@example.com" }, t.current.db)).toBeNull();
    expect(await signIn(user, { at: later(1) })).toMatchObject({ user: { id: user.id } });
  });
});

describe("the console actions", () => {
  it("enrol, reset by an admin (audited; support refused), and the secret never in the audit log", async () => {
    const user = await newUser("support");
    const support = await newUser("support");
    const admin = await newUser("admin");

    const started = await runConsoleActionAs(startTotpEnrolmentAction, user, {});
    if (!("data" in started)) throw new Error(`start failed: ${JSON.stringify(started)}`);
    const { secret, qrCode } = started.data;
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(",")[1]!, "base64").toString("utf8")).toMatch(/^<svg/);
    const wrong = await runConsoleActionAs(confirmTotpEnrolmentAction, user, { code: wrongCode(secret, new Date()) });
    expect(wrong).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "code" }] } });
    const code = totpCodeAt(secret, new Date());
    expect(await runConsoleActionAs(confirmTotpEnrolmentAction, user, { code })).toMatchObject({ data: { enabledAt: expect.any(String) } });

    // support staff cannot reset anyone's; nothing changes and the refusal is audited
    expect(await runConsoleActionAs(resetConsoleUserTotpAction, support, { email: user.email })).toEqual({
      error: { code: "forbidden", message: "This action needs the admin role." },
    });
    expect((await row(user)).totpSecret).not.toBeNull();
    // an admin cannot reset their own here
    expect(await runConsoleActionAs(resetConsoleUserTotpAction, admin, { email: admin.email })).toMatchObject({
      error: { code: "forbidden" },
    });
    expect(await runConsoleActionAs(resetConsoleUserTotpAction, admin, { email: "nobody@example.com" })).toMatchObject({
      error: { code: "not_found" },
    });
    expect(await runConsoleActionAs(resetConsoleUserTotpAction, admin, { email: user.email.toUpperCase() })).toEqual({
      data: { id: user.id, email: user.email, role: "support", wasOn: true },
    });
    expect(await row(user)).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, totpPendingSecret: null });
    expect(await signInConsoleUser({ email: user.email, password: PASSWORD, ip: "192.0.2.99" })).toMatchObject({ user: { id: user.id } });

    const audit = await t.current.db.auditLog.findMany({
      where: { action: { startsWith: "console_user.totp." } },
      select: { actorId: true, action: true, outcome: true, targetType: true, targetId: true, details: true },
    });
    expect(audit).toHaveLength(7);
    expect(audit).toEqual(
      expect.arrayContaining([
        {
          actorId: user.id,
          action: "console_user.totp.start",
          outcome: "succeeded",
          targetType: "console_user",
          targetId: null,
          details: null,
        },
        {
          actorId: user.id,
          action: "console_user.totp.enable",
          outcome: "failed",
          targetType: "console_user",
          targetId: null,
          details: { code: "invalid_input" },
        },
        {
          actorId: user.id,
          action: "console_user.totp.enable",
          outcome: "succeeded",
          targetType: "console_user",
          targetId: null,
          details: null,
        },
        {
          actorId: support.id,
          action: "console_user.totp.reset",
          outcome: "denied",
          targetType: "console_user",
          targetId: user.email,
          details: { reason: "role" },
        },
        {
          actorId: admin.id,
          action: "console_user.totp.reset",
          outcome: "failed",
          targetType: "console_user",
          targetId: admin.email,
          details: { email: admin.email, code: "forbidden" },
        },
        {
          actorId: admin.id,
          action: "console_user.totp.reset",
          outcome: "failed",
          targetType: "console_user",
          targetId: "nobody@example.com",
          details: { email: "nobody@example.com", code: "not_found" },
        },
        {
          actorId: admin.id,
          action: "console_user.totp.reset",
          outcome: "succeeded",
          targetType: "console_user",
          targetId: user.id,
          details: { email: user.email },
        },
      ]),
    );
    // neither the secret nor a code anywhere in the audit log
    expect(JSON.stringify(await t.current.db.auditLog.findMany())).not.toContain(secret);
    const details = JSON.stringify((await t.current.db.auditLog.findMany({ select: { details: true } })).map((r) => r.details));
    expect(details).not.toContain(code);
  });

  it("turning it off needs a current code", async () => {
    const user = await newUser("support");
    const secret = await enrol(user, new Date(Date.now() - 120_000));
    expect(await runConsoleActionAs(disableTotpAction, user, { code: "12345" })).toMatchObject({
      error: { code: "invalid_input", fields: [{ path: "code" }] },
    });
    expect(await runConsoleActionAs(disableTotpAction, user, { code: wrongCode(secret, new Date()) })).toMatchObject({
      error: { code: "invalid_input" },
    });
    expect((await row(user)).totpSecret).not.toBeNull();
    expect(await runConsoleActionAs(disableTotpAction, user, { code: totpCodeAt(secret, new Date()) })).toEqual({
      data: { disabled: true },
    });
    expect(await row(user)).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await runConsoleActionAs(disableTotpAction, user, { code: totpCodeAt(secret, new Date()) })).toMatchObject({
      error: { code: "conflict" },
    });
  });
});

describe("CONSOLE_ADMIN_TOTP=required", () => {
  it("the session read says whether TOTP is on, and the gate answers from it", async () => {
    const admin = await newUser("admin");
    const sid = await openConsoleSession(admin.id, "credentials");
    process.env.CONSOLE_ADMIN_TOTP = "required";
    resetEnvCache();

    const before = await resolveConsoleSession(sid, admin.id);
    expect(before).toMatchObject({ id: admin.id, totpOn: false });
    expect(await mustEnrolTotp(before!)).toBe(true);

    await enrol(admin, new Date(Date.now() - 60_000));
    const after = await resolveConsoleSession(sid, admin.id);
    expect(after).toMatchObject({ id: admin.id, totpOn: true });
    expect(await findActiveConsoleUser(admin.id)).toMatchObject({ totpOn: true });
    expect(await mustEnrolTotp(after!)).toBe(false);
    // the flag is what the gate uses: an identity read before enrolment is still held at it
    expect(await mustEnrolTotp(before!)).toBe(true);
  });

  it("an admin without TOTP may only enrol; once on, it cannot be turned off, and a reset sends them back to enrolment", async () => {
    const admin = await newUser("admin");
    const otherAdmin = await newUser("admin");
    const support = await newUser("support");
    await enrol(otherAdmin, new Date(Date.now() - 60_000));
    process.env.CONSOLE_ADMIN_TOTP = "required";
    resetEnvCache();

    expect(await mustEnrolTotp(admin)).toBe(true);
    expect(await mustEnrolTotp(otherAdmin)).toBe(false);
    expect(await mustEnrolTotp(support)).toBe(false);
    expect(await getTwoFactorStatus(admin)).toMatchObject({ enabled: false, required: true });
    expect(await getTwoFactorStatus(support)).toMatchObject({ enabled: false, required: false });

    // every other action is refused, audited as denied; support staff are not held up
    const input = { email: "made-by-admin@example.com", role: "support", password: "a fine long password" };
    expect(await runConsoleActionAs(createConsoleUserAction, admin, input)).toEqual({
      error: { code: "forbidden", message: TWO_FACTOR_REQUIRED_MESSAGE },
    });
    expect(await runConsoleActionAs(setTimeZoneAction, admin, { timeZone: "Europe/Paris" })).toMatchObject({
      error: { code: "forbidden" },
    });
    expect(await t.current.db.consoleUser.count({ where: { email: input.email } })).toBe(0);
    expect(await t.current.db.auditLog.findFirst({ where: { actorId: admin.id, action: "console_user.create" } })).toMatchObject({
      outcome: "denied",
      details: { reason: "two_factor_required" },
    });
    expect(await runConsoleActionAs(setTimeZoneAction, support, { timeZone: "Europe/Paris" })).toMatchObject({ data: {} });

    // the enrolment itself is open to them
    const started = await runConsoleActionAs(startTotpEnrolmentAction, admin, {});
    if (!("data" in started)) throw new Error(`start failed: ${JSON.stringify(started)}`);
    const code = totpCodeAt(started.data.secret, new Date());
    expect(await runConsoleActionAs(confirmTotpEnrolmentAction, admin, { code })).toMatchObject({ data: {} });
    expect(await mustEnrolTotp(admin)).toBe(false);
    expect(await runConsoleActionAs(createConsoleUserAction, admin, input)).toMatchObject({ data: { email: input.email } });

    // on for good: turning it off is refused (even with a right code), and changes nothing
    const next = totpCodeAt(started.data.secret, new Date(Date.now() + 30_000));
    expect(await runConsoleActionAs(disableTotpAction, admin, { code: next })).toMatchObject({ error: { code: "forbidden" } });
    await expect(disableTotp(consoleActor(admin), next)).rejects.toMatchObject({ code: "forbidden" });
    expect((await row(admin)).totpSecret).not.toBeNull();

    // another admin resets it (a lost phone): back to enrolment only
    expect(await runConsoleActionAs(resetConsoleUserTotpAction, otherAdmin, { email: admin.email })).toMatchObject({
      data: { wasOn: true },
    });
    expect(await mustEnrolTotp(admin)).toBe(true);
    expect(await runConsoleActionAs(createConsoleUserAction, admin, { ...input, email: "second@example.com" })).toMatchObject({
      error: { message: TWO_FACTOR_REQUIRED_MESSAGE },
    });
  });
});
