import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { ACTIONS, actionData, callAction } from "../helpers/server-action";
import { HttpClient } from "../http-client";

// Sign-in lockouts count only failures, per client address and per account and client address, so
// someone who knows an email can lock out only themselves; the client address is the connecting
// peer (the e2e server trusts no proxy), never what X-Forwarded-For claims. Each loopback address
// (127.0.0.x) is a distinct client to the server.

const PASSWORD = "an app user password";
const suffix = () => randomBytes(4).toString("hex");

async function appUser(client: HttpClient): Promise<string> {
  const email = `lockout-${suffix()}@e2e.test`;
  const res = await client.send("POST", "/api/v1/auth/sign-up", { json: { email, password: PASSWORD } });
  expect(res.status, res.text).toBe(201);
  return email;
}

const signIn = (client: HttpClient, email: string, password: string, headers: Record<string, string> = {}) =>
  client.send("POST", "/api/v1/auth/sign-in", { json: { email, password }, headers });

const UNLOCK = { page: "/settings", file: "app/(console)/settings/actions.ts", name: "unlockSignInAction" };

/** Unlocks on Settings, with a reason (kept in the audit log) and the confirmation. */
async function unlockInConsole(page: Page, email: string, kind: "console user" | "app user", reason: string): Promise<void> {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Unlock sign-in" });
  await form.getByLabel("Account email").fill(email);
  await form.getByLabel("Account kind").selectOption({ label: kind });
  await form.getByLabel("Reason (kept in the audit log)").fill(reason);
  await expect(form.getByRole("button", { name: "Unlock sign-in" })).toBeDisabled();
  await form.getByLabel("Clear this account's sign-in failures, from every address").check();
  await form.getByRole("button", { name: "Unlock sign-in" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Sign-in unlocked for ${email}` })).toBeVisible();
}

test("the 11th and later correct sign-ins in a row are still welcome", async () => {
  const owner = new HttpClient("127.0.0.21");
  const email = await appUser(owner);
  for (let i = 0; i < 12; i++) expect((await signIn(owner, email, PASSWORD)).status, `sign-in ${i + 1}`).toBe(200);
});

test("a guesser locks out only itself, even when it claims the owner's address in X-Forwarded-For", async () => {
  const owner = new HttpClient("127.0.0.22");
  const guesser = new HttpClient("127.0.0.32");
  const email = await appUser(owner);
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++)
    statuses.push((await signIn(guesser, email, `wrong guess ${i}!!`, { "x-forwarded-for": "127.0.0.22" })).status);
  expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
  const locked = await signIn(guesser, email, PASSWORD);
  expect(locked.status).toBe(429);
  expect(locked.json()).toMatchObject({ code: "rate_limited", status: 429 });
  expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
  // the owner signs in as usual
  expect((await signIn(owner, email, PASSWORD)).status).toBe(200);
});

test("per-client limits hold however X-Forwarded-For changes", async () => {
  const stuffer = new HttpClient("127.0.0.33");
  const statuses: number[] = [];
  // 30 failures a minute per client, whatever the account; a new forwarded address each time
  for (let i = 0; i < 31; i++) {
    const res = await signIn(stuffer, `nobody-${suffix()}@e2e.test`, "not the password!", { "x-forwarded-for": `203.0.113.${i}` });
    statuses.push(res.status);
  }
  expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
  expect(statuses[30]).toBe(429);
});

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("an admin unlocks an app user locked out on one address, saying why", async ({ page, request }) => {
    const owner = new HttpClient("127.0.0.24");
    const email = await appUser(owner);
    const newNetwork = new HttpClient("127.0.0.34");
    for (let i = 0; i < 10; i++) expect((await signIn(newNetwork, email, `forgot it ${i}!!!`)).status).toBe(401);
    expect((await signIn(newNetwork, email, PASSWORD)).status).toBe(429);

    // Without a reason the server refuses the call, and the lockout stays.
    const bare = await callAction(request, UNLOCK, { scope: "app", email });
    expect(bare.result).toMatchObject({ error: { code: "invalid_input", fields: [{ path: "reason" }] } });
    expect((await signIn(newNetwork, email, PASSWORD)).status).toBe(429);

    await unlockInConsole(page, email, "app user", "e2e: owner verified by phone");
    expect((await signIn(newNetwork, email, PASSWORD)).status).toBe(200);
    await page.goto(`/audit-log?action=sign_in.unlock&target=${encodeURIComponent(email)}`);
    const entry = page.getByRole("row").filter({ hasText: "sign_in.unlock" }).first();
    await expect(entry).toContainText("succeeded");
    await expect(entry).toContainText("e2e: owner verified by phone");
  });

  test("console sign-in: a guesser locks out only itself, and an admin can unlock it", async ({ page, request }) => {
    const email = `console-lockout-${suffix()}@e2e.test`;
    const password = "a console user password";
    const created = await callAction(request, ACTIONS.createConsoleUser, { email, role: "support", password });
    expect(actionData(created)).toMatchObject({ email });

    const guesser = new HttpClient("127.0.0.41");
    for (let i = 0; i < 10; i++)
      expect(await guesser.signInConsole(email, `wrong guess ${i}!!`)).toMatchObject({ ok: false, error: "CredentialsSignin" });
    expect(await guesser.signInConsole(email, password)).toMatchObject({ ok: false, error: "rate_limited" });
    // the owner, on their own address, signs in as usual
    const owner = new HttpClient("127.0.0.42");
    expect(await owner.signInConsole(email, password)).toMatchObject({ ok: true });

    await unlockInConsole(page, email, "console user", "e2e: the owner asked");
    expect(await guesser.signInConsole(email, password)).toMatchObject({ ok: true });
  });
});
