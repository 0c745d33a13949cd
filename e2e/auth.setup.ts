import { expect, test as setup } from "@playwright/test";
import { E2E_USERS, STORAGE_STATE } from "./fixtures";

// Signs in once per role through the real sign-in form and keeps the session for the ui/api tests.
for (const role of ["admin", "support"] as const) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(E2E_USERS[role].email);
    await page.getByLabel("Password").fill(E2E_USERS[role].password);
    await page.getByRole("button", { name: /^sign in$/i }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.context().storageState({ path: STORAGE_STATE[role] });
  });
}
