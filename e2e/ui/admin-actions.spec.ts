import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { appUserWithVault } from "../helpers/journey";

// The console's admin actions in the browser: admins see and use the forms (and their results
// after the page refreshes), support staff see the same pages without them. App users are made
// through the Client API, the way a phone would.

const hex = (n: number) => randomBytes(n).toString("hex");

const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

/** One operation of the API reference page (Swagger UI marks each with its method and path). */
const operation = (page: Page, method: "get" | "post", path: string) =>
  page.locator(`.opblock-${method}`).filter({ has: page.locator(`[data-path="${path}"]`) });

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("the new sections are in the navigation and render", async ({ page }) => {
    await page.goto("/dashboard");
    const nav = page.getByRole("navigation", { name: /console/i });
    for (const name of ["Reconciliation", "Risk", "API reference"]) {
      await nav.getByRole("link", { name, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    }
    // the API reference renders the OpenAPI document (Swagger UI) and lists the vault endpoints
    await expect(operation(page, "post", "/api/v1/vault")).toBeVisible();
    await expect(operation(page, "get", "/api/v1/vault")).toBeVisible();
    await expect(page.getByRole("link", { name: /raw openapi document/i })).toHaveAttribute("href", "/api/v1/openapi.json");
    const transfer = operation(page, "post", "/api/v1/wallets/{wallet_id}/transfers");
    await transfer.locator(".opblock-summary-control").click();
    const requestBody = transfer.locator(".opblock-section-request-body");
    await requestBody.getByRole("tab", { name: "Schema" }).click();
    await expect(requestBody.getByText("to_address", { exact: true })).toBeVisible();
  });

  test("adds a console user through the Settings form, with field errors first; then disables and enables them", async ({ page }) => {
    const email = `new-support-${hex(3)}@e2e.test`;
    await page.goto("/settings");
    const form = page.getByRole("form", { name: "Add console user" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("First password").fill("short");
    await form.getByRole("button", { name: "Add console user" }).click();
    await expect(form.getByRole("alert")).toHaveText("Please correct the highlighted fields.");
    await expect(form.getByLabel("First password")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("Email")).toHaveValue(email); // what was typed is kept

    await form.getByLabel("Name (optional)").fill("New Support");
    await form.getByLabel("First password").fill("a long enough password");
    await form.getByRole("button", { name: "Add console user" }).click();
    await expect(form.getByRole("status")).toContainText(`Added ${email} as support.`);
    await expect(form.getByLabel("Email")).toHaveValue("");

    const row = section(page, "Console users").getByRole("row").filter({ hasText: email });
    await expect(row).toContainText("New Support");
    await expect(row).toContainText("active");
    // Disabling and enabling each take a reason and a confirmation.
    await row.getByRole("button", { name: `Disable ${email}…`, exact: true }).click();
    const disable = row.getByRole("form", { name: `Disable ${email}` });
    await disable.getByLabel("Reason (kept in the audit log)").fill("e2e: trial over");
    await disable.getByRole("checkbox").check();
    await disable.getByRole("button", { name: "Disable account" }).click();
    await expect(row).toContainText("disabled");
    await row.getByRole("button", { name: `Enable ${email}…`, exact: true }).click();
    const enable = row.getByRole("form", { name: `Enable ${email}` });
    await enable.getByLabel("Reason (kept in the audit log)").fill("e2e: trial extended");
    await enable.getByRole("checkbox").check();
    await enable.getByRole("button", { name: "Enable account" }).click();
    await expect(row).toContainText("active");
    // the signed-in admin's own row has no switch
    await expect(section(page, "Console users").getByRole("row").filter({ hasText: "(you)" }).getByRole("button")).toHaveCount(0);
  });

  test("adds an app user on the Users page, who can then sign in to the Client API", async ({ page, request }) => {
    const email = `app-user-${hex(3)}@e2e.test`;
    await page.goto("/users");
    const form = page.getByRole("form", { name: "Add app user" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("First password").fill("an app user password");
    await form.getByRole("button", { name: "Add app user" }).click();
    await expect(form.getByRole("status")).toContainText(`Added ${email}.`);
    await expect(page.getByRole("cell", { name: email })).toBeVisible();
    const signIn = await request.post("/api/v1/auth/sign-in", { data: { email, password: "an app user password" } });
    expect(signIn.status()).toBe(200);
  });

  test("runs reconciliation now and shows the report", async ({ page }) => {
    await page.goto("/reconciliation");
    await expect(page.getByText("Webhook inbox backlog")).toBeVisible();
    await expect(page.getByText("Push deliveries pending")).toBeVisible();
    await page.getByRole("button", { name: "Run reconciliation now" }).click();
    const report = page.getByRole("status").filter({ hasText: "Reconciliation finished" });
    await expect(report).toBeVisible({ timeout: 30_000 });
    await expect(report.getByText("TSS requests re-read")).toBeVisible();
    await page.goto("/audit-log");
    await expect(page.getByRole("cell", { name: "reconciliation.run" }).first()).toBeVisible();
  });

  test("creates a Main Group for a user, shows Cobo's TSS request id, re-reads it, pauses and unpauses the user", async ({
    page,
    request,
  }) => {
    const user = await appUserWithVault(request, "admin-flow");
    await page.goto(`/users/${user.id}`);
    const actions = section(page, "Admin actions");
    const main = actions.getByRole("form", { name: "Create Main Group" });
    await main.getByLabel("TSS node").selectOption(user.nodeId);
    await main.getByRole("button", { name: "Create Main Group" }).click();
    const created = main.getByRole("status");
    await expect(created).toContainText("Main Group: TSS request created at Cobo.");
    const tssRequestId = (await main.getByTestId("created-tss-request-id").innerText()).trim();
    expect(tssRequestId).toMatch(/\S{8,}/);

    // After the refresh, the new request and group are part of the page.
    const tssTable = section(page, "TSS requests");
    const tssRow = tssTable.getByRole("row").filter({ hasText: tssRequestId });
    await expect(tssRow).toContainText("KeyGen");
    await expect(section(page, "Key share holder groups").getByText("MainGroup").first()).toBeVisible();
    await tssRow.getByRole("button", { name: /re-read from cobo/i }).click();
    await expect(tssRow.getByRole("status")).toContainText(/No change|Updated/);

    const profile = section(page, "Profile");
    await profile.getByLabel("Reason for pausing").fill("e2e: account review");
    await expect(profile.getByRole("button", { name: "Pause user" })).toBeDisabled();
    await profile.getByLabel("Stop this user's key changes and transfers").check();
    await profile.getByRole("button", { name: "Pause user" }).click();
    await expect(profile.getByText(/^Paused: this user can neither change keys/)).toBeVisible();
    await expect(profile.getByText("e2e: account review")).toBeVisible();
    // unpausing asks for a reason and a confirmation (approval is off in the e2e sandbox: it runs at once)
    const unpause = profile.getByRole("form", { name: "Unpause user" });
    await expect(unpause.getByRole("button", { name: "Unpause user" })).toBeDisabled();
    await unpause.getByLabel("Reason (kept in the audit log)").fill("e2e: review finished");
    await unpause.getByLabel("Allow this user's key changes and transfers again").check();
    await unpause.getByRole("button", { name: "Unpause user" }).click();
    await expect(profile.getByRole("button", { name: "Pause user" })).toBeVisible();

    await page.goto(`/tss-requests?q=${encodeURIComponent(tssRequestId)}`);
    await page.getByRole("row").filter({ hasText: tssRequestId }).getByRole("link").first().click();
    await expect(page.getByText(/Console user\s+admin@e2e\.test/)).toBeVisible();
    // The same page opens from Cobo's id, as an app user or Cobo Portal would quote it.
    const ourUrl = page.url();
    await page.goto(`/tss-requests/${encodeURIComponent(tssRequestId)}`);
    await expect(page.getByText(/Console user\s+admin@e2e\.test/)).toBeVisible();
    expect(ourUrl).not.toContain(tssRequestId);
  });

  test("adds and deletes an amount limit and an address rule on the Risk page", async ({ page }) => {
    const token = `E2E_${hex(3).toUpperCase()}`;
    await page.goto("/risk");
    const limitForm = page.getByRole("form", { name: "Add amount limit" });
    await limitForm.getByLabel("Token id").fill(token);
    await limitForm.getByLabel("Reason (kept in the audit log)").fill("e2e: limit check");
    await limitForm.getByLabel("Change the withdrawal policy").check();
    await limitForm.getByLabel("Max amount").fill("not a number");
    await limitForm.getByRole("button", { name: "Add limit" }).click();
    await expect(limitForm.getByText(/must be a decimal amount/)).toBeVisible();
    await limitForm.getByLabel("Max amount").fill("1000.5");
    await limitForm.getByRole("button", { name: "Add limit" }).click();
    await expect(limitForm.getByRole("status")).toContainText(`1000.5 ${token} per 24 h`);
    const limitRow = section(page, "Amount limits").getByRole("row").filter({ hasText: token });
    await expect(limitRow).toContainText("1000.5");
    await limitRow.getByRole("button", { name: /^Delete/ }).click();
    await limitRow.getByLabel("Reason (kept in the audit log)").fill("e2e: clean up");
    await limitRow.getByLabel("Delete it").check();
    await limitRow.getByRole("button", { name: /^Confirm delete/ }).click();
    await expect(section(page, "Amount limits").getByRole("row").filter({ hasText: token })).toHaveCount(0);

    const address = `0x${hex(20)}`;
    const ruleForm = page.getByRole("form", { name: "Add address rule" });
    await ruleForm.getByLabel("Chain id").fill("ETH");
    await ruleForm.getByLabel("Address", { exact: true }).fill(address);
    await ruleForm.getByLabel("Reason (kept in the audit log)").fill("e2e: flagged address");
    await ruleForm.getByLabel("Change the withdrawal policy").check();
    await ruleForm.getByRole("button", { name: "Add rule" }).click();
    await expect(ruleForm.getByRole("status")).toContainText("is on the ETH deny list");
    const ruleRow = section(page, "Address rules").getByRole("row").filter({ hasText: address });
    await ruleRow.getByRole("button", { name: /^Delete/ }).click();
    await ruleRow.getByLabel("Reason (kept in the audit log)").fill("e2e: clean up");
    await ruleRow.getByLabel("Delete it").check();
    await ruleRow.getByRole("button", { name: /^Confirm delete/ }).click();
    await expect(section(page, "Address rules").getByRole("row").filter({ hasText: address })).toHaveCount(0);
  });
});

test.describe("as support", () => {
  test.use({ storageState: STORAGE_STATE.support });

  test("the user page shows the same data without admin controls", async ({ page, request }) => {
    const user = await appUserWithVault(request, "support-view");
    await page.goto(`/users/${user.id}`);
    await expect(page.getByRole("heading", { level: 1, name: user.email })).toBeVisible();
    await expect(section(page, "TSS nodes").getByText(user.nodeId)).toBeVisible();
    await expect(page.getByText(/Admin actions need the admin role/)).toBeVisible();
    await expect(section(page, "Admin actions")).toHaveCount(0);
    for (const name of [/create main group/i, /create recovery group/i, /recover main group/i, /pause user/i, /re-read/i]) {
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    }
  });

  test("reconciliation, risk and settings show no admin controls; the API reference is readable", async ({ page, baseURL }) => {
    await page.goto("/reconciliation");
    await expect(page.getByRole("heading", { level: 1, name: "Reconciliation" })).toBeVisible();
    await expect(page.getByText("Admin actions need the admin role.")).toBeVisible();
    await expect(page.getByRole("button", { name: /run reconciliation/i })).toHaveCount(0);

    await page.goto("/risk");
    await expect(page.getByRole("heading", { level: 1, name: "Risk" })).toBeVisible();
    await expect(page.getByRole("form")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /delete/i })).toHaveCount(0);

    await page.goto("/users");
    await expect(page.getByRole("form", { name: "Add app user" })).toHaveCount(0);

    await page.goto("/settings");
    await expect(page.getByRole("form", { name: "Add console user" })).toHaveCount(0);
    await expect(page.getByText("Console users are managed by admins.")).toBeVisible();

    // The API reference is rendered by Swagger UI, bundled and served by us: nothing is loaded from elsewhere.
    const elsewhere: string[] = [];
    page.on("request", (r) => {
      if (/^(https?|wss?):/.test(r.url()) && new URL(r.url()).origin !== new URL(baseURL ?? "").origin) elsewhere.push(r.url());
    });
    await page.goto("/api-reference");
    await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
    const createVault = operation(page, "post", "/api/v1/vault");
    await expect(createVault).toBeVisible();
    await createVault.locator(".opblock-summary-control").click();
    await expect(createVault.getByText("Create my vault (one per user; calling again returns it)")).toBeVisible();
    await expect(createVault.getByText("Already existed")).toBeVisible();
    // The transfer's Idempotency-Key header, declared with the endpoint, is documented.
    const transfer = operation(page, "post", "/api/v1/wallets/{wallet_id}/transfers");
    await transfer.locator(".opblock-summary-control").click();
    await expect(transfer.locator(".parameters").getByText("idempotency-key")).toBeVisible();
    // A reference, not a client: no "Try it out".
    await expect(page.getByRole("button", { name: /try it out/i })).toHaveCount(0);
    expect(elsewhere).toEqual([]);
  });
});
