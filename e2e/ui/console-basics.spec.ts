import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { appUserWithVault } from "../helpers/journey";

// What every console page shares, seen in the browser: an icon (no 404 on every page), a sidebar
// that gives way to a menu on narrow screens, text that meets WCAG AA contrast in the light and the
// dark theme, and the Settings page naming the Cobo project in use.

const PAGES = [
  "/dashboard",
  "/insights",
  "/users",
  "/vaults",
  "/tss-requests",
  "/transactions",
  "/webhooks",
  "/reconciliation",
  "/risk",
  "/audit-log",
  "/settings",
  "/approvals",
];

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("every page links an icon the server serves", async ({ page, request }) => {
    const missing: string[] = [];
    page.on("response", (res) => {
      if (res.status() === 404) missing.push(res.url());
    });
    await page.goto("/dashboard");
    const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect(href).toBeTruthy();
    const icon = await request.get(href!);
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/^image\//);
    const favicon = await request.get("/favicon.ico");
    expect(favicon.status()).toBe(200);
    expect(missing).toEqual([]);
  });

  test("on a narrow screen the sections hide behind a Menu button, and close after navigating", async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 900 });
    await page.goto("/dashboard");
    const nav = page.getByRole("navigation", { name: /console/i });
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toBeVisible();
    await expect(nav).toBeHidden();
    // the page keeps the whole width
    const main = await page.locator("main").boundingBox();
    expect(main!.width).toBeGreaterThan(780);
    await menu.click();
    await expect(page.getByRole("button", { name: "Close" })).toHaveAttribute("aria-expanded", "true");
    await nav.getByRole("link", { name: "Transactions", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Transactions" })).toBeVisible();
    await expect(nav).toBeHidden();
    await expect(page.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
  });

  test("on a laptop screen the sidebar is always shown, with no Menu button", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto("/dashboard");
    await expect(page.getByRole("navigation", { name: /console/i })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  });

  for (const theme of ["light", "dark"] as const)
    test(`text on every list page meets WCAG AA contrast (${theme} theme)`, async ({ page, context, baseURL }) => {
      // a dozen pages, each analysed by axe: a busy machine needs more than the default minute
      test.setTimeout(240_000);
      // the theme toggle's cookie (components/shell/theme.ts), as a person who chose it has
      await context.addCookies([{ name: "ucw-theme", value: theme, url: baseURL! }]);
      const found: string[] = [];
      for (const path of [...PAGES, "/search?q=nothing-matches-this"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        const { violations } = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
        found.push(...violations.flatMap((v) => v.nodes.map((n) => `${path}: ${n.target.join(" ")} — ${n.failureSummary ?? ""}`)));
      }
      expect(found).toEqual([]);
    });

  test("Settings names the Cobo project vaults are made in, and where it comes from", async ({ page, request }) => {
    // a vault exists, so the sandbox project has been made
    await appUserWithVault(request, "settings-project");
    await page.goto("/settings");
    const cobo = page.getByRole("region", { name: "Cobo", exact: true });
    await expect(cobo.getByText("Not set")).toHaveCount(0);
    await expect(cobo.getByTestId("project-source")).toHaveText("(created by this backend in the sandbox)");
  });
});
