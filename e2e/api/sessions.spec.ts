import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_USERS, STORAGE_STATE } from "../fixtures";
import { HttpClient } from "../http-client";
import { ACTIONS, actionData, callAction } from "../helpers/server-action";

// Console sessions end on the server: after sign-out, "sign out everywhere" or disabling the user,
// a copy of the session cookie taken before is refused by every page, server action and
// next-auth's session endpoint. An admin's actions on another console user take a reason (kept in
// the audit log) and a confirmation; a call without a reason is refused and changes nothing.

const PASSWORD = "a console user password";

const DISABLE = { page: "/settings", file: "app/(console)/settings/actions.ts", name: "disableConsoleUserAction" };

type ConsoleUser = { id: string; email: string };

async function newConsoleUser(request: APIRequestContext, prefix: string): Promise<ConsoleUser> {
  const email = `${prefix}-${randomBytes(4).toString("hex")}@e2e.test`;
  const created = actionData(
    await callAction<{ id: string }>(request, ACTIONS.createConsoleUser, { email, role: "support", password: PASSWORD }),
  );
  return { id: created.id, email };
}

/** Who next-auth's session endpoint says this client is (undefined: nobody). */
async function sessionUser(client: HttpClient): Promise<{ id: string; email: string; role: string } | undefined> {
  const res = await client.send("GET", "/api/auth/session");
  expect(res.status).toBe(200);
  return res.json<{ user?: { id: string; email: string; role: string } }>().user;
}

async function signedIn(email: string): Promise<HttpClient> {
  const client = new HttpClient();
  expect(await client.signInConsole(email, PASSWORD)).toMatchObject({ ok: true });
  expect(await sessionUser(client)).toMatchObject({ email });
  return client;
}

/** A second client holding a copy of `client`'s cookies (a stolen or captured cookie). */
function copyOf(client: HttpClient): HttpClient {
  const copy = new HttpClient();
  for (const [k, v] of client.cookies) copy.cookies.set(k, v);
  return copy;
}

/**
 * On Settings, opens a console users table action for `email` (its button, e.g. "Disable"), gives
 * the reason, confirms and submits; answers the form.
 */
async function consoleUserAction(page: Page, email: string, opts: { open: string; form: string; button: string; reason: string }) {
  const row = page.getByRole("region", { name: "Console users", exact: true }).getByRole("row").filter({ hasText: email });
  await row.getByRole("button", { name: `${opts.open} ${email}…`, exact: true }).click();
  const form = row.getByRole("form", { name: opts.form });
  const submit = form.getByRole("button", { name: opts.button, exact: true });
  await form.getByLabel("Reason (kept in the audit log)").fill(opts.reason);
  await expect(submit).toBeDisabled(); // not before the confirmation
  await form.getByRole("checkbox").check();
  await submit.click();
  return form;
}

/** The newest audit entry of `action` about console user `email` names the reason given. */
async function expectAuditedReason(page: Page, action: string, email: string, reason: string): Promise<void> {
  await page.goto(`/audit-log?action=${encodeURIComponent(action)}&target=${encodeURIComponent(email)}`);
  const entry = page.getByRole("row").filter({ hasText: action }).first();
  await expect(entry).toContainText("succeeded");
  await expect(entry).toContainText(reason);
}

