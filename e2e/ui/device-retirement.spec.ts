import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { appUserWithVault, newDevice, readyAppUser, registerNode } from "../helpers/journey";
import { callAction } from "../helpers/server-action";

// Retiring a lost device in the console: an admin retires the only device of a user's Main Group
// (reason, confirmation, audit) and the page then says the user must recover; support staff see
// the same facts (retired when, by whom, why; Secrets backups) without the form, and the server
// refuses the action when they send it anyway.

const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

const retireAction = (userId: string) => ({
  page: `/users/${userId}`,
  file: "app/(console)/users/[id]/actions.ts",
  name: "retireTssNodeAction",
});

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("retires the only device of the active Main Group with a reason and a confirmation; the page says the user must recover", async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const user = await readyAppUser(request, "retire-ui");
    const spare = await newDevice("retire-ui-spare");
    await registerNode(request, user, spare.nodeId);
    const reported = await request.post(`/api/v1/tss-nodes/${user.device.nodeId}/secrets-backups`, {
      headers: user.auth,
      data: { method: "cloud", backed_up_at: "2026-11-01T10:00:00Z" },
    });
    expect(reported.status()).toBe(201);

    await page.goto(`/users/${user.id}`);
    const nodes = section(page, "TSS nodes");
    const deviceRow = nodes.getByRole("row").filter({ hasText: user.device.nodeId });
    const spareRow = nodes.getByRole("row").filter({ hasText: spare.nodeId });
    await expect(deviceRow).toContainText("Cloud backup");
    await expect(spareRow).toContainText("No backup reported");
    await expect(nodes.getByRole("note", { name: "No backup reported" })).toContainText("One device has no Secrets backup reported");
    await expect(nodes.getByRole("note", { name: "Recovery needed" })).toHaveCount(0);

    const form = nodes.getByRole("form", { name: "Retire a device" });
    await form.getByLabel("Device (TSS node)").selectOption(user.device.nodeId);
    // No reason: the browser keeps the confirmation closed, and nothing is sent.
    await form.getByRole("button", { name: "Retire device…" }).click();
    await expect(form.getByRole("button", { name: "Confirm retire" })).toHaveCount(0);
    await form.getByLabel("Reason for retiring").fill("e2e: phone lost, user called support");
    await form.getByRole("button", { name: "Retire device…" }).click();
    const confirm = form.getByRole("group", { name: "Confirm retiring" });
    await expect(confirm).toContainText(user.device.nodeId);
    await expect(confirm).toContainText("cannot be undone");
    // Cancelling changes nothing.
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(deviceRow).toContainText("active");
    await form.getByRole("button", { name: "Retire device…" }).click();
    await form.getByRole("button", { name: "Confirm retire" }).click();

    await expect(form.getByRole("status")).toContainText(`Retired ${user.device.nodeId}.`);
    await expect(form.getByRole("status")).toContainText("the user must recover");
    // After the refresh: the node is retired (when, by whom, why) and the page says to recover.
    await expect(deviceRow).toContainText("retired");
    await expect(deviceRow).toContainText(/Retired .* by Console user admin@e2e\.test/);
    await expect(deviceRow).toContainText("Reason: e2e: phone lost, user called support");
    await expect(nodes.getByRole("note", { name: "Recovery needed" })).toContainText("The user must recover.");
    // Only the spare device is still offered, here and in the group forms.
    await expect(form.getByLabel("Device (TSS node)").locator("option")).toHaveText([spare.nodeId]);
    const recoveryCard = section(page, "Admin actions").getByRole("article", { name: "Create Recovery Group" });
    await expect(recoveryCard).toContainText("The Main Group's device is retired");
    // The group card marks the member retired.
    const groups = section(page, "Key share holder groups");
    await expect(groups.getByRole("row").filter({ hasText: user.device.nodeId })).toContainText("retired");

    // Audited, with the reason.
    await page.goto("/audit-log");
    const auditRow = page.getByRole("row").filter({ hasText: "tss_node.retire" }).filter({ hasText: "admin@e2e.test" }).first();
    await expect(auditRow).toContainText("succeeded");
  });
});

test.describe("as support", () => {
  test.use({ storageState: STORAGE_STATE.support });

  test("sees retirement and backup state read-only; the server refuses the retire action and audits it", async ({ page, request }) => {
    const user = await appUserWithVault(request, "retire-support");
    const lost = await newDevice("retire-support-lost");
    await registerNode(request, user, lost.nodeId);
    const retired = await request.post(`/api/v1/tss-nodes/${lost.nodeId}/retire`, {
      headers: user.auth,
      data: { reason: "left in a taxi" },
    });
    expect(retired.status()).toBe(200);

    await page.goto(`/users/${user.id}`);
    const nodes = section(page, "TSS nodes");
    const lostRow = nodes.getByRole("row").filter({ hasText: lost.nodeId });
    await expect(lostRow).toContainText("retired");
    await expect(lostRow).toContainText(`App user ${user.email}`);
    await expect(lostRow).toContainText("Reason: left in a taxi");
    await expect(nodes.getByRole("row").filter({ hasText: user.nodeId })).toContainText("No backup reported");
    await expect(nodes.getByRole("form", { name: "Retire a device" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /retire/i })).toHaveCount(0);
    await expect(page.getByText(/Admin actions need the admin role: .*retiring a device/)).toBeVisible();

    // Sent anyway, the action is refused on the server and nothing changes.
    const res = await callAction(request, retireAction(user.id), { userId: user.id, nodeId: user.nodeId, reason: "support trying" });
    expect(res.result).toEqual({ error: { code: "forbidden", message: "This action needs the admin role." } });
    const listed = (await (await request.get("/api/v1/tss-nodes", { headers: user.auth })).json()) as {
      data: { tss_node_id: string; status: string }[];
    };
    expect(listed.data.find((n) => n.tss_node_id === user.nodeId)?.status).toBe("active");
    await page.goto("/audit-log");
    const auditRow = page.getByRole("row").filter({ hasText: "tss_node.retire" }).filter({ hasText: "support@e2e.test" }).first();
    await expect(auditRow).toContainText("denied");
  });
});
