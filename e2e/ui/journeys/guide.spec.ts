import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { restoreDevice, type VirtualDevice } from "../../../tests/helpers/virtual-device";
import { STORAGE_STATE } from "../../fixtures";
import {
  approveTssOn,
  completedTransfer,
  fundedWallet,
  newDevice,
  readyAppUser,
  registerNode,
  sandbox,
  transferBody,
  type ReadyAppUser,
} from "../../helpers/journey";
import { addressOf, publicKeyOf, recoverOffline } from "../../helpers/offline-keys";
import { ACTIONS, actionData, callAction } from "../../helpers/server-action";
import {
  addressRows,
  asAdminAndSupport,
  detailValue,
  expectMainGroup,
  groupCard,
  memberRow,
  openTransactionPage,
  openTssRequestPage,
  openUserPage,
  section,
  sharedServerContexts,
  type AddressRow,
} from "../../helpers/staff-view";

// Cobo's UCW guide, section by section, as one app user lives it: the phone (a virtual device of the
// sandbox) and the Client API do what the app does; console staff look at each step in the browser,
// as admin and as support (the same data; admin controls only for the admin), and every page they
// look at is kept as a screenshot. The sections build on each other (one user, in order), so the
// file runs serially. The 2-3 and 3-3 Main Groups are in schemes.spec.ts (another UCW_SCHEME needs
// a server of its own).

test.describe.configure({ mode: "serial" });
// The admin's session for the admin-only calls (risk rules); the Client API calls carry the app's bearer token.
test.use({ storageState: STORAGE_STATE.admin });

type Vault = {
  vault_id: string;
  root_pubkey: string;
  main_group_id: string;
  groups: { key_share_holder_group_id: string; group_type: string; lifecycle: string }[];
};

let user: ReadyAppUser;
let vault: Vault;
/** the phone that holds the user's Main Group key share now */
let phone: VirtualDevice;
let wallet: { walletId: string; address: string };
let addressesSeen: AddressRow[];
let recoveryGroup: { id: string; devices: VirtualDevice[] };

const getVault = async (request: APIRequestContext) => {
  const res = await request.get("/api/v1/vault", { headers: user.auth });
  expect(res.status()).toBe(200);
  return (await res.json()) as Vault;
};

