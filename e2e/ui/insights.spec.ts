import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { bearer, fundedWallet, readyAppUser } from "../helpers/journey";
import { waitFor } from "../../tests/helpers/virtual-device";

// The Insights charts in the production build, as support staff: a real deposit (through the
// sandbox) shows in the volume chart's numbers; the window can be switched; every chart has its data as a table.

test.use({ storageState: STORAGE_STATE.support });

test("a completed deposit shows in the volume chart's data, and the window switches", async ({ page, request }) => {
  const user = await readyAppUser(request, "insights");
  await fundedWallet(request, user.token, "0.25");
  // The charts read a minute-old snapshot at most: look only once our record of the deposit is final.
  await waitFor(async () => {
    const res = await request.get("/api/v1/transactions", { headers: bearer(user.token) });
    const { data } = (await res.json()) as { data: { type: string; status: string }[] };
    return data.some((t) => t.type === "Deposit" && t.status === "Completed");
  }, "the deposit to be Completed");

  await page.goto("/insights?days=7");
  await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "page");
  const volume = page.getByRole("region", { name: "Deposit and withdrawal volume" });
  await volume.getByLabel("Token").selectOption("XTN");
  await volume.getByText("Show the data").click();
  const today = new Date().toISOString().slice(0, 10);
  const row = volume.getByRole("row").filter({ hasText: today });
  await expect(row).toBeVisible();
  // the deposit is at least 0.25 XTN of today's completed deposits
  const deposits = Number(await row.getByRole("cell").nth(1).textContent());
  expect(deposits).toBeGreaterThanOrEqual(0.25);
  await expect(volume.locator("svg.recharts-surface").first()).toBeVisible();

  for (const name of ["TSS requests", "Webhooks", "Risk denials by reason"])
    await expect(page.getByRole("region", { name, exact: true })).toBeVisible();

  await page.getByRole("link", { name: "90 days" }).click();
  await expect(page).toHaveURL(/\/insights\?days=90$/);
  await expect(page.getByRole("link", { name: "90 days" })).toHaveAttribute("aria-current", "page");
  await page.goto("/insights?days=banana");
  await expect(page.getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "page");
});
