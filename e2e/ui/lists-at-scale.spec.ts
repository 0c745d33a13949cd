import { expect, test, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { startOwnServer, type OwnServer } from "../helpers/own-server";
import { keepScreenshot } from "../helpers/staff-view";

// Every list page of the console on a database of realistic size, as support staff use it: a
// production server of this spec's own (the shared e2e database stays small, so the other specs'
// counts and queues keep their meaning), loaded before it starts with `npm run seed`'s synthetic
// rows (2,000 users, 20,000 transactions and what goes with them: groups, TSS requests, webhook
// events, risk decisions, audit entries, drifts). Each list renders rows, pages forward by cursor
// to other rows, and a filter chosen in its menu narrows it to matching rows only. Search opens a
// seeded user by email; Needs attention, Insights and Reconciliation render over the same data.

const SEED = { users: 2_000, transactions: 20_000 };

type ListCheck = {
  path: string;
  table: string;
  /** a filter menu (select) or the search box (search), what to choose or type, and text every matching row shows */
  narrow: { kind: "select" | "search"; label: string; param: string; value: string; rowText: string };
};

const LISTS: ListCheck[] = [
  {
    path: "/users",
    table: "App users",
    narrow: { kind: "select", label: "Filter by status", param: "status", value: "paused", rowText: "paused" },
  },
  {
    path: "/vaults",
    table: "Vaults",
    narrow: { kind: "search", label: "Search vaults", param: "q", value: "Synthetic vault 7", rowText: "Synthetic vault 7" },
  },
  {
    path: "/transactions",
    table: "Transactions",
    narrow: { kind: "select", label: "Filter by status", param: "status", value: "Failed", rowText: "Failed" },
  },
  {
    path: "/tss-requests",
    table: "TSS requests",
    narrow: { kind: "select", label: "Filter by type", param: "type", value: "KeyGenFromKeyGroup", rowText: "KeyGenFromKeyGroup" },
  },
  {
    path: "/webhooks",
    table: "Webhook events",
    narrow: {
      kind: "select",
      label: "Filter by type",
      param: "type",
      value: "wallets.transaction.failed",
      rowText: "wallets.transaction.failed",
    },
  },
  {
    path: "/risk/decisions",
    table: "Risk-control decisions",
    narrow: { kind: "select", label: "Filter by decision", param: "decision", value: "deny", rowText: "deny" },
  },
  {
    path: "/audit-log",
    table: "Audit log",
    narrow: { kind: "select", label: "Filter by outcome", param: "outcome", value: "denied", rowText: "denied" },
  },
];

let server: OwnServer;
let support: BrowserContext;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  server = await startOwnServer(
    "lists_at_scale",
    { E2E_SEED_USERS: String(SEED.users), E2E_SEED_TRANSACTIONS: String(SEED.transactions) },
    testInfo,
  );
  support = await server.signedIn(browser, "support");
});

test.afterAll(async () => {
  await support?.close();
  await server?.stop();
});

const rowsOf = (table: Locator) => table.locator("tbody tr");

async function rowTexts(table: Locator): Promise<string[]> {
  return (await rowsOf(table).allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
}

async function checkList(page: Page, list: ListCheck, shot: (name: string) => Promise<void>): Promise<void> {
  await page.goto(list.path);
  const table = page.getByRole("table", { name: list.table, exact: true });
  await expect(rowsOf(table).nth(9)).toBeVisible(); // a full first page (at least ten rows)
  const first = await rowTexts(table);
  await expect(page.getByRole("button", { name: /acknowledge|re-read|cancel|delete|retry/i })).toHaveCount(0);
  await shot("first-page");

  // the next page by cursor: other rows
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect.poll(async () => JSON.stringify(await rowTexts(table))).not.toBe(JSON.stringify(first));
  const second = await rowTexts(table);
  expect(second.length).toBeGreaterThanOrEqual(10);
  expect(second.filter((r) => first.includes(r))).toEqual([]);

  // narrowed by a filter menu or the search box: the URL carries it, paging starts again, and every row matches
  const { narrow } = list;
  if (narrow.kind === "select") await page.getByLabel(narrow.label, { exact: true }).selectOption(narrow.value);
  else {
    await page.getByLabel(narrow.label, { exact: true }).fill(narrow.value);
    await page.getByLabel(narrow.label, { exact: true }).press("Enter");
  }
  await expect(page).toHaveURL(new RegExp(`[?&]${narrow.param}=${encodeURIComponent(narrow.value).replaceAll("%20", "(\\+|%20)")}(&|$)`));
  await expect(page).not.toHaveURL(/after=/);
  await expect(rowsOf(table).first()).toContainText(narrow.rowText, { ignoreCase: true });
  const filtered = await rowTexts(table);
  expect(filtered.length).toBeGreaterThan(0);
  expect(filtered.filter((r) => !r.toLowerCase().includes(narrow.rowText.toLowerCase()))).toEqual([]);
  await shot("filtered");
}

for (const list of LISTS) {
  test(`${list.path} on ${SEED.transactions.toLocaleString("en")} transactions: rows, the next page and a filter, as support`, async () => {
    const testInfo = test.info();
    const page = await support.newPage();
    try {
      await checkList(page, list, (name) => keepScreenshot(page, testInfo, `scale${list.path.replaceAll("/", "-")}-${name}`));
    } finally {
      await page.close();
    }
  });
}

test("search, Needs attention, Insights and Reconciliation over the seeded data, as support", async () => {
  const testInfo = test.info();
  const page = await support.newPage();
  try {
    const email = "seed-user-0000042@example.com";
    await page.goto(`/search?q=${encodeURIComponent(email)}`);
    await expect(page).toHaveURL(/\/users\//);
    await expect(page.getByRole("heading", { level: 1, name: email })).toBeVisible();
    await keepScreenshot(page, testInfo, "scale-search-user");

    await page.goto("/needs-attention");
    await expect(page.getByRole("heading", { level: 1, name: "Needs attention" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Items that need attention" }).locator("tbody tr").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^Acknowledge/ })).toHaveCount(0);
    await keepScreenshot(page, testInfo, "scale-needs-attention");

    await page.goto("/insights");
    await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible();
    await keepScreenshot(page, testInfo, "scale-insights");

    await page.goto("/reconciliation");
    await expect(page.getByRole("heading", { level: 1, name: "Reconciliation" })).toBeVisible();
    // drift records (the seed's, one in ten still open, and what reconciliation found since): listed,
    // and the state filter keeps the resolved ones only (fewer in all)
    const drifts = page.getByRole("table", { name: "Drift records" }).locator("tbody tr");
    await expect(drifts.nth(4)).toBeVisible();
    const total = async () =>
      Number((await page.getByRole("navigation", { name: "drift records pagination" }).locator("p").innerText()).replace(/[^0-9]/g, ""));
    const all = await total();
    await page.getByLabel("Filter by state", { exact: true }).selectOption("resolved");
    await expect(page).toHaveURL(/[?&]state=resolved/);
    await expect.poll(total).toBeLessThan(all);
    await expect(drifts.first()).toContainText("caught up by polling");
    await expect(page.getByRole("button", { name: /run reconciliation/i })).toHaveCount(0);
    await keepScreenshot(page, testInfo, "scale-reconciliation");
  } finally {
    await page.close();
  }
});
