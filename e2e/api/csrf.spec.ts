import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_USERS, SAME_ORIGIN, STORAGE_STATE } from "../fixtures";
import { E2E_ORIGIN, HttpClient } from "../http-client";

// Cross-site request forgery against everything the console's session cookie authorises: the
// console's API routes, next-auth's endpoints and server actions. The attacker is a page on
// another origin of the same site (another port of the same host), which SameSite cookies do not
// stop: the browser sends the admin's cookie along.

const port = Number(new URL(E2E_ORIGIN).port);
const OTHER_ORIGIN = `http://127.0.0.1:${port + 7}`;
const PASSWORD = "long enough password";

const email = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}@e2e.test`;

/** True when no console user with this email exists: a same-origin create of it succeeds (201, not 409). */
async function wasNotCreated(request: APIRequestContext, address: string): Promise<boolean> {
  const res = await request.post("/api/console/console-users", { data: { email: address, role: "support", password: PASSWORD }, headers: SAME_ORIGIN });
  expect([201, 409]).toContain(res.status());
  return res.status() === 201;
}

/** The id Next.js gave a server action in this build. */
function serverActionId(file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === name && v.filename === file);
  if (!entry) throw new Error(`no server action ${name} in ${file}`);
  return entry[0];
}

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("a page on another port of the same host cannot make the admin's browser create an admin", async ({ page, request }) => {
    const target = email("csrf-form");
    // The attacker's page: a text/plain form whose body is JSON, and a no-cors fetch, both at the API.
    const body = JSON.stringify({ email: target, role: "admin", password: PASSWORD, pad: "" }).slice(0, -2);
    const html = `<!doctype html><title>cats</title>
      <form id="f" method="POST" enctype="text/plain" action="${E2E_ORIGIN}/api/console/console-users">
        <input type="hidden" name='${body.replaceAll("'", "&#39;")}' value='"}'>
      </form>
      <script>
        fetch(${JSON.stringify(`${E2E_ORIGIN}/api/console/console-users`)}, { method: "POST", mode: "no-cors", credentials: "include",
          body: ${JSON.stringify(JSON.stringify({ email: target, role: "admin", password: PASSWORD }))} })
          .finally(() => document.getElementById("f").submit());
      </script>`;
    const attacker: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    try {
      const address = attacker.address();
      const attackerPort = typeof address === "object" && address ? address.port : 0;
      const answers: number[] = [];
      page.on("response", (res) => {
        if (res.url() === `${E2E_ORIGIN}/api/console/console-users`) answers.push(res.status());
      });
      const formAnswer = page.waitForResponse((res) => res.url() === `${E2E_ORIGIN}/api/console/console-users` && res.request().resourceType() === "document");
      await page.goto(`http://127.0.0.1:${attackerPort}/`);
      expect((await formAnswer).status()).toBe(403);
      // both the fetch and the form reached the server with the admin's cookie, and both were refused
      await expect.poll(() => answers.length).toBe(2);
      expect(answers).toEqual([403, 403]);
    } finally {
      await new Promise<void>((resolve) => attacker.close(() => resolve()));
    }
    expect(await wasNotCreated(request, target)).toBe(true);
  });

  test("the console API refuses a cross-origin write with 403 and creates nothing; same-origin works", async ({ request }) => {
    const target = email("csrf-api");
    const refused = await request.post("/api/console/console-users", {
      data: { email: target, role: "admin", password: PASSWORD },
      headers: { origin: OTHER_ORIGIN },
    });
    expect(refused.status()).toBe(403);
    expect(refused.headers()["content-type"]).toBe("application/problem+json");
    expect(await refused.json()).toMatchObject({ status: 403, code: "forbidden", detail: "This request comes from another origin." });

    // an opaque origin ("null": sandboxed frames, some redirects) and a foreign Referer are refused too
    const foreign: Record<string, string>[] = [{ origin: "null" }, { referer: `${OTHER_ORIGIN}/page` }, { origin: `http://localhost:${port}` }];
    for (const headers of foreign) {
      const res = await request.post("/api/console/console-users", { data: { email: target, role: "admin", password: PASSWORD }, headers });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
    }
    // as is a write that names no origin at all (browsers always send Origin on a POST)
    const anonymous = await request.post("/api/console/console-users", { data: { email: target, role: "admin", password: PASSWORD } });
    expect(anonymous.status()).toBe(403);
    expect(await anonymous.json()).toMatchObject({ code: "forbidden", detail: expect.stringContaining("Origin") });

    // the console's own origin, by Origin or (when a client sends none) by Referer, is welcome
    const ok = await request.post("/api/console/console-users", { data: { email: target, role: "support", password: PASSWORD }, headers: SAME_ORIGIN });
    expect(ok.status()).toBe(201);
    expect(await ok.json()).toMatchObject({ email: target, role: "support" });
    const viaReferer = await request.post("/api/console/console-users", {
      data: { email: email("csrf-referer"), role: "support", password: PASSWORD },
      headers: { referer: `${E2E_ORIGIN}/settings` },
    });
    expect(viaReferer.status()).toBe(201);
  });

  test("a body that is not JSON is refused with 415, even from the console's own origin", async ({ request }) => {
    const target = email("csrf-text");
    const json = JSON.stringify({ email: target, role: "admin", password: PASSWORD });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await request.post("/api/console/console-users", { data: json, headers: { ...SAME_ORIGIN, "content-type": type } });
      expect(res.status(), type).toBe(415);
      expect(await res.json()).toMatchObject({ code: "unsupported_media_type" });
    }
    const crossText = await request.post("/api/console/console-users", { data: json, headers: { origin: OTHER_ORIGIN, "content-type": "text/plain" } });
    expect(crossText.status()).toBe(403);
    expect(await wasNotCreated(request, target)).toBe(true);
  });

  test("server actions: Next.js refuses one from another origin, and nothing is created; same-origin works", async ({ request }) => {
    const id = serverActionId("app/(console)/settings/actions.ts", "createConsoleUserAction");
    const target = email("csrf-action");
    const call = (origin: string) =>
      request.post("/settings", {
        headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin },
        data: JSON.stringify([{ email: target, role: "admin", password: PASSWORD }]),
      });
    const refused = await call(OTHER_ORIGIN);
    expect(refused.status()).toBe(500);
    // the action did not run: creating that user now works
    const probe = await request.post("/api/console/console-users", { data: { email: target, role: "support", password: PASSWORD }, headers: SAME_ORIGIN });
    expect(probe.status()).toBe(201);
    // from the console's own origin the same action runs (the user now exists: a conflict, not a refusal)
    const sameOrigin = await call(E2E_ORIGIN);
    expect(sameOrigin.status()).toBe(200);
    expect(await sameOrigin.text()).toContain("A console user with this email already exists.");
  });
});

