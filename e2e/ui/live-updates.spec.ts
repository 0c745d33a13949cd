import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { bearer, newDevice, registerNode, signUpUser, waitForTss } from "../helpers/journey";
import { waitFor } from "../../tests/helpers/virtual-device";

// Support watches a user set up their wallet: the console's pages follow the changes as they land
// (webhooks and polling write them; the page re-renders itself), with no reload.

test.use({ storageState: STORAGE_STATE.support });

test("a user's page shows the key generation appear and succeed while support watches, without a reload", async ({ page, request }) => {
  const user = await signUpUser(request, "live");
  const device = await newDevice("live");
  await registerNode(request, user, device.nodeId);
  expect((await request.post("/api/v1/vault", { headers: bearer(user.token) })).status()).toBe(201);

  await page.goto(`/users/${user.id}`);
  await expect(page.getByTestId("live-updates")).toHaveAttribute("data-state", "live");
  const tssRequests = page.getByRole("region", { name: "TSS requests", exact: true });
  // A marker on the document: a reload would drop it.
  await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));

  const group = await request.post("/api/v1/vault/main-group", { headers: bearer(user.token), data: { tss_node_id: device.nodeId } });
  expect(group.status()).toBe(201);
  const { tss_request_id: tssRequestId } = (await group.json()) as { tss_request_id: string };
  const row = tssRequests.getByRole("row").filter({ hasText: tssRequestId });
  await expect(row).toBeVisible();

  await waitFor(async () => (await device.pendingTss()).some((r) => r.tss_request_id === tssRequestId), "the phone to see the request");
  await device.approveTss([tssRequestId]);
  await waitForTss(request, user, tssRequestId, (s) => s === "Success");
  await expect(row).toContainText("Success");
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
});

test("live updates can be paused, and the choice is remembered in this browser", async ({ page }) => {
  await page.goto("/transactions");
  const toggle = page.getByTestId("live-updates");
  await expect(toggle).toHaveAttribute("data-state", "live");
  await toggle.click();
  await expect(toggle).toHaveAttribute("data-state", "paused");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await page.goto("/tss-requests");
  await expect(page.getByTestId("live-updates")).toHaveAttribute("data-state", "paused");
  await page.getByTestId("live-updates").click();
  await expect(page.getByTestId("live-updates")).toHaveAttribute("data-state", "live");
});
