import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { newDevice, readyAppUser, registerNode, transferBody } from "../helpers/journey";

// Pausing a user from the console, with a reason, freezes every key-changing and money-moving
// operation of the Client API (403), not only withdrawals; reads keep working. Unpausing restores.

test.use({ storageState: STORAGE_STATE.admin });

test("a paused user can neither change keys, export recovery data nor transfer; the reason is shown and audited", async ({
  page,
  request,
}) => {
  const user = await readyAppUser(request, "paused");
  // Two more phones: enough for a Recovery Group of the 2-2 Main Group.
  const second = await newDevice("paused-second");
  const third = await newDevice("paused-third");
  await registerNode(request, user, second.nodeId);
  await registerNode(request, user, third.nodeId);
  const recoveryNodes = { tss_node_ids: [second.nodeId, third.nodeId] };
  const wallet = await request.post("/api/v1/wallets", { headers: user.auth, data: { name: "Main" } });
  expect(wallet.status()).toBe(201);
  const { wallet_id } = (await wallet.json()) as { wallet_id: string };
  const address = await request.post(`/api/v1/wallets/${wallet_id}/addresses`, { headers: user.auth, data: { chain_id: "XTN" } });
  const { address: from } = (await address.json()) as { address: string };

  await page.goto(`/users/${user.id}`);
  const profile = page.getByRole("region", { name: "Profile", exact: true });
  await profile.getByLabel("Reason for pausing").fill("suspected account takeover (ticket 77)");
  await profile.getByLabel("Stop this user's key changes and transfers").check();
  await profile.getByRole("button", { name: "Pause user" }).click();
  await expect(profile.getByRole("button", { name: "Unpause user" })).toBeVisible();
  await expect(profile.getByText("suspected account takeover (ticket 77)")).toBeVisible();

  const refused = async (res: Awaited<ReturnType<typeof request.get>>, operation: string) => {
    expect(res.status(), await res.text()).toBe(403);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({
      code: "forbidden",
      status: 403,
      detail: `Your account is paused: ${operation} is refused. Contact support.`,
    });
  };
  await refused(
    await request.post("/api/v1/vault/recovery-groups", { headers: user.auth, data: recoveryNodes }),
    "Recovery Group creation",
  );
  await refused(
    await request.post("/api/v1/vault/recoveries", { headers: user.auth, data: { recovery_group_id: "any", tss_node_id: second.nodeId } }),
    "recovery",
  );
  await refused(
    await request.post("/api/v1/vault/main-group", { headers: user.auth, data: { tss_node_id: second.nodeId } }),
    "Main Group creation",
  );
  await refused(await request.get("/api/v1/vault/disaster-recovery", { headers: user.auth }), "disaster-recovery export");
  const transfer = await request.post(`/api/v1/wallets/${wallet_id}/transfers`, {
    headers: { ...user.auth, "idempotency-key": "paused-transfer" },
    data: transferBody(from),
  });
  expect(transfer.status()).toBe(403);
  // Nothing was started, and reads still work.
  expect((await request.get("/api/v1/vault", { headers: user.auth })).status()).toBe(200);
  const tss = (await (await request.get("/api/v1/tss-requests", { headers: user.auth })).json()) as { data: unknown[] };
  expect(tss.data).toHaveLength(1);

  await page.goto("/audit-log");
  await expect(page.getByRole("row").filter({ hasText: "app_user.pause" }).first()).toContainText("suspected account takeover (ticket 77)");

  await page.goto(`/users/${user.id}`);
  const unpause = page.getByRole("region", { name: "Profile", exact: true }).getByRole("form", { name: "Unpause user" });
  await unpause.getByLabel("Reason (kept in the audit log)").fill("account review finished (ticket 77)");
  await unpause.getByLabel("Allow this user's key changes and transfers again").check();
  await unpause.getByRole("button", { name: "Unpause user" }).click();
  await expect(page.getByRole("region", { name: "Profile", exact: true }).getByRole("button", { name: "Pause user" })).toBeVisible();
  const recoveryGroup = await request.post("/api/v1/vault/recovery-groups", { headers: user.auth, data: recoveryNodes });
  expect(recoveryGroup.status(), await recoveryGroup.text()).toBe(201);
});
