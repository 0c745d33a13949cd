import { expect, test, type Browser, type Page } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { waitFor } from "../../tests/helpers/virtual-device";
import {
  appUserWithVault,
  bearer,
  clearFaults,
  fundedWallet,
  injectFault,
  readyAppUser,
  transferBody,
  waitForTss,
  type AppUser,
} from "../helpers/journey";

// The console's "Needs attention" queue end to end: a real stuck TSS request (the phone never
// approves the key generation) and a real rejected withdrawal (the user's phone declines to sign
// it, Cobo rejects it), made through the Client API and the sandbox, seen by
// an admin and by support staff; the admin acknowledges one. Also the thresholds in Settings, the
// Cobo-unreachable banner, every list page at 1366×768 with its row actions in view, and the
// per-user time zone.

test.describe.configure({ mode: "serial" });

let stuck: { user: AppUser; tssRequestId: string };
let denied: { user: AppUser; coboId: string };

async function asRole(browser: Browser, role: "admin" | "support", opts: { timezoneId?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ storageState: STORAGE_STATE[role], ...opts });
  return context.newPage();
}

const queueRow = (page: Page, text: string) =>
  page.getByRole("table", { name: "Items that need attention" }).getByRole("row").filter({ hasText: text });

test("an admin sets the TSS threshold to one minute in Settings (validated first); support staff see it read-only", async ({ browser }) => {
  const admin = await asRole(browser, "admin");
  await admin.goto("/settings");
  const form = admin.getByRole("form", { name: "Needs attention thresholds" });
  await form.getByLabel("TSS request pending after (minutes)").fill("0");
  await form.getByRole("button", { name: "Save thresholds" }).click();
  await expect(form.getByText("must be at least 1")).toBeVisible();
  await form.getByLabel("TSS request pending after (minutes)").fill("1");
  await form.getByRole("button", { name: "Save thresholds" }).click();
  await expect(form.getByRole("status")).toContainText("Thresholds saved.");

  const support = await asRole(browser, "support");
  await support.goto("/settings");
  await expect(support.getByRole("form", { name: "Needs attention thresholds" })).toHaveCount(0);
  const region = support.getByRole("region", { name: "Needs attention", exact: true });
  await expect(region).toContainText("1 min");
  await expect(region).toContainText("Thresholds are set by admins.");
  await admin.context().close();
  await support.context().close();
});

test("a key generation the phone never approves and a withdrawal the phone rejects reach the queue", async ({ request, browser }) => {
  test.setTimeout(240_000);
  // the stuck TSS request: Main Group asked for, the phone never approves
  const user = await appUserWithVault(request, "attn-stuck");
  const group = await request.post("/api/v1/vault/main-group", { headers: user.auth, data: { tss_node_id: user.nodeId } });
  expect(group.status(), await group.text()).toBe(201);
  const { tss_request_id: tssRequestId } = (await group.json()) as { tss_request_id: string };
  // Cobo moves it on to MPCProcessing and waits there for the phone
  await waitForTss(request, user, tssRequestId, (s) => ["PendingKeyHolderConfirmation", "MPCProcessing"].includes(s));
  stuck = { user, tssRequestId };

  // the rejected withdrawal: the sender's phone declines to sign it (a deny-listed destination
  // would now be refused before submission, and never reach Cobo)
  const sender = await readyAppUser(request, "attn-denied");
  const wallet = await fundedWallet(request, sender.token);
  const res = await request.post(`/api/v1/wallets/${wallet.walletId}/transfers`, {
    headers: { ...bearer(sender.token), "idempotency-key": `attn-denied-${Date.now()}` },
    data: transferBody(wallet.address),
  });
  expect(res.status(), await res.text()).toBe(201);
  const { cobo_transaction_id: coboId } = ((await res.json()) as { transaction: { cobo_transaction_id: string } }).transaction;
  await waitFor(
    async () => (await sender.device.pendingTransactions()).some((t) => t.transaction_id === coboId),
    "the phone to see the transfer",
  );
  await sender.device.rejectTransactions([coboId], "not me");
  const admin = await asRole(browser, "admin");
  await expect
    .poll(
      async () => {
        const tx = (await (await request.get(`/api/v1/transactions/${coboId}`, { headers: sender.auth })).json()) as { status: string };
        return tx.status;
      },
      { timeout: 60_000 },
    )
    .toBe("Rejected");
  denied = { user: sender, coboId };

  // the denied withdrawal is in the queue at once; the TSS request once it is a minute old
  await admin.goto("/needs-attention");
  await expect(queueRow(admin, coboId)).toContainText("Withdrawal failed or rejected");
  await expect(queueRow(admin, coboId)).toContainText("Withdrawal Rejected");
  await expect(async () => {
    await admin.reload();
    await expect(queueRow(admin, tssRequestId)).toContainText("TSS request pending", { timeout: 1_000 });
  }).toPass({ timeout: 120_000 });
  await admin.context().close();
});