test("1. setup and Main Group (2-2): the phone approves the key generation; staff see the group, its members and the request", async ({
  request,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  user = await readyAppUser(request, "guide");
  phone = user.device;
  vault = await getVault(request);
  expect(vault.main_group_id).toBeTruthy();

  await asAdminAndSupport(sharedServerContexts(browser), testInfo, "1-main-group", async (page, role, shot) => {
    await openUserPage(page, role, user);
    await expect(section(page, "TSS nodes").getByRole("row").filter({ hasText: phone.nodeId })).toContainText("active");
    await expectMainGroup(page, { groupId: vault.main_group_id, scheme: "2-of-2", phoneNodeId: phone.nodeId, cosigners: 0 });
    await expect(section(page, "TSS requests").getByRole("row").filter({ hasText: user.tssRequestId })).toContainText("Success");
    await expect(detailValue(section(page, "Vault"), "Cobo vault id")).resolves.toContain(vault.vault_id);
    await shot("user");

    await openTssRequestPage(page, role, user.tssRequestId, "KeyGen", "Success");
    await expect(
      page.getByRole("table", { name: "Participants of this TSS request" }).getByRole("row").filter({ hasText: phone.nodeId }),
    ).toBeVisible();
    await shot("tss-request");

    // The vault page (from the TSS request's link) shows the same group and its owner.
    await section(page, "Request").getByRole("link", { name: vault.vault_id }).click();
    await expect(page).toHaveURL(/\/vaults\//);
    await expect(section(page, "Vault").getByRole("link", { name: user.email })).toBeVisible();
    await expectMainGroup(page, { groupId: vault.main_group_id, scheme: "2-of-2", phoneNodeId: phone.nodeId, cosigners: 0 });
    if (role === "support") await expect(page.getByRole("button", { name: /re-read|cancel/i })).toHaveCount(0);
    await shot("vault");
  });
});

test("2. a wallet and addresses on two chains: staff see both addresses with path and public key, and the deposit", async ({
  request,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  wallet = await fundedWallet(request, user.token, "1");
  const seth = await request.post(`/api/v1/wallets/${wallet.walletId}/addresses`, { headers: user.auth, data: { chain_id: "SETH" } });
  expect(seth.status(), await seth.text()).toBe(201);
  const created = (await seth.json()) as { address: string };

  const seen = await asAdminAndSupport(sharedServerContexts(browser), testInfo, "2-wallet", async (page, role, shot) => {
    await openUserPage(page, role, user);
    const rows = await addressRows(page);
    expect(rows.map((r) => [r.chain, r.address])).toEqual(
      expect.arrayContaining([
        ["XTN", wallet.address],
        ["SETH", created.address],
      ]),
    );
    for (const row of rows) {
      expect(row.path).toMatch(/^m\/44\/(1|60)\/0\/0\/\d+$/);
      expect(row.pubkey).toMatch(/^0[23][0-9a-f]{64}$/);
    }
    const deposits = section(page, "Transactions").getByRole("row").filter({ hasText: "Deposit" });
    await expect(deposits.first()).toContainText("Completed");
    await expect(section(page, "Balances")).toContainText("XTN");
    await shot("user");
    return rows;
  });
  // support reads exactly what the admin reads
  expect(seen.support).toEqual(seen.admin);
  addressesSeen = seen.admin;
  expect(addressesSeen).toHaveLength(2);
});

test("3. a transfer that completes, and one the risk rules deny before submission: staff see both outcomes", async ({
  request,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const denied = `tb1q${randomBytes(19).toString("hex")}`;
  const rule = actionData<{ id: string }>(
    await callAction(request, ACTIONS.createAddressRule, { kind: "deny", chainId: "XTN", address: denied, note: "e2e journey deny" }),
  );
  let sent: Awaited<ReturnType<typeof completedTransfer>>;
  try {
    const refused = await request.post(`/api/v1/wallets/${wallet.walletId}/transfers`, {
      headers: { ...user.auth, "idempotency-key": `guide-deny-${Date.now()}` },
      data: { ...transferBody(wallet.address, "0.01"), to_address: denied },
    });
    expect(refused.status(), await refused.text()).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "risk_denied", errors: [{ path: "body.to_address" }] });
    sent = await completedTransfer(request, user, wallet.walletId, transferBody(wallet.address, "0.01"), phone);
  } finally {
    await callAction(request, ACTIONS.deleteAddressRule, { id: rule.id });
  }

  await asAdminAndSupport(sharedServerContexts(browser), testInfo, "3-transfers", async (page, role, shot) => {
    await openTransactionPage(page, role, sent.id, "Completed");
    await expect(section(page, "Signers").getByRole("row").filter({ hasText: phone.nodeId })).toContainText("signed");
    const decisions = page
      .getByRole("list", { name: "Transaction status timeline" })
      .getByRole("listitem", { name: "Risk decision: allowed" });
    await expect(decisions.first()).toContainText("Before submission");
    await shot("completed");

    // The refused transfer was never stored nor sent: the user's transactions are the deposit and the completed one.
    await openUserPage(page, role, user);
    const txRows = section(page, "Transactions").locator("tbody tr");
    await expect(txRows).toHaveCount(2);
    await expect(section(page, "Transactions")).not.toContainText(denied);
    await shot("user");

    // Its decision is on the record, naming the wallet and the rule.
    await page.goto(`/risk/decisions?q=${encodeURIComponent(wallet.walletId)}&decision=deny`);
    const row = page.getByRole("table", { name: "Risk-control decisions" }).locator("tbody tr");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Before submission");
    await expect(row).toContainText("destination_denied");
    await shot("risk-decision");
  });
});

test("4. backup and restore of Secrets: the backup is reported, a second phone restores it and signs a transfer", async ({
  request,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(path.join(tmpdir(), "ucw-e2e-backup-"));
  let restored: VirtualDevice;
  try {
    const file = path.join(dir, "secrets.backup");
    await phone.cli(["export-secrets", "--export-passphrase", "e2e backup passphrase", "--out", file]);
    const reported = await request.post(`/api/v1/tss-nodes/${phone.nodeId}/secrets-backups`, {
      headers: user.auth,
      data: { method: "file", backed_up_at: new Date().toISOString() },
    });
    expect(reported.status(), await reported.text()).toBe(201);
    restored = await restoreDevice(sandbox(), file, "e2e backup passphrase", "guide-restored");
  } finally {
    await rm(dir, { recursive: true, force: true }); // the backup is a secret: never kept
  }
  // The restored phone is the same TSS node (same id, same key share), on another device.
  expect(restored.nodeId).toBe(phone.nodeId);
  expect(restored.name).not.toBe(phone.name);
  phone = restored;
  const sent = await completedTransfer(request, user, wallet.walletId, transferBody(wallet.address, "0.01"), phone);

  await asAdminAndSupport(sharedServerContexts(browser), testInfo, "4-backup-restore", async (page, role, shot) => {
    await openUserPage(page, role, user);
    const nodeRow = section(page, "TSS nodes").getByRole("row").filter({ hasText: phone.nodeId });
    await expect(nodeRow).toContainText("active");
    await expect(nodeRow).toContainText("Exported file");
    await expect(nodeRow).not.toContainText("No backup reported");
    await expect(section(page, "TSS nodes").getByRole("note", { name: "No backup reported" })).toHaveCount(0);
    await shot("user");
    await openTransactionPage(page, role, sent.cobo_transaction_id, "Completed");
    await expect(section(page, "Signers").getByRole("row").filter({ hasText: phone.nodeId })).toContainText("signed");
    await shot("transfer");
  });
});

test("5. Recovery Group: two more phones join from the Main Group's key; staff see the group and its key generation", async ({
  request,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const [phone2, phone3] = await Promise.all([newDevice("guide-rg2"), newDevice("guide-rg3")]);
  const created = await request.post("/api/v1/vault/recovery-groups", {
    headers: user.auth,
    data: { tss_node_ids: [phone2.nodeId, phone3.nodeId] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const rg = (await created.json()) as { key_share_holder_group_id: string; tss_request_id: string };
  await approveTssOn(request, user, [phone, phone2, phone3], rg.tss_request_id);
  recoveryGroup = { id: rg.key_share_holder_group_id, devices: [phone2, phone3] };
  vault = await getVault(request);
  expect(vault.groups.find((g) => g.key_share_holder_group_id === rg.key_share_holder_group_id)).toMatchObject({
    group_type: "RecoveryGroup",
    lifecycle: "active",
  });

  await asAdminAndSupport(sharedServerContexts(browser), testInfo, "5-recovery-group", async (page, role, shot) => {
    await openUserPage(page, role, user);
    const card = groupCard(page, "RecoveryGroup", rg.key_share_holder_group_id);
    await expect(card).toContainText("Valid");
    await expect(card).toContainText("active");
    for (const d of [phone2, phone3]) await expect(memberRow(card, d.nodeId)).toContainText("This user's device");
    // the Main Group is unchanged
    await expect(groupCard(page, "MainGroup", vault.main_group_id)).toContainText("Active Main Group");
    if (role === "admin") await expect(section(page, "Admin actions").getByRole("article", { name: "Recover Main Group" })).toBeVisible();
    await shot("user");
    await openTssRequestPage(page, role, rg.tss_request_id, "KeyGenFromKeyGroup", "Success");
    await expect(section(page, "Key share holder groups")).toContainText(vault.main_group_id); // the source group
    await expect(section(page, "Key share holder groups")).toContainText(rg.key_share_holder_group_id); // the target group
    await shot("tss-request");
  });
});

test("6. recovery to a new phone: the lost phone is retired, the Recovery Group recovers the Main Group onto a new phone with the same addresses", async ({
  request,
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  const lost = phone;
  const retired = await request.post(`/api/v1/tss-nodes/${lost.nodeId}/retire`, { headers: user.auth, data: { reason: "phone lost" } });
  expect(retired.status(), await retired.text()).toBe(200);
  const oldMainGroupId = vault.main_group_id;

  await asAdminAndSupport(sharedServerContexts(browser), testInfo, "6-lost-phone", async (page, role, shot) => {
    await openUserPage(page, role, user);
    await expect(section(page, "TSS nodes").getByRole("note", { name: "Recovery needed" })).toContainText("The user must recover.");
    await expect(section(page, "TSS nodes").getByRole("row").filter({ hasText: lost.nodeId })).toContainText("Reason: phone lost");
    await shot("user");
  });

  const phone4 = await newDevice("guide-new-phone");
  await registerNode(request, user, phone4.nodeId);
  const started = await request.post("/api/v1/vault/recoveries", {
    headers: user.auth,
    data: { recovery_group_id: recoveryGroup.id, tss_node_id: phone4.nodeId },
  });
  expect(started.status(), await started.text()).toBe(201);
  const rec = (await started.json()) as { key_share_holder_group_id: string; tss_request_id: string };
  await approveTssOn(request, user, [...recoveryGroup.devices, phone4], rec.tss_request_id);
  const before = vault;
  vault = await getVault(request);
  expect(vault.main_group_id).toBe(rec.key_share_holder_group_id);
  expect(vault.root_pubkey).toBe(before.root_pubkey);
  phone = phone4;

  const seen = await asAdminAndSupport(sharedServerContexts(browser), testInfo, "6-recovered", async (page, role, shot) => {
    await openUserPage(page, role, user);
    await expect(section(page, "TSS nodes").getByRole("note", { name: "Recovery needed" })).toHaveCount(0);
    const newMain = groupCard(page, "MainGroup", rec.key_share_holder_group_id);
    await expect(newMain).toContainText("Active Main Group");
    await expect(memberRow(newMain, phone4.nodeId)).toContainText("This user's device");
    const oldMain = groupCard(page, "MainGroup", oldMainGroupId);
    await expect(oldMain).toContainText("superseded");
    await expect(oldMain).toContainText("its device is retired, so it cannot sign");
    await shot("user");
    await openTssRequestPage(page, role, rec.tss_request_id, "Recovery", "Success");
    await shot("tss-request");
    await openUserPage(page, role, user);
    return addressRows(page);
  });
  // the same addresses, paths and public keys as before the recovery, for admin and support alike
  expect(seen.admin).toEqual(addressesSeen);
  expect(seen.support).toEqual(addressesSeen);

  // and the new phone spends from the same address
  const sent = await completedTransfer(request, user, wallet.walletId, transferBody(wallet.address, "0.01"), phone4);
  await asAdminAndSupport(sharedServerContexts(browser), testInfo, "6-new-phone-signs", async (page, role, shot) => {
    await openTransactionPage(page, role, sent.cobo_transaction_id, "Completed");
    await expect(section(page, "Transaction")).toContainText(wallet.address);
    await expect(section(page, "Signers").getByRole("row").filter({ hasText: phone4.nodeId })).toContainText("signed");
    await shot("transfer");
  });
});

test("7. disaster recovery: the Recovery Group's exported shares rebuild offline the keys of exactly the addresses the console shows", async ({
  request,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const seen = await asAdminAndSupport(sharedServerContexts(browser), testInfo, "7-disaster-recovery", async (page, role, shot) => {
    await openUserPage(page, role, user);
    const card = groupCard(page, "RecoveryGroup", recoveryGroup.id);
    // the SECP256K1 key share group (Cobo gives each curve its own; the sandbox's addresses are SECP256K1)
    const perCurve = card.locator("div").filter({ hasText: /^TSS key share group \(SECP256K1\)/ });
    const keyGroup = ((await perCurve.count()) > 0 ? perCurve : card.locator("div").filter({ hasText: /^TSS key share group\s/ }))
      .locator("span[title]")
      .first();
    const vaultSection = section(page, "Vault");
    const rootLabel = vaultSection.locator("dt", { hasText: /^Root public key( \(SECP256K1\))?$/ });
    await expect(rootLabel).toHaveCount(1);
    const rootPubkey = await detailValue(vaultSection, (await rootLabel.innerText()).trim());
    await shot("user");
    return { tssKeyShareGroupId: (await keyGroup.getAttribute("title"))!, rootPubkey, addresses: await addressRows(page) };
  });
  expect(seen.support).toEqual(seen.admin);
  const shown = seen.support;
  expect(shown.addresses).toEqual(addressesSeen);

  // What the app reads for disaster recovery agrees with the console.
  const info = (await (await request.get("/api/v1/vault/disaster-recovery", { headers: user.auth })).json()) as {
    key_share_holder_groups: { key_share_holder_group_id: string; tss_key_share_group_id: string | null }[];
    addresses: { address: string; path: string; pubkey: string }[];
  };
  expect(info.key_share_holder_groups.find((g) => g.key_share_holder_group_id === recoveryGroup.id)?.tss_key_share_group_id).toBe(
    shown.tssKeyShareGroupId,
  );
  expect(info.addresses.map((a) => a.address).sort()).toEqual(shown.addresses.map((a) => a.address).sort());

  const recovered = await recoverOffline(sandbox(), recoveryGroup.devices, shown.tssKeyShareGroupId, shown.addresses);
  expect(recovered.rootPubkey).toBe(shown.rootPubkey);
  expect(recovered.keys).toHaveLength(shown.addresses.length);
  for (const a of shown.addresses) {
    const key = recovered.keys.find((k) => k.bip32Path === a.path)!;
    expect(publicKeyOf(key.privateKey)).toBe(a.pubkey);
    expect(addressOf(a.chain, key.privateKey)).toBe(a.chain === "XTN" ? a.address : a.address.toLowerCase());
  }
});
