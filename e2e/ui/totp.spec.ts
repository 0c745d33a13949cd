import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../lib/server/console-users/password";
import { e2eRuntimeFile, STORAGE_STATE } from "../fixtures";
import { actionData, callAction, type ActionRef } from "../helpers/server-action";
import { HttpClient } from "../http-client";
import { codeAt } from "../helpers/totp";

// Two-factor authentication (TOTP) for console users, in the production build. This spec plays
// the authenticator app with the same library the server uses (otpauth), reading the secret the
// page shows. It makes its own console users (straight into the run's database) and never touches
// the shared admin and support accounts' second factor. The e2e server keeps CONSOLE_ADMIN_TOTP
// optional (sandbox); the `required` gate is tested in tests/integration/console-totp.test.ts.

const port = Number(process.env.E2E_PORT ?? 3100);
const PASSWORD = "a console user password";

const TOTP_ACTIONS = {
  start: { page: "/settings", file: "app/(console)/settings/two-factor/actions.ts", name: "startTotpEnrolmentAction" },
  confirm: { page: "/settings", file: "app/(console)/settings/two-factor/actions.ts", name: "confirmTotpEnrolmentAction" },
  reset: { page: "/settings", file: "app/(console)/settings/two-factor/actions.ts", name: "resetConsoleUserTotpAction" },
} as const satisfies Record<string, ActionRef>;

/** A well-formed code the secret does not give within two steps of now. */
function wrongCode(secret: string): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => codeAt(secret, Date.now() + d * 30_000)));
  for (let i = 0; ; i++) {
    const candidate = String(100000 + i * 7919).slice(-6);
    if (!near.has(candidate)) return candidate;
  }
}

/** A console user of this spec's own, straight into the run's database (like e2e/server.ts makes the shared ones). */
async function newConsoleUser(role: "admin" | "support", prefix: string): Promise<{ email: string }> {
  const email = `${prefix}-${randomBytes(4).toString("hex")}@e2e.test`;
  const { databaseUrl } = JSON.parse(readFileSync(e2eRuntimeFile(port), "utf8")) as { databaseUrl: string };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO console_users (id, email, name, role, password_hash, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, now(), now())`,
      [email, `TOTP ${prefix}`, role, await hashPassword(PASSWORD)],
    );
  } finally {
    await client.end();
  }
  return { email };
}

async function submitSignIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /^sign in$/i }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Sign-ins over HTTP come from their own loopback address, so their failures count apart from the browser's. */
const httpClient = () => new HttpClient("127.0.0.61");

const CODE_REQUIRED = "Enter the 6-digit code from your authenticator app.";
const REFUSED = "Incorrect email, password or authentication code.";

test("a console user sets up two-factor authentication; then sign-in needs a current code, once", async ({ page }) => {
  const user = await newConsoleUser("support", "totp-enrol");
  await submitSignIn(page, user.email);
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await expect(section.getByTestId("two-factor-state")).toContainText("off");
  await section.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(section.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = ((await section.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // a wrong code does not turn it on
  await section.getByLabel("Code from your authenticator app").fill(wrongCode(secret));
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByText("That code is not right.", { exact: false })).toBeVisible();
  await section.getByLabel("Code from your authenticator app").fill(codeAt(secret, Date.now()));
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByRole("status")).toContainText("Two-factor authentication is on");
  await expect(section.getByTestId("two-factor-state")).toContainText("Sign-in asks for a code");
  await expect(section.getByTestId("totp-secret")).toHaveCount(0);
  // shown once: not on the page again
  await page.reload();
  await expect(section.getByTestId("two-factor-state")).toContainText("Sign-in asks for a code");
  const html = await page.content();
  expect(html).not.toContain(secret);
  expect(html).not.toContain(secret.replace(/(.{4})(?=.)/g, "$1 "));

  await signOut(page);
  // the password alone is refused: the form asks for the code
  await submitSignIn(page, user.email);
  await expect(page.getByRole("alert").filter({ hasText: CODE_REQUIRED })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  // a wrong code is refused like a wrong password
  await page.getByLabel("Authentication code").fill(wrongCode(secret));
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page.getByRole("alert").filter({ hasText: REFUSED })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  // the authenticator's next code (accepted within the drift, and later than the one that turned it on)
  const code = codeAt(secret, Date.now() + 30_000);
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // a code is good once: the same one again is refused
  await signOut(page);
  await submitSignIn(page, user.email);
  await expect(page.getByRole("alert").filter({ hasText: CODE_REQUIRED })).toBeVisible();
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page.getByRole("alert").filter({ hasText: REFUSED })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test.describe("resetting another console user's two-factor authentication", () => {
  /** A console user with TOTP on, set up over HTTP as the Settings page does; answers their email. */
  async function userWithTotp(prefix: string): Promise<string> {
    const { email } = await newConsoleUser("support", prefix);
    const client = httpClient();
    expect(await client.signInConsole(email, PASSWORD)).toMatchObject({ ok: true });
    // The answer carries the QR code, a long string React sends as a raw text row, which
    // decodeActionResult does not read; the secret beside it is plain JSON in the answer.
    const started = await callAction(client, TOTP_ACTIONS.start, {});
    expect(started.status).toBe(200);
    const secret = /"secret":"([A-Z2-7]{32})"/.exec(started.text)?.[1];
    if (!secret) throw new Error(`no secret in the answer: ${started.text.slice(0, 300)}`);
    actionData(await callAction(client, TOTP_ACTIONS.confirm, { code: codeAt(secret, Date.now()) }));
    // from now on the password alone stops at the code
    expect(await httpClient().signInConsole(email, PASSWORD)).toMatchObject({ ok: false, error: "code_required" });
    return email;
  }

  test.describe("as support", () => {
    test.use({ storageState: STORAGE_STATE.support });

    test("support staff see no reset, and the action refuses them", async ({ page, request }) => {
      const target = await userWithTotp("totp-kept");
      await page.goto("/settings");
      await expect(page.getByRole("region", { name: "Two-factor authentication" })).toBeVisible();
      await expect(page.getByRole("form", { name: "Reset two-factor authentication" })).toHaveCount(0);

      const res = await callAction(request, TOTP_ACTIONS.reset, { email: target });
      expect(res.result).toEqual({ error: { code: "forbidden", message: "This action needs the admin role." } });
      // still on
      expect(await httpClient().signInConsole(target, PASSWORD)).toMatchObject({ ok: false, error: "code_required" });
    });
  });

  test.describe("as admin", () => {
    test.use({ storageState: STORAGE_STATE.admin });

    test("an admin resets it (audited): the user signs in with the password alone again", async ({ page }) => {
      const target = await userWithTotp("totp-reset");
      await page.goto("/settings");
      const form = page.getByRole("form", { name: "Reset two-factor authentication" });
      await form.getByLabel("Console user's email").fill(target);
      await form.getByRole("button", { name: "Reset two-factor authentication" }).click();
      await expect(form.getByRole("status")).toHaveText(`Two-factor authentication reset for ${target}.`);
      expect(await httpClient().signInConsole(target, PASSWORD)).toMatchObject({ ok: true });
      await page.goto("/audit-log");
      await expect(page.getByRole("cell", { name: "console_user.totp.reset" }).first()).toBeVisible();
    });
  });
});
