import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { EXTERNAL_XTN, fundedWallet, readyAppUser, transferBody, type ReadyAppUser } from "../helpers/journey";

// The console's search box as support staff use it: whatever they are handed (an app user's email,
// an address, a transaction hash, a client's Idempotency-Key, a Cobo TSS request id) is pasted
// into the one box and opens the right page, or the list of matches when there are several. The
// data is made the way a phone makes it: the Client API, the sandbox and a virtual device. Also
// the keyboard shortcuts and the theme toggle.

type Data = {
  user: ReadyAppUser;
  address: string;
  depositId: string;
  depositHash: string;
  transferId: string;
  transferKey: string;
  /** a second transfer whose Idempotency-Key is the user's TSS node id: one text, two matches */
  sharedKeyTransferId: string;
};
let d: Data;

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  const user = await readyAppUser(request, "search");
  const wallet = await fundedWallet(request, user.token);
  const transfer = async (key: string) => {
    const res = await request.post(`/api/v1/wallets/${wallet.walletId}/transfers`, {
      headers: { ...user.auth, "idempotency-key": key },
      data: transferBody(wallet.address, "0.1"),
    });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { transaction: { id: string } }).transaction.id;
  };
  const transferKey = `search-key-${randomBytes(6).toString("hex")}`;
  const transferId = await transfer(transferKey);
  const sharedKeyTransferId = await transfer(user.device.nodeId);
  const list = await request.get("/api/v1/transactions", { headers: user.auth });
  expect(list.status()).toBe(200);
  const { data } = (await list.json()) as { data: { id: string; type: string; transaction_hash: string | null }[] };
  const deposit = data.find((t) => t.type === "Deposit" && t.transaction_hash);
  expect(deposit, JSON.stringify(data)).toBeDefined();
  d = {
    user,
    address: wallet.address,
    depositId: deposit!.id,
    depositHash: deposit!.transaction_hash!,
    transferId,
    transferKey,
    sharedKeyTransferId,
  };
});

const searchBox = (page: Page) => page.getByRole("search", { name: "Console search" }).getByRole("searchbox");

/** Pastes `text` into the shell's search box and submits it. */
async function search(page: Page, text: string) {
  await searchBox(page).fill(text);
  await searchBox(page).press("Enter");
}