test.describe("next-auth endpoints", () => {
  test("sign-out from another origin is refused and the session lives on; from ours it ends", async () => {
    const admin = new HttpClient();
    expect(await admin.signInConsole(E2E_USERS.admin.email, E2E_USERS.admin.password)).toMatchObject({ ok: true });
    const { csrfToken } = (await admin.send("GET", "/api/auth/csrf")).json<{ csrfToken: string }>();
    const forged = await admin.send("POST", "/api/auth/signout", { form: { csrfToken, json: "true" }, headers: { origin: OTHER_ORIGIN } });
    expect(forged.status).toBe(403);
    expect(forged.json()).toMatchObject({ code: "forbidden", status: 403 });
    expect((await admin.send("GET", "/api/console/me")).status).toBe(200);

    expect((await admin.signOutConsole()).status).toBe(200);
    expect(admin.sessionCookie()).toBeUndefined();
  });

  test("sign-in from another origin is refused (no login CSRF) and sets no session", async () => {
    const victim = new HttpClient();
    const { csrfToken } = (await victim.send("GET", "/api/auth/csrf")).json<{ csrfToken: string }>();
    const forged = await victim.send("POST", "/api/auth/callback/credentials", {
      form: { email: E2E_USERS.support.email, password: E2E_USERS.support.password, csrfToken, json: "true" },
      headers: { origin: OTHER_ORIGIN },
    });
    expect(forged.status).toBe(403);
    expect(victim.sessionCookie()).toBeUndefined();
    expect((await victim.send("GET", "/api/console/me")).status).toBe(401);
  });
});
