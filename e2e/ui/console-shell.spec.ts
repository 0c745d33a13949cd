import { expect, test } from "@playwright/test";
import { E2E_USERS, STORAGE_STATE } from "../fixtures";

const SECTIONS = ["Dashboard", "Users", "Vaults", "TSS requests", "Transactions", "Webhooks", "Audit log", "Settings"];

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("sees the shell with every section, and each section renders", async ({ page }) => {
    await page.goto("/dashboard");
    const nav = page.getByRole("navigation", { name: /console/i });
    for (const name of SECTIONS) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    await expect(page.getByText(E2E_USERS.admin.email)).toBeVisible();
    await expect(page.getByText("admin", { exact: true })).toBeVisible();

    for (const name of SECTIONS.slice(1)) {
      await nav.getByRole("link", { name, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    }
  });

  test("the audit log lists what admins did", async ({ page }) => {
    await page.goto("/settings");
    const form = page.getByRole("form", { name: "Add console user" });
    await form.getByLabel("Email").fill("audited@e2e.test");
    await form.getByLabel("First password").fill("long enough password");
    await form.getByRole("button", { name: "Add console user" }).click();
    await expect(form.getByRole("status")).toContainText("Added audited@e2e.test as support.");
    await page.goto("/audit-log");
    await expect(page.getByRole("cell", { name: "console_user.create" }).first()).toBeVisible();
  });
});

test.describe("as support", () => {
  test.use({ storageState: STORAGE_STATE.support });

  test("sees the shell and the support role", async ({ page }) => {
    await page.goto("/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByText(E2E_USERS.support.email)).toBeVisible();
    await expect(page.getByText("support", { exact: true })).toBeVisible();
  });
});

test("a wrong password is refused with a message, and sign-out ends the session", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(E2E_USERS.admin.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page.getByRole("alert").filter({ hasText: /incorrect/i })).toContainText("Incorrect email or password.");
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Password").fill(E2E_USERS.admin.password);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: /sign out/i }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);
});

test("guessing one account's password is stopped after ten tries, with its own message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("guessed@e2e.test");
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel("Password").fill(`wrong guess ${attempt}`);
    await page.getByRole("button", { name: /^sign in$/i }).click();
    // (the button reads "Signing in…" until the answer is in, so the next click waits for it)
    await expect(page.getByRole("alert").filter({ hasText: "Incorrect email or password." })).toBeVisible();
  }
  await page.getByLabel("Password").fill("wrong guess 11");
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page.getByRole("alert").filter({ hasText: /too many/i })).toHaveText(
    "Too many sign-in attempts. Wait a few minutes, then try again.",
  );
});
