import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { bearer, signUpUser } from "../helpers/journey";

// An app user's sign-in on their console page, in the production build: the sessions are listed;
// an admin ends them all with a reason and a confirmation (the app's token stops working at once);
// support staff see the sessions but not the actions.

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("ends every session of an app user with a reason and a confirmation", async ({ page, request }) => {
    const user = await signUpUser(request, "account-end");
    expect((await request.get("/api/v1/me", { headers: bearer(user.token) })).status()).toBe(200);

    await page.goto(`/users/${user.id}`);
    const section = page.getByRole("region", { name: "Sign-in and sessions" });
    await expect(section).toContainText("1 live session");
    const card = section.getByRole("group", { name: "Sign out everywhere" });
    const button = card.getByRole("button", { name: "End every session" });
    await card.getByLabel("Reason (kept in the audit log)").fill("phone reported stolen");
    await expect(button).toBeDisabled();
    await card.getByLabel("End every session of this user now").check();
    await button.click();
    await expect(card.getByRole("status")).toHaveText("1 session ended.");
    expect((await request.get("/api/v1/me", { headers: bearer(user.token) })).status()).toBe(401);
    await expect(section).toContainText("0 live sessions");
  });
});

test.describe("as support", () => {
  test.use({ storageState: STORAGE_STATE.support });

  test("sees the sessions without the account actions", async ({ page, request }) => {
    const user = await signUpUser(request, "account-support");
    await page.goto(`/users/${user.id}`);
    const section = page.getByRole("region", { name: "Sign-in and sessions" });
    await expect(section.getByRole("table", { name: "Sessions of this app user" })).toBeVisible();
    await expect(section.getByRole("button")).toHaveCount(0);
  });
});
