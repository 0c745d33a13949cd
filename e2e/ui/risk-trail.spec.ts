import { expect, test } from "@playwright/test";
import { sandboxRequest } from "../../tests/helpers/sandbox";
import { STORAGE_STATE } from "../fixtures";
import { fundedWallet, readyAppUser, sandbox, transferBody } from "../helpers/journey";
import { waitFor } from "../../tests/helpers/virtual-device";

// The trail of each decision in the console: a transfer's page shows its risk decisions inline on
// the timeline (before submission and Cobo's callback, with the reason) and who signs it; the
// banner on every page says so when Cobo's callback is not linked to our API key.

test.use({ storageState: STORAGE_STATE.admin });

test("a transaction's timeline shows the risk decision before submission and Cobo's callback decision, and its signers", async ({
  page,
  request,
}) => {
  // A phone set up, funded, a transfer signed: the journey takes a while on a loaded machine.
  test.setTimeout(240_000);
  const user = await readyAppUser(request, "trail");
  const { walletId, address } = await fundedWallet(request, user.token, "1");
  const res = await request.post(`/api/v1/wallets/${walletId}/transfers`, {
    headers: { ...user.auth, "idempotency-key": `trail-${Date.now()}` },
    data: transferBody(address, "0.02"),
  });
  expect(res.status(), await res.text()).toBe(201);
  const { transaction } = (await res.json()) as { transaction: { id: string; cobo_transaction_id: string } };
  // The callback has been answered once the phone is asked to sign.
  await waitFor(
    async () => (await user.device.pendingTransactions()).some((t) => t.transaction_id === transaction.cobo_transaction_id),
    "the phone to be asked to sign",
  );

  await page.goto(`/transactions/${transaction.id}`);
  const timeline = page.getByRole("list", { name: "Transaction status timeline" });
  const decisions = timeline.getByRole("listitem", { name: "Risk decision: allowed" });
  await expect(decisions).toHaveCount(2);
  await expect(decisions.nth(0)).toContainText("Before submission");
  await expect(decisions.nth(0)).toContainText("approved");
  await expect(decisions.nth(0)).toContainText("passes the rules before submission");
  await expect(decisions.nth(1)).toContainText("Cobo callback");
  await expect(decisions.nth(1)).toContainText("matches our record and passes the rules");

  const signers = page.getByRole("region", { name: "Signers", exact: true });
  await expect(signers.getByRole("table", { name: "Signers of this transaction" })).toBeVisible();
  await expect(signers.getByRole("row").filter({ hasText: "User's device" }).filter({ hasText: user.device.nodeId })).toBeVisible();

  // The phone signs: the device's row shows "signed" per Cobo.
  await user.device.approveTransactions([transaction.cobo_transaction_id]);
  await expect(async () => {
    await page.reload();
    await expect(signers.getByRole("row").filter({ hasText: user.device.nodeId })).toContainText("signed");
  }).toPass({ timeout: 60_000 });
});

test("a loud banner on every page while no callback is linked to our API key; Settings shows the check", async ({ page }) => {
  expect((await sandboxRequest(sandbox(), "POST", "/_sandbox/profile", { callback_endpoint: "none" })).status).toBe(200);
  const banner = page.getByRole("alert").filter({ hasText: "Cobo's risk-control callback is not linked to our API key" });
  try {
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Risk-control callback", exact: true });
    await section.getByRole("button", { name: "Check now" }).click();
    await expect(section.getByText("No callback linked")).toBeVisible();
    await expect(banner).toBeVisible();
    await page.goto("/dashboard");
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("Our rules still run before submission");
  } finally {
    await sandboxRequest(sandbox(), "DELETE", "/_sandbox/profile");
  }
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Risk-control callback", exact: true });
  await section.getByRole("button", { name: "Check now" }).click();
  await expect(section.getByText("Linked to this backend")).toBeVisible();
  await page.goto("/dashboard");
  await expect(banner).toHaveCount(0);
});
