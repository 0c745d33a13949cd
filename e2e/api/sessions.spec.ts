import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_USERS, SAME_ORIGIN, STORAGE_STATE } from "../fixtures";
import { E2E_ORIGIN, HttpClient } from "../http-client";

// Console sessions end on the server: after sign-out, "sign out everywhere" or disabling the user,
// a copy of the session cookie taken before is refused by every API route and page.

const PASSWORD = "a console user password";

type ConsoleUser = { id: string; email: string };

async function newConsoleUser(request: APIRequestContext, prefix: string): Promise<ConsoleUser> {
  const email = `${prefix}-${randomBytes(4).toString("hex")}@e2e.test`;
  const res = await request.post("/api/console/console-users", { data: { email, role: "support", password: PASSWORD }, headers: SAME_ORIGIN });
  expect(res.status(), await res.text()).toBe(201);
  return { id: ((await res.json()) as { id: string }).id, email };
}

async function signedIn(email: string): Promise<HttpClient> {
  const client = new HttpClient();
  expect(await client.signInConsole(email, PASSWORD)).toMatchObject({ ok: true });
  expect((await client.send("GET", "/api/console/me")).status).toBe(200);
  return client;
}

/** A second client holding a copy of `client`'s cookies (a stolen or captured cookie). */
function copyOf(client: HttpClient): HttpClient {
  const copy = new HttpClient();
  for (const [k, v] of client.cookies) copy.cookies.set(k, v);
  return copy;
}

/** Asserts that the client's session is refused everywhere: API route, page, next-auth's session. */
async function expectSignedOut(client: HttpClient): Promise<void> {
  const me = await client.send("GET", "/api/console/me");
  expect(me.status).toBe(401);
  expect(me.json()).toMatchObject({ code: "unauthenticated" });
  const page = await client.send("GET", "/users");
  expect(page.status).toBe(307);
  expect(page.headers.location).toBe("/sign-in?callbackUrl=%2Fusers");
  expect((await client.send("GET", "/api/auth/session")).json()).not.toHaveProperty("user");
}

function serverActionId(name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === name && v.filename === "app/(console)/settings/actions.ts");
  if (!entry) throw new Error(`no server action ${name}`);
  return entry[0];
}

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("a cookie captured before sign-out is refused after it", async ({ request }) => {
    const user = await newConsoleUser(request, "signout");
    const browser = await signedIn(user.email);
    const captured = copyOf(browser);
    expect((await captured.send("GET", "/api/console/me")).json()).toMatchObject({ email: user.email });

    expect((await browser.signOutConsole()).status).toBe(200);
    await expectSignedOut(captured);
    // another sign-in is a new session and works
    await signedIn(user.email);
  });

  test("disabling a console user ends their sessions at once, and enabling does not revive them", async ({ page, request }) => {
    const user = await newConsoleUser(request, "disabled");
    const session = await signedIn(user.email);

    await page.goto("/settings");
    await page.getByRole("button", { name: `Disable ${user.email}` }).click();
    await expect(page.getByRole("button", { name: `Enable ${user.email}` })).toBeVisible();
    await expectSignedOut(session);

    await page.getByRole("button", { name: `Enable ${user.email}` }).click();
    await expect(page.getByRole("button", { name: `Disable ${user.email}` })).toBeVisible();
    await expectSignedOut(session);
    await signedIn(user.email);
  });

  test("an admin signs a user out everywhere: every session of theirs ends, other users' do not", async ({ page, request }) => {
    const user = await newConsoleUser(request, "everywhere");
    const other = await newConsoleUser(request, "bystander");
    const [laptop, phone] = [await signedIn(user.email), await signedIn(user.email)];
    const bystander = await signedIn(other.email);

    await page.goto("/settings");
    await page.getByRole("button", { name: `Sign out everywhere ${user.email}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "2 sessions ended" })).toBeVisible();
    await expectSignedOut(laptop);
    await expectSignedOut(phone);
    expect((await bystander.send("GET", "/api/console/me")).status).toBe(200);
    // the audit log names the action and its target
    await page.goto("/audit-log");
    await expect(page.getByRole("cell", { name: "console_user.sign_out_everywhere" }).first()).toBeVisible();
  });
});

test("a console user signs themselves out everywhere, this browser included", async ({ page, request }) => {
  const admin = new HttpClient();
  expect(await admin.signInConsole(E2E_USERS.admin.email, E2E_USERS.admin.password)).toMatchObject({ ok: true });
  const created = await admin.send("POST", "/api/console/console-users", {
    json: { email: `self-${randomBytes(4).toString("hex")}@e2e.test`, role: "support", password: PASSWORD },
    headers: { origin: E2E_ORIGIN },
  });
  expect(created.status).toBe(201);
  const email = created.json<{ email: string }>().email;
  const elsewhere = await signedIn(email);

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/settings");
  await page.getByRole("form", { name: "Sign out everywhere" }).getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectSignedOut(elsewhere);
  const again = await request.get("/api/console/me", { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ") } });
  expect(again.status()).toBe(401);
});

test("support staff cannot sign another console user out", async () => {
  const admin = await (async () => {
    const c = new HttpClient();
    expect(await c.signInConsole(E2E_USERS.admin.email, E2E_USERS.admin.password)).toMatchObject({ ok: true });
    return c;
  })();
  const adminId = (await admin.send("GET", "/api/console/me")).json<{ id: string }>().id;
  const support = new HttpClient();
  expect(await support.signInConsole(E2E_USERS.support.email, E2E_USERS.support.password)).toMatchObject({ ok: true });
  const res = await support.send("POST", "/settings", {
    body: JSON.stringify([{ id: adminId }]),
    headers: { "next-action": serverActionId("signOutEverywhereAction"), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: E2E_ORIGIN },
  });
  expect(res.status).toBe(200);
  expect(res.text).toContain("Only admins can sign other console users out.");
  expect((await admin.send("GET", "/api/console/me")).status).toBe(200);
});