for (const role of ["admin", "support"] as const)
  test.describe(`as ${role}`, () => {
    test.use({ storageState: STORAGE_STATE[role] });

    test("one match opens its page: email, address, transaction hash, Idempotency-Key, Cobo TSS request id", async ({ page }) => {
      await page.goto("/dashboard");

      await search(page, d.user.email.toUpperCase());
      await expect(page).toHaveURL(`/users/${d.user.id}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(d.user.email);

      await search(page, d.address);
      await expect(page).toHaveURL(/\/vaults\/[0-9a-f-]{36}$/);
      await expect(page.getByText(d.address, { exact: true }).first()).toBeVisible();
      await expect(page.getByRole("link", { name: d.user.email }).first()).toBeVisible();

      await search(page, d.depositHash);
      await expect(page).toHaveURL(`/transactions/${d.depositId}`);
      await expect(page.getByText(d.depositHash, { exact: true }).first()).toBeVisible();

      await search(page, `  ${d.transferKey} `);
      await expect(page).toHaveURL(`/transactions/${d.transferId}`);

      await search(page, d.user.tssRequestId);
      await expect(page).toHaveURL(/\/tss-requests\/[0-9a-f-]{36}$/);
      await expect(page.getByText(d.user.tssRequestId, { exact: true }).first()).toBeVisible();
    });

    test("several matches are listed with their kind and a link; none says so", async ({ page }) => {
      await page.goto("/dashboard");
      // The phone's TSS node id, also used as the second transfer's Idempotency-Key.
      await search(page, d.user.device.nodeId);
      await expect(page).toHaveURL(`/search?q=${encodeURIComponent(d.user.device.nodeId)}`);
      await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
      const table = page.getByRole("table", { name: `Matches for ${d.user.device.nodeId}` });
      const rows = table.getByRole("row");
      await expect(rows).toHaveCount(3); // header + 2
      await expect(table.getByRole("row", { name: /TSS node id/ }).getByRole("link", { name: "TSS node" })).toHaveAttribute(
        "href",
        `/users/${d.user.id}`,
      );
      const tx = table.getByRole("row", { name: /Idempotency-Key/ });
      await expect(tx.getByRole("link", { name: "Transaction" })).toHaveAttribute("href", `/transactions/${d.sharedKeyTransferId}`);
      await expect(tx.getByText(d.user.email)).toBeVisible();
      await tx.getByRole("link", { name: "Transaction" }).click();
      await expect(page).toHaveURL(`/transactions/${d.sharedKeyTransferId}`);

      // An address that is none of ours leads to the Transactions list searched by it.
      await search(page, EXTERNAL_XTN);
      await expect(page).toHaveURL(`/transactions?q=${EXTERNAL_XTN}`);
      await expect(page.getByRole("searchbox", { name: "Search transactions" })).toHaveValue(EXTERNAL_XTN);
      await expect(page.locator(`a[href="/transactions/${d.transferId}"]`).first()).toBeVisible();

      const nothing = `no-such-key-${randomBytes(4).toString("hex")}`;
      await search(page, nothing);
      await expect(page).toHaveURL(`/search?q=${nothing}`);
      await expect(page.getByTestId("search-no-match")).toContainText(`Nothing matches “${nothing}”`);
      // Text that is no key at all is only text: no error page.
      await search(page, "' OR 1=1; DROP TABLE users; --");
      await expect(page.getByTestId("search-no-match")).toBeVisible();
    });

    test("the Transactions list's own search finds by email, address and Idempotency-Key", async ({ page }) => {
      const box = page.getByRole("searchbox", { name: "Search transactions" });
      // The address in upper case: addresses are compared in either case.
      for (const text of [d.user.email, d.address.toUpperCase(), d.transferKey]) {
        await page.goto(`/transactions?q=${encodeURIComponent(text)}`);
        await expect(box).toHaveValue(text);
        await expect(page.locator(`a[href="/transactions/${d.transferId}"]`).first()).toBeVisible();
      }
      await page.goto(`/transactions?q=${encodeURIComponent(d.transferKey)}`);
      await expect(page.locator(`a[href="/transactions/${d.sharedKeyTransferId}"]`)).toHaveCount(0);
    });
  });

test.describe("keyboard and theme", () => {
  test.use({ storageState: STORAGE_STATE.support });

  test("/ and Ctrl+K focus the search box, ? shows the shortcuts; not while typing", async ({ page }) => {
    await page.goto("/users");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.locator("h1").click();
    await page.keyboard.press("/");
    await expect(searchBox(page)).toBeFocused();
    await searchBox(page).press("Escape");
    await expect(searchBox(page)).not.toBeFocused();
    await page.keyboard.press("Control+k");
    await expect(searchBox(page)).toBeFocused();

    // Typing "/" and "?" into a field types them.
    await page.keyboard.type("a/b?");
    await expect(searchBox(page)).toHaveValue("a/b?");
    const listSearch = page.getByRole("searchbox", { name: "Search users by email" });
    await listSearch.click();
    await page.keyboard.type("x/?");
    await expect(listSearch).toHaveValue("x/?");
    await expect(page.getByRole("dialog")).toBeHidden();

    await page.locator("h1").click();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help.getByText("Show these shortcuts")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await expect(help).toBeVisible();
    await help.getByRole("button", { name: "Close" }).click();
    await expect(help).toBeHidden();
  });

  test("the theme follows the system until chosen; the choice is kept and rendered by the server", async ({ page, context }) => {
    const background = () => page.locator("main").evaluate((el) => getComputedStyle(el.parentElement!.parentElement!).backgroundColor);
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const toggle = page.getByRole("group", { name: "Theme" });

    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/dashboard");
    expect(await theme()).toBe("system");
    await expect(toggle.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
    const light = await background();
    await page.emulateMedia({ colorScheme: "dark" });
    const systemDark = await background();
    expect(systemDark).not.toBe(light);

    await page.emulateMedia({ colorScheme: "light" });
    await toggle.getByRole("button", { name: "Dark" }).click();
    expect(await theme()).toBe("dark");
    expect(await background()).toBe(systemDark);
    // The server renders the choice (no flash before any script runs): the cookie is sent.
    expect((await context.cookies()).find((c) => c.name === "ucw-theme")?.value).toBe("dark");
    const html = await (await page.request.get("/users")).text();
    expect(html).toMatch(/<html[^>]*data-theme="dark"/);
    await page.reload();
    expect(await theme()).toBe("dark");
    await expect(toggle.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
    expect(await background()).toBe(systemDark);

    await toggle.getByRole("button", { name: "Light" }).click();
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await background()).toBe(light);
    await toggle.getByRole("button", { name: "System" }).click();
    expect(await background()).toBe(systemDark);
  });
});
