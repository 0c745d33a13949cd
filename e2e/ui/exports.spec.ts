import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { expect, request as newRequest, test } from "@playwright/test";
import { csvObjects } from "../../tests/helpers/csv";
import { E2E_USERS, STORAGE_STATE } from "../fixtures";
import { EXTERNAL_XTN, fundedWallet, readyAppUser, transferBody, type ReadyAppUser } from "../helpers/journey";

// What support staff reach for first, end to end against the production build: a user's
// transactions found through filters written in the URL (a saved view is a shared link), ids and
// addresses copied from the rows, explorer links, and a filtered CSV downloaded as support whose
// rows are exactly the view's; the export is audited, and refused without a session or from
// another site.

test.use({ storageState: STORAGE_STATE.support, permissions: ["clipboard-read", "clipboard-write"] });

type ApiTx = {
  id: string;
  type: string;
  amount: string;
  transaction_hash: string | null;
  source_address: string | null;
  destination_address: string | null;
};

let user: ReadyAppUser;
let address: string;
let deposit: ApiTx;
let withdrawal: ApiTx;

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  // Created as a phone app would, over the Client API, with the sandbox approving the key generation.
  user = await readyAppUser(request, "exports");
  const wallet = await fundedWallet(request, user.token, "1");
  address = wallet.address;
  const res = await request.post(`/api/v1/wallets/${wallet.walletId}/transfers`, {
    headers: { ...user.auth, "idempotency-key": randomUUID(), "x-forwarded-for": "192.0.2.91" },
    data: transferBody(address, "0.01"),
  });
  expect(res.status(), await res.text()).toBe(201);
  const list = await request.get("/api/v1/transactions", { headers: user.auth });
  expect(list.status()).toBe(200);
  const { data } = (await list.json()) as { data: ApiTx[] };
  deposit = data.find((t) => t.type === "Deposit")!;
  withdrawal = data.find((t) => t.type === "Withdrawal")!;
  expect(deposit.transaction_hash).toBeTruthy();
  expect(withdrawal.destination_address).toBe(EXTERNAL_XTN);
});

test("filters in the URL, copy buttons, explorer links and a filtered CSV download, as support", async ({ page }) => {
  // A view written as a URL: this user's XTN transactions.
  await page.goto(`/transactions?user=${encodeURIComponent(user.email)}&token=XTN`);
  const table = page.getByRole("table", { name: "Transactions" });
  await expect(table.getByRole("row")).toHaveCount(3); // header + deposit + withdrawal
  await expect(page.getByRole("textbox", { name: "User" })).toHaveValue(user.email);
  await expect(page.getByRole("combobox", { name: "Filter by token" })).toHaveValue("XTN");

  // The deposit row: hash and addresses link to the testnet explorer; copy buttons copy the value.
  const depositRow = table.getByRole("row").filter({ hasText: /Deposit/ });
  await expect(depositRow.getByRole("link", { name: "Open transaction hash in mempool.space (testnet)" })).toHaveAttribute(
    "href",
    `https://mempool.space/testnet/tx/${deposit.transaction_hash}`,
  );
  await expect(depositRow.getByRole("link", { name: "Open destination address in mempool.space (testnet)" })).toHaveAttribute(
    "href",
    `https://mempool.space/testnet/address/${address}`,
  );
  await depositRow.getByRole("button", { name: "Copy destination address" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(address);
  await depositRow.getByRole("button", { name: "Copy transaction hash" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(deposit.transaction_hash);

  // Narrowing by amount through the form keeps the other filters in the URL, and the link to the view says so.
  await page.getByRole("textbox", { name: "Amount ≥" }).fill("0.5");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/amountMin=0\.5/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toContainText("Deposit");
  await page.getByRole("button", { name: "Copy link to this view" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain("amountMin=0.5");
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(link.pathname).toBe("/transactions");
  expect(Object.fromEntries(link.searchParams)).toEqual({ user: user.email, token: "XTN", amountMin: "0.5" });

  // The same view as CSV: exactly its row.
  const [narrow] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(narrow.suggestedFilename()).toMatch(/^transactions-\d{8}T\d{6}Z\.csv$/);
  const narrowRows = csvObjects(readFileSync((await narrow.path())!, "utf8"));
  expect(narrowRows.map((r) => [r.id, r.type, r.amount, r.user_email])).toEqual([[deposit.id, "Deposit", "1", user.email]]);

  // Without the amount filter: both transactions, newest first, with their addresses and hash.
  await page.goto(`/transactions?user=${encodeURIComponent(user.email)}&token=XTN`);
  const [both] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const rows = csvObjects(readFileSync((await both.path())!, "utf8"));
  expect(rows.map((r) => r.id)).toEqual([withdrawal.id, deposit.id]);
  expect(rows[0]).toMatchObject({ type: "Withdrawal", amount: "0.01", source_address: address, destination_address: EXTERNAL_XTN });
  expect(rows[1]).toMatchObject({ type: "Deposit", destination_address: address, transaction_hash: deposit.transaction_hash! });

  // The audit log names who exported what, readably, filtered by actor and action in the URL.
  await page.goto(`/audit-log?actor=${encodeURIComponent(E2E_USERS.support.email)}&action=export.transactions`);
  const audit = page.getByRole("table", { name: "Audit log" });
  await expect(audit.getByRole("row").filter({ hasText: `amountMin = 0.5` })).toHaveCount(1);
  await expect(
    audit
      .getByRole("row")
      .filter({ hasText: `user = ${user.email}, token = XTN` })
      .first(),
  ).toBeVisible();
});

test("TSS requests: the user and stuck filters come from the URL", async ({ page }) => {
  await page.goto(`/tss-requests?user=${encodeURIComponent(user.email)}`);
  const table = page.getByRole("table", { name: "TSS requests" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toContainText("Success");
  // A finished key generation is never stuck.
  await page.goto(`/tss-requests?user=${encodeURIComponent(user.email)}&stuck=15m`);
  await expect(page.getByText("No TSS requests match these filters")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Filter by time without a status change" })).toHaveValue("15m");
});

test("an export needs a console session, refuses another site's request and unreadable filters", async ({ baseURL, request }) => {
  // Explicitly empty: inside a test, new contexts inherit the project's storage state (the support session).
  const anonymous = await newRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const signedOut = await anonymous.get("/api/console/exports/transactions");
  expect(signedOut.status()).toBe(401);
  expect(await signedOut.json()).toMatchObject({ code: "unauthenticated" });
  await anonymous.dispose();

  const crossSite = await request.get("/api/console/exports/audit-log", { headers: { "sec-fetch-site": "cross-site" } });
  expect(crossSite.status()).toBe(403);
  const bad = await request.get("/api/console/exports/transactions?stuck=forever");
  expect(bad.status()).toBe(422);
  expect(await bad.json()).toMatchObject({ code: "invalid_input", errors: [{ path: "query.stuck" }] });
  expect((await request.get("/api/console/exports/users")).status()).toBe(422);
  const ok = await request.get("/api/console/exports/webhook-events?status=applied");
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csvObjects(await ok.text()).every((r) => r.status === "applied" && !("raw_body" in r))).toBe(true);
});
