import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { E2E_USERS } from "../fixtures";
import { e2eRuntime } from "../helpers/journey";

// Second-person approval in the browser, against the production build: admin A switches the
// approval policy on for risk-rule changes (immediate), asks for an amount limit (nothing changes:
// the form says it awaits a second admin), admin B (added through Settings and signed in through
// the sign-in form) approves it on the Approvals page and the limit is then in force; support staff
// see the page without controls. The e2e server is shared by every spec and its default (sandbox)
// policy is off: this spec turns it off again the way admins must (a request B approves), and the
// afterAll hook removes the stored policy whatever happened.

test.describe.configure({ mode: "serial" });

const hex = (n: number) => randomBytes(n).toString("hex");
const adminB = { email: `second-admin-${hex(3)}@e2e.test`, password: `second admin ${hex(6)}` };
const RISK_RULES = "Risk-rule changes (amount limits and address rules)";

const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function signIn(browser: Browser, user: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

test.afterAll(async () => {
  // whatever happened above, leave the shared server with its default policy (off in the sandbox)
  const client = new pg.Client({ connectionString: e2eRuntime().databaseUrl });
  await client.connect();
  try {
    await client.query(`DELETE FROM system_settings WHERE key = 'approvals.policy'`);
  } finally {
    await client.end();
  }
});

test("a risk-rule change waits for a second admin, runs once approved, and support sees the page read-only", async ({ browser }) => {
  const a = await signIn(browser, E2E_USERS.admin);

  // A adds admin B (policy off by default in the sandbox: a reason and a confirmation, then at once)
  await a.goto("/settings");
  const addUser = a.getByRole("form", { name: "Add console user" });
  await addUser.getByLabel("Email").fill(adminB.email);
  await addUser.getByLabel("Role").selectOption("admin");
  await addUser.getByLabel("First password").fill(adminB.password);
  await addUser.getByLabel("Reason (kept in the audit log)").fill("e2e: second admin for approvals");
  await addUser.getByLabel("Give this person every admin power").check();
  await addUser.getByRole("button", { name: "Add console user" }).click();
  await expect(addUser.getByRole("status")).toContainText(`Added ${adminB.email} as admin.`);
  const b = await signIn(browser, adminB);

  // A turns approval on for risk-rule changes: immediate
  const policy = section(a, "Second-person approval");
  const riskRules = policy.getByRole("listitem", { name: RISK_RULES });
  await expect(riskRules.getByText("off", { exact: true })).toBeVisible();
  await riskRules.getByRole("button", { name: "Require approval" }).click();
  await expect(riskRules.getByText("approval required")).toBeVisible();

  // A asks for a limit: nothing changes, the form says a second admin must approve
  const token = `E2E_APPR_${hex(3).toUpperCase()}`;
  await a.goto("/risk");
  const limitForm = a.getByRole("form", { name: "Add amount limit" });
  await limitForm.getByLabel("Token id").fill(token);
  await limitForm.getByLabel("Max amount").fill("7.25");
  await limitForm.getByLabel("Reason (kept in the audit log)").fill("e2e: cap the new token");
  await limitForm.getByLabel("Change the withdrawal policy").check();
  await limitForm.getByRole("button", { name: "Add limit" }).click();
  await expect(limitForm.getByTestId("approval-pending")).toContainText("A second admin must approve it");
  await expect(section(a, "Amount limits").getByRole("row").filter({ hasText: token })).toHaveCount(0);

  // A cannot decide their own request, only cancel it
  const subject = `Add an amount limit (requested by ${E2E_USERS.admin.email})`;
  await a.goto("/approvals");
  await expect(a.getByTestId("nav-count-approvals")).toBeVisible();
  const own = section(a, "Pending").getByRole("listitem", { name: subject }).filter({ hasText: token });
  await expect(own).toContainText("e2e: cap the new token");
  await expect(own.getByRole("button", { name: /^Cancel my request/ })).toBeVisible();
  await expect(own.getByRole("button", { name: /^Approve/ })).toHaveCount(0);

  // B approves: the limit is then in force
  await b.goto("/approvals");
  const pending = section(b, "Pending").getByRole("listitem", { name: subject }).filter({ hasText: token });
  await pending.getByLabel("I checked this request; run it now").check();
  await pending.getByRole("button", { name: /^Approve/ }).click();
  // the page refreshes: the request moves from Pending to Recently decided
  const decided = section(b, "Recently decided").getByRole("listitem", { name: subject }).filter({ hasText: token });
  await expect(decided).toContainText(`Approved by ${adminB.email}`);
  await expect(pending).toHaveCount(0);
  await b.goto("/risk");
  await expect(section(b, "Amount limits").getByRole("row").filter({ hasText: token })).toContainText("7.25");

  // support staff read the page, without controls
  const support = await signIn(browser, E2E_USERS.support);
  await support.goto("/approvals");
  await expect(support.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  await expect(support.getByText("Requests are approved or rejected by admins other than the one who asked.")).toBeVisible();
  await expect(section(support, "Recently decided").getByRole("listitem", { name: subject }).filter({ hasText: token })).toBeVisible();
  await expect(support.getByRole("button", { name: /^(Approve|Reject|Cancel my request)/ })).toHaveCount(0);
  await support.goto("/settings");
  await expect(section(support, "Second-person approval").getByRole("button")).toHaveCount(0);
  // the audit log names the request by what was asked, by whom, and where it stands
  await support.goto("/audit-log?action=approval.request");
  await expect(support.getByText(`risk_limit.create asked by ${E2E_USERS.admin.email} (approved)`).first()).toBeVisible();

  // turning it off again needs B's approval too
  await a.goto("/settings");
  const off = section(a, "Second-person approval").getByRole("listitem", { name: RISK_RULES });
  await off.getByLabel("Reason (kept in the audit log)").fill("e2e: restore the sandbox default");
  await off.getByLabel("Let one admin do this alone once a second admin agrees").check();
  await off.getByRole("button", { name: "Ask to turn off" }).click();
  await expect(off.getByText("A request to turn this off waits for a second admin")).toBeVisible();
  await expect(off.getByText("approval required")).toBeVisible();
  await b.goto("/approvals");
  const turnOff = section(b, "Pending").getByRole("listitem", {
    name: `Change the approval policy (requested by ${E2E_USERS.admin.email})`,
  });
  await expect(turnOff).toHaveCount(1);
  await turnOff.getByLabel("I checked this request; run it now").check();
  await turnOff.getByRole("button", { name: /^Approve/ }).click();
  await expect(turnOff).toHaveCount(0);
  await a.goto("/settings");
  await expect(
    section(a, "Second-person approval").getByRole("listitem", { name: RISK_RULES }).getByText("off", { exact: true }),
  ).toBeVisible();

  for (const p of [a, b, support]) await p.context().close();
});
