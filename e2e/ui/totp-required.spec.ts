import { expect, test } from "@playwright/test";
import { E2E_USERS } from "../fixtures";
import { startOwnServer } from "../helpers/own-server";
import { codeAt } from "../helpers/totp";

// CONSOLE_ADMIN_TOTP=required (the default against Cobo's prod environment) in the production
// build: an admin without a second factor signs in with the password, but every page sends them to
// the two-factor setup and the console's routes refuse them until it is on; support staff are not
// held. The shared e2e server keeps it optional, so this spec starts a server of its own.

test("an admin who must set up two-factor authentication reaches only its setup until it is on; support is not held", async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const server = await startOwnServer("totp_required", { E2E_CONSOLE_ADMIN_TOTP: "required" }, testInfo);
  try {
    const context = await browser.newContext({ baseURL: server.origin });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(E2E_USERS.admin.email);
    await page.getByLabel("Password").fill(E2E_USERS.admin.password);
    await page.getByRole("button", { name: /^sign in$/i }).click();
    await expect(page).toHaveURL(/\/settings\/two-factor$/);
    for (const path of ["/dashboard", "/transactions", "/settings", "/approvals"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/settings\/two-factor$/);
    }
    // the console's own routes answer 403 with the reason, not the data
    const live = await context.request.get("/api/console/live");
    expect(live.status()).toBe(403);
    expect(await live.text()).toContain("two-factor");
    const csv = await context.request.get("/api/console/exports/audit-log");
    expect(csv.status()).toBe(403);

    const section = page.getByRole("region", { name: "Two-factor authentication" });
    await page.goto("/settings/two-factor");
    await section.getByRole("button", { name: "Set up two-factor authentication" }).click();
    const secret = ((await section.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await section.getByLabel("Code from your authenticator app").fill(codeAt(secret, Date.now()));
    await section.getByRole("button", { name: "Turn on" }).click();
    await expect(section.getByRole("status")).toContainText("Two-factor authentication is on");

    // on: the console opens
    await page.goto("/transactions");
    await expect(page).toHaveURL(/\/transactions$/);
    await expect(page.getByRole("heading", { name: "Transactions", level: 1 })).toBeVisible();
    expect((await context.request.get("/api/console/exports/audit-log")).status()).toBe(200);
    await context.close();

    // support staff sign in with the password alone and reach every page
    const support = await server.signedIn(browser, "support");
    const supportPage = await support.newPage();
    await supportPage.goto("/transactions");
    await expect(supportPage).toHaveURL(/\/transactions$/);
    await support.close();
  } finally {
    await server.stop();
  }
});
