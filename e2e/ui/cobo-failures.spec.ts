import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { appUserWithVault, clearFaults, injectFault } from "../helpers/journey";

// A console action that meets a Cobo failure says which kind it was and what to do, in the
// production build (where the action's module copy is not the gateway's).

test.use({ storageState: STORAGE_STATE.admin });

test.afterEach(async () => {
  await clearFaults();
});

test("Create Main Group while Cobo is unavailable, then while Cobo refuses: each says what happened", async ({ page, request }) => {
  const user = await appUserWithVault(request, "console-cobo-down");
  await page.goto(`/users/${user.id}`);
  const form = page.getByRole("region", { name: "Admin actions", exact: true }).getByRole("form", { name: "Create Main Group" });
  await form.getByLabel("TSS node").selectOption(user.nodeId);

  await injectFault({ method: "POST", path_prefix: "/v2/wallets/mpc/vaults/", kind: "status", status: 503 });
  await form.getByRole("button", { name: "Create Main Group" }).click();
  await expect(form.getByRole("alert")).toContainText("Cobo is unavailable right now; nothing was changed.");
  await expect(form.getByRole("alert")).not.toContainText("Something went wrong");
  await clearFaults();

  await injectFault({ method: "POST", path_prefix: "/v2/wallets/mpc/vaults/", kind: "status", status: 403, error_code: 2025, times: 1 });
  await form.getByRole("button", { name: "Create Main Group" }).click();
  await expect(form.getByRole("alert")).toContainText(
    "Cobo refused it: Our API key lacks the permission or scope for this (Cobo error 2025).",
  );
  await expect(form.getByRole("alert")).toContainText("Cobo said: “Injected failure (sandbox fault)”.");
});
