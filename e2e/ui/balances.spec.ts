import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { fundedWallet, readyAppUser } from "../helpers/journey";

// The user page's balances: the stored snapshot, "never read" until someone refreshes it, and the
// "Refresh balances" button, which support staff may use (it only reads from Cobo).

test.use({ storageState: STORAGE_STATE.support });

test("support refreshes a user's balances from Cobo and sees per-user, wallet and address figures", async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = await readyAppUser(request, "balances-ui");
  const { address } = await fundedWallet(request, user.token, "0.75");

  await page.goto(`/users/${user.id}`);
  const section = page.getByRole("region", { name: "Balances", exact: true });
  await expect(section).toContainText("Never read from Cobo");
  await expect(section.getByRole("table")).toHaveCount(0);

  await section.getByRole("button", { name: /refresh balances/i }).click();
  await expect(section.getByRole("status")).toContainText("Read 1 wallet and 1 address from Cobo.");
  await expect(section).toContainText("Last read from Cobo");
  const summary = section.getByRole("table", { name: "Balances of all the user's wallets per token" });
  await expect(summary.getByRole("row", { name: /XTN/ })).toContainText("0.75");
  const perAddress = section.getByRole("table", { name: `Balances of address ${address}` });
  await expect(perAddress.getByRole("row", { name: /XTN/ })).toContainText("0.75");
  await expect(section).not.toContainText("Never read from Cobo");
});