/** Asserts that the client's session is refused everywhere: server action, page, next-auth's session. */
async function expectSignedOut(client: HttpClient): Promise<void> {
  // (an action any console user may run: its own sign-out everywhere, for an id nobody has)
  const action = await callAction(client, ACTIONS.signOutEverywhere, { id: "00000000-0000-4000-8000-000000000000" });
  expect(action.result).toMatchObject({ error: { code: "unauthenticated" } });
  const page = await client.send("GET", "/users");
  expect(page.status).toBe(307);
  expect(page.headers.location).toBe("/sign-in?callbackUrl=%2Fusers");
  expect((await client.send("GET", "/api/auth/session")).json()).not.toHaveProperty("user");
}

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("a cookie captured before sign-out is refused after it", async ({ request }) => {
    const user = await newConsoleUser(request, "signout");
    const browser = await signedIn(user.email);
    const captured = copyOf(browser);
    expect(await sessionUser(captured)).toMatchObject({ email: user.email });

    expect((await browser.signOutConsole()).status).toBe(200);
    await expectSignedOut(captured);
    // another sign-in is a new session and works
    await signedIn(user.email);
  });

  test("disabling a console user ends their sessions at once, and enabling does not revive them", async ({ page, request }) => {
    const user = await newConsoleUser(request, "disabled");
    const session = await signedIn(user.email);

    // Without a reason the server refuses the call, whatever a page shows, and nothing changes.
    const bare = await callAction(request, DISABLE, { id: user.id });
    expect(bare.result).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "reason" }] } });
    expect(await sessionUser(session)).toMatchObject({ email: user.email });

    await page.goto("/settings");
    await consoleUserAction(page, user.email, {
      open: "Disable",
      form: `Disable ${user.email}`,
      button: "Disable account",
      reason: "e2e: left the team",
    });
    await expect(page.getByRole("button", { name: `Enable ${user.email}…`, exact: true })).toBeVisible();
    await expectSignedOut(session);

    await consoleUserAction(page, user.email, {
      open: "Enable",
      form: `Enable ${user.email}`,
      button: "Enable account",
      reason: "e2e: back on the team",
    });
    await expect(page.getByRole("button", { name: `Disable ${user.email}…`, exact: true })).toBeVisible();
    await expectSignedOut(session);
    await signedIn(user.email);

    await expectAuditedReason(page, "console_user.disable", user.email, "e2e: left the team");
    await expectAuditedReason(page, "console_user.enable", user.email, "e2e: back on the team");
  });

  test("an admin signs a user out everywhere: every session of theirs ends, other users' do not", async ({ page, request }) => {
    const user = await newConsoleUser(request, "everywhere");
    const other = await newConsoleUser(request, "bystander");
    const [laptop, phone] = [await signedIn(user.email), await signedIn(user.email)];
    const bystander = await signedIn(other.email);

    // Naming a user without a reason is refused, and their sessions stay.
    const bare = await callAction(request, ACTIONS.signOutEverywhere, { id: user.id });
    expect(bare.result).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "reason" }] } });
    expect(await sessionUser(laptop)).toMatchObject({ email: user.email });

    await page.goto("/settings");
    const form = await consoleUserAction(page, user.email, {
      open: "Sign out everywhere",
      form: `Sign out ${user.email} everywhere`,
      button: "End their sessions",
      reason: "e2e: laptop reported stolen",
    });
    await expect(form.getByRole("status")).toHaveText("2 sessions ended.");
    await expectSignedOut(laptop);
    await expectSignedOut(phone);
    expect(await sessionUser(bystander)).toMatchObject({ email: other.email });
    // the audit log names the action, its target and the reason
    await expectAuditedReason(page, "console_user.sign_out_everywhere", user.email, "e2e: laptop reported stolen");
  });
});

test("a console user signs themselves out everywhere, this browser included", async ({ page }) => {
  const admin = new HttpClient();
  expect(await admin.signInConsole(E2E_USERS.admin.email, E2E_USERS.admin.password)).toMatchObject({ ok: true });
  const created = await callAction<{ email: string }>(admin, ACTIONS.createConsoleUser, {
    email: `self-${randomBytes(4).toString("hex")}@e2e.test`,
    role: "support",
    password: PASSWORD,
  });
  const email = actionData(created).email;
  const elsewhere = await signedIn(email);

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/settings");
  // Your own account: no reason asked, but a confirmation.
  const own = page.getByRole("form", { name: "Sign out everywhere", exact: true });
  await expect(own.getByLabel("Reason (kept in the audit log)")).toHaveCount(0);
  await expect(own.getByRole("button", { name: "Sign out everywhere" })).toBeDisabled();
  await own.getByLabel("End every session of my account, this one included").check();
  await own.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectSignedOut(elsewhere);
  const again = new HttpClient();
  for (const c of await page.context().cookies()) again.cookies.set(c.name, c.value);
  await expectSignedOut(again);
});

test("support staff cannot sign another console user out", async () => {
  const admin = await (async () => {
    const c = new HttpClient();
    expect(await c.signInConsole(E2E_USERS.admin.email, E2E_USERS.admin.password)).toMatchObject({ ok: true });
    return c;
  })();
  const adminId = (await sessionUser(admin))!.id;
  const support = new HttpClient();
  expect(await support.signInConsole(E2E_USERS.support.email, E2E_USERS.support.password)).toMatchObject({ ok: true });
  const res = await callAction(support, ACTIONS.signOutEverywhere, { id: adminId, reason: "support trying" });
  expect(res.status).toBe(200);
  expect(res.text).toContain("Only admins can sign other console users out.");
  expect(res.result).toMatchObject({ error: { code: "forbidden", message: "Only admins can sign other console users out." } });
  expect(await sessionUser(admin)).toMatchObject({ id: adminId });
});
