import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { e2eRuntimeFile, STORAGE_STATE } from "../fixtures";

// Cursor paging in the console, as a person uses it: Next / Previous / First are links whose URL
// carries the cursor (`after` / `before`) and keeps the search and sort; changing the sort starts
// again from the first page.

const port = Number(process.env.E2E_PORT ?? 3100);
test.use({ storageState: STORAGE_STATE.admin });

const tag = `paging-${randomBytes(3).toString("hex")}`;

test.beforeAll(async () => {
  const { databaseUrl } = JSON.parse(readFileSync(e2eRuntimeFile(port), "utf8")) as { databaseUrl: string };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // 23 users, three of them signed up in the same millisecond (ties broken by id).
    await client.query(
      `INSERT INTO users (id, email, status, created_at, updated_at)
       SELECT gen_random_uuid(), $1 || '-' || lpad(i::text, 2, '0') || '@example.com', 'active',
              timestamptz '2026-01-01T00:00:00Z' + interval '1 minute' * least(i, 20), now()
       FROM generate_series(1, 23) i`,
      [tag],
    );
  } finally {
    await client.end();
  }
});

async function emails(page: Page): Promise<string[]> {
  const table = page.getByRole("table", { name: "App users" });
  return (await table.getByText(new RegExp(`^${tag}-\\d+@example\\.com$`)).allTextContents()).map((t) => t.trim());
}

/** Follows a paging link and waits until the table shows other rows. */
async function follow(page: Page, name: string): Promise<string[]> {
  const before = await emails(page);
  await page.getByRole("link", { name }).click();
  await expect.poll(async () => JSON.stringify(await emails(page))).not.toBe(JSON.stringify(before));
  return emails(page);
}

test("Next, Previous and First walk the pages by cursor, keeping search and sort in the URL", async ({ page }) => {
  await page.goto(`/users?q=${tag}&pageSize=10`);
  const first = await emails(page);
  expect(first).toHaveLength(10);
  await expect(page.getByText("23 users")).toBeVisible();
  await expect(page.getByLabel("Previous page")).toHaveAttribute("aria-disabled", "true");

  const second = await follow(page, "Next page");
  await expect(page).toHaveURL(/after=/);
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  expect(second).toHaveLength(10);
  expect(second.filter((e) => first.includes(e))).toEqual([]);

  const third = await follow(page, "Next page");
  expect(third).toHaveLength(3);
  await expect(page.getByLabel("Next page")).toHaveAttribute("aria-disabled", "true");
  expect(new Set([...first, ...second, ...third]).size).toBe(23);

  expect(await follow(page, "Previous page")).toEqual(second);
  await expect(page).toHaveURL(/before=/);

  expect(await follow(page, "First page")).toEqual(first);
  await expect(page).not.toHaveURL(/after=|before=/);

  // Sorting keeps the search, drops the cursor.
  await follow(page, "Next page");
  await page.getByRole("columnheader", { name: /email/i }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=email\.asc/);
  await expect(page).not.toHaveURL(/after=|before=/);
  await expect.poll(async () => (await emails(page))[0]).toBe(`${tag}-01@example.com`);
  const sorted = await emails(page);
  expect(sorted).toEqual([...sorted].sort());
  expect(sorted[0]).toBe(`${tag}-01@example.com`);
});
