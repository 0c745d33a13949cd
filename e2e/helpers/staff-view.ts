import { expect, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";

// What console staff see of a journey, checked the same way as admin and as support: each role in
// its own signed-in browser context, the same assertions about the data, the role's controls (admin
// actions for admins, none for support), and a full-page screenshot of every page kept as a test
// artefact (in the test's output folder, attached to its report).

export type Role = "admin" | "support";
export const ROLES: readonly Role[] = ["admin", "support"];

/** A titled card of a console page (Section names its region by its heading). */
export const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

/** The card of a key share holder group ("MainGroup <Cobo group id>"). */
export const groupCard = (page: Page, groupType: "MainGroup" | "RecoveryGroup", coboGroupId: string) =>
  section(page, "Key share holder groups").getByRole("article", { name: `${groupType} ${coboGroupId}` });

/** The member row of `nodeId` in a group card. */
export const memberRow = (card: Locator, nodeId: string) => card.getByRole("row").filter({ hasText: nodeId });

/** A full-page screenshot in the test's output folder, attached to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** Opens a browser context signed in as `role` on the shared e2e server (or hands one over, e.g. on an own server). */
export type ContextFor = (role: Role) => Promise<BrowserContext>;

export const sharedServerContexts =
  (browser: Browser): ContextFor =>
  (role) =>
    browser.newContext({ storageState: STORAGE_STATE[role] });

/**
 * Runs `look` as admin and then as support, each on a fresh page of its own signed-in context;
 * `look` visits pages and checks what is there, naming each page it wants kept (`shot`), and
 * answers what it read, so the caller can check both roles read the same.
 */
export async function asAdminAndSupport<T>(
  contextFor: ContextFor,
  testInfo: TestInfo,
  label: string,
  look: (page: Page, role: Role, shot: (name: string) => Promise<void>) => Promise<T>,
): Promise<Record<Role, T>> {
  const seen = {} as Record<Role, T>;
  for (const role of ROLES) {
    const context = await contextFor(role);
    try {
      const page = await context.newPage();
      seen[role] = await look(page, role, (name) => keepScreenshot(page, testInfo, `${label}-${name}-${role}`));
    } finally {
      await context.close();
    }
  }
  return seen;
}

/** The user page with its heading; then the role's controls: admin actions for admins, the notice for support. */
export async function openUserPage(page: Page, role: Role, user: { id: string; email: string }): Promise<void> {
  await page.goto(`/users/${user.id}`);
  await expect(page.getByRole("heading", { level: 1, name: user.email })).toBeVisible();
  if (role === "admin") {
    await expect(section(page, "Admin actions")).toBeVisible();
    await expect(section(page, "Profile").getByRole("button", { name: "Pause user" })).toBeVisible();
  } else {
    await expect(page.getByText(/Admin actions need the admin role/)).toBeVisible();
    await expect(section(page, "Admin actions")).toHaveCount(0);
    await expect(page.getByRole("form")).toHaveCount(0);
    for (const name of [
      /create main group/i,
      /create recovery group/i,
      /recover main group/i,
      /pause user/i,
      /re-read/i,
      /retire/i,
      /cancel/i,
    ])
      await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
}

/** A TSS request's page (any id the console takes) with its type and status; re-read only for admins. */
export async function openTssRequestPage(page: Page, role: Role, id: string, type: string, status: string): Promise<void> {
  await page.goto(`/tss-requests/${encodeURIComponent(id)}`);
  await expect(page.getByRole("heading", { level: 1, name: `${type} request` })).toBeVisible();
  await expect(section(page, "Request")).toContainText(status);
  await expect(page.getByRole("button", { name: /re-read from cobo/i })).toHaveCount(role === "admin" ? 1 : 0);
}

/** A transaction's page (any id the console takes) with its status; re-read only for admins. */
export async function openTransactionPage(page: Page, role: Role, id: string, status: string): Promise<void> {
  await page.goto(`/transactions/${encodeURIComponent(id)}`);
  await expect(section(page, "Transaction")).toContainText(status);
  await expect(page.getByRole("button", { name: /re-read from cobo/i })).toHaveCount(role === "admin" ? 1 : 0);
  if (role === "support") await expect(page.getByRole("button", { name: /cancel/i })).toHaveCount(0);
}

/** The value of a detail list's item (`<dt>label</dt><dd>value</dd>`): an id's full text, else the text shown. */
export async function detailValue(scope: Locator, label: string): Promise<string> {
  const dt = scope.page().locator("dt", { hasText: new RegExp(`^${escapeRegExp(label)}$`) });
  const dd = scope.locator("dl > div").filter({ has: dt }).locator("dd");
  const id = dd.locator("span[title]").first();
  if ((await id.count()) > 0) return (await id.getAttribute("title")) ?? "";
  return (await dd.innerText()).trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export type AddressRow = { chain: string; address: string; path: string; pubkey: string };

/** Every address row of the wallets section (chain, address, path, public key), as the page shows them. */
export async function addressRows(page: Page): Promise<AddressRow[]> {
  const rows = section(page, "Wallets and addresses").getByRole("table").locator("tbody tr");
  const out: AddressRow[] = [];
  for (const row of await rows.all()) {
    const cells = (await row.locator("td").allInnerTexts()).map((t) => t.trim());
    out.push({ chain: cells[0]!, address: cells[1]!, path: cells[2]!, pubkey: cells[3]! });
  }
  return out;
}

/**
 * The user's active Main Group as its card shows it: Valid, `scheme` ("2-of-3": threshold of
 * participants), and its members by kind: the user's phone, Cobo, and `cosigners` server co-signers.
 */
export async function expectMainGroup(
  page: Page,
  g: { groupId: string; scheme: string; phoneNodeId: string; cosigners: number },
): Promise<void> {
  const card = groupCard(page, "MainGroup", g.groupId);
  await expect(card).toContainText(g.scheme);
  await expect(card).toContainText("Valid");
  await expect(card).toContainText("Active Main Group");
  await expect(memberRow(card, g.phoneNodeId)).toContainText("This user's device");
  const kinds = card.locator("tbody tr td:last-child");
  await expect(kinds).toHaveCount(2 + g.cosigners);
  const shown = (await kinds.allInnerTexts()).map((t) => t.split("·")[0]!.trim()).sort();
  expect(shown).toEqual(["Cobo", ...Array<string>(g.cosigners).fill("Server co-signer"), "This user's device"]);
}