test("support staff see both items, linked to the object and the user, with no Acknowledge control", async ({ browser }) => {
  const page = await asRole(browser, "support");
  await page.goto("/dashboard");
  await expect(page.getByTestId("nav-count-needs-attention")).toBeVisible();
  await page
    .getByRole("navigation", { name: /console/i })
    .getByRole("link", { name: /Needs attention/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Needs attention" })).toBeVisible();
  const tss = queueRow(page, stuck.tssRequestId);
  await expect(tss).toContainText(/still (PendingKeyHolderConfirmation|MPCProcessing) after more than 1 min/);
  await expect(tss.getByRole("link", { name: stuck.user.email })).toHaveAttribute("href", `/users/${stuck.user.id}`);
  const tx = queueRow(page, denied.coboId);
  await expect(tx.getByRole("link", { name: denied.user.email })).toHaveAttribute("href", `/users/${denied.user.id}`);
  await expect(page.getByRole("button", { name: /^Acknowledge/ })).toHaveCount(0);
  await expect(page.getByText("Admins acknowledge items (with a reason)")).toBeVisible();
  await tss.getByRole("link", { name: stuck.tssRequestId }).click();
  await expect(page).toHaveURL(/\/tss-requests\/[0-9a-f-]{36}$/);
  await page.context().close();
});

test("an admin acknowledges the denied withdrawal with a reason: it leaves the queue, the TSS request stays", async ({ browser }) => {
  const page = await asRole(browser, "admin");
  await page.goto("/needs-attention");
  const row = queueRow(page, denied.coboId);
  await row.getByRole("button", { name: /^Acknowledge/ }).click();
  const form = row.getByRole("form", { name: /^Acknowledge/ });
  await form.getByLabel("Why is it handled?").fill("x");
  await form.getByRole("button", { name: "Acknowledge" }).click();
  await expect(form.getByText(/at least 3 characters/)).toBeVisible();
  await form.getByLabel("Why is it handled?").fill("the user declined it on their phone; informed");
  await form.getByRole("button", { name: "Acknowledge" }).click();
  await expect(queueRow(page, denied.coboId)).toHaveCount(0);
  await expect(queueRow(page, stuck.tssRequestId)).toHaveCount(1);
  await page.goto("/audit-log?action=attention.acknowledge");
  await expect(page.getByRole("row").filter({ hasText: "attention.acknowledge" }).first()).toContainText("succeeded");

  await page.context().close();
});

test("the console says since when Cobo is unreachable after a failed health probe, and stops once it answers", async ({
  browser,
  request,
}) => {
  const page = await asRole(browser, "admin");
  try {
    await injectFault({ method: "GET", path_prefix: "/v2/wallets/mpc/cobo_key_share_holders", kind: "status", status: 503 });
    const health = (await (await request.get("/api/health")).json()) as { cobo: { status: string } };
    expect(health.cobo.status).toBe("down");
    await page.goto("/users");
    await expect(page.getByTestId("cobo-unreachable")).toContainText(/Cobo is unreachable since \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
  } finally {
    await clearFaults();
  }
  const health = (await (await request.get("/api/health")).json()) as { cobo: { status: string } };
  expect(health.cobo.status).toBe("ok");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByTestId("cobo-unreachable")).toHaveCount(0);
  await page.context().close();
});

const LIST_PAGES = [
  "/needs-attention",
  "/users",
  "/vaults",
  "/tss-requests",
  "/transactions",
  "/webhooks",
  "/reconciliation",
  "/risk",
  "/risk/decisions",
  "/audit-log",
  "/settings",
];

test("at 1366×768 every list page keeps its row actions in view (the TSS requests list fits whole)", async ({ browser }) => {
  const page = await asRole(browser, "admin");
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const path of LIST_PAGES) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Every row button measured in one pass in the page (a long list is many buttons): each is
    // scrolled into view vertically only, so a button the table's horizontal scroll box cuts off
    // stays cut off, then checked for being inside the viewport and on top where it is drawn.
    const buttons = await page.locator("main table tbody button").evaluateAll((els) =>
      els.map((el) => {
        const top = el.getBoundingClientRect().top;
        window.scrollBy(0, top - window.innerHeight / 2);
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { left: r.left, right: r.right, onTop: hit !== null && el.contains(hit), label: el.textContent };
      }),
    );
    const count = buttons.length;
    for (const seen of buttons) {
      expect(seen.left, `${path}: ${seen.label}`).toBeGreaterThanOrEqual(0);
      expect(seen.right, `${path}: ${seen.label}`).toBeLessThanOrEqual(1366);
      expect(seen.onTop, `${path}: ${seen.label} is hidden`).toBe(true);
    }
    if (path === "/tss-requests" || path === "/transactions") expect(count, `${path} has a Re-read button per row`).toBeGreaterThan(0);
    if (path === "/tss-requests") {
      // the whole table fits: no horizontal scrolling, so the Updated column is in view too (the
      // transactions list has more columns, hash and addresses included: it scrolls, its actions stay pinned)
      const overflow = await page
        .locator("main table")
        .first()
        .evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  }
  await expect(
    page
      .locator("main table")
      .first()
      .getByRole("columnheader", { name: /Updated/ }),
  ).toHaveCount(0); // last page: settings
  await page.goto("/tss-requests");
  const updated = await page.getByRole("columnheader", { name: /Updated/ }).boundingBox();
  expect(updated!.x + updated!.width).toBeLessThanOrEqual(1366);
  await page.context().close();
});

test("timestamps show in the user's time zone: the browser's by default, the one chosen in Settings after", async ({ browser }) => {
  const page = await asRole(browser, "support", { timezoneId: "America/New_York" });
  await page.goto("/needs-attention");
  await expect(page.getByTestId("time-zone-note")).toContainText("Times in America/New_York (your browser's).");
  await expect(queueRow(page, stuck.tssRequestId).locator("time")).toContainText(/ UTC-[45]$/);

  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Time zone" });
  await form.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await form.getByRole("button", { name: "Save time zone" }).click();
  await expect(form.getByRole("status")).toContainText("Time zone saved: Asia/Tokyo.");
  await page.goto("/needs-attention");
  await expect(page.getByTestId("time-zone-note")).toContainText("Times in Asia/Tokyo.");
  const time = queueRow(page, stuck.tssRequestId).locator("time");
  await expect(time).toContainText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\+9$/);
  // the same instant: the ISO value (UTC) is kept in the attribute
  const iso = await time.getAttribute("datetime");
  const shown = (await time.textContent())!.replace(/\s+/g, " ");
  const expected = new Date(Date.parse(iso!) + 540 * 60_000).toISOString();
  expect(shown).toBe(`${expected.slice(0, 10)} ${expected.slice(11, 19)} UTC+9`);

  // back to the browser's zone
  await page.goto("/settings");
  await page.getByRole("form", { name: "Time zone" }).getByLabel("Time zone").selectOption({ index: 0 });
  await page.getByRole("form", { name: "Time zone" }).getByRole("button", { name: "Save time zone" }).click();
  await page.goto("/needs-attention");
  await expect(page.getByTestId("time-zone-note")).toContainText("America/New_York");
  await page.context().close();
});
