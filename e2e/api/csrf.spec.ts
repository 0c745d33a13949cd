import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_USERS, STORAGE_STATE } from "../fixtures";
import { ACTIONS, actionData, callAction, serverActionId } from "../helpers/server-action";
import { E2E_ORIGIN, HttpClient } from "../http-client";

// Cross-site request forgery against everything the console's session cookie authorises: the
// console's server actions (its only writes) and next-auth's endpoints. The attacker is a page on
// another origin of the same site (another port of the same host), which SameSite cookies do not
// stop: the browser sends the admin's cookie along.
//
// A server action can be reached without JavaScript-only headers: a plain multipart form carrying
// the action's id ($ACTION_ID_<id>) posts to the page, and a no-cors fetch can send the same body.
// What stops both is the Origin check (Next.js, and the console's action client for a request
// naming no origin or only a foreign Referer).

const port = Number(new URL(E2E_ORIGIN).port);
const OTHER_ORIGIN = `http://127.0.0.1:${port + 7}`;
const PASSWORD = "long enough password";

const email = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}@e2e.test`;

/** True when no console user with this email exists: a same-origin create of it succeeds (data, not a conflict). */
async function wasNotCreated(request: APIRequestContext, address: string): Promise<boolean> {
  const res = await callAction(request, ACTIONS.createConsoleUser, { email: address, role: "support", password: PASSWORD });
  expect(res.result).toBeDefined();
  return res.result !== undefined && "data" in res.result;
}

/** A multipart body that invokes the create-console-user action as a no-JavaScript form would. */
function actionForm(boundary: string, fields: Record<string, string>): string {
  const parts = { [`$ACTION_ID_${serverActionId(ACTIONS.createConsoleUser)}`]: "", ...fields };
  return (
    Object.entries(parts)
      .map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${boundary}--\r\n`
  );
}

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("a page on another port of the same host cannot make the admin's browser create an admin", async ({ page, request }) => {
    const target = email("csrf-form");
    const actionId = serverActionId(ACTIONS.createConsoleUser);
    // The attacker's page: a no-JavaScript form invoking the server action, and a no-cors fetch with the same body.
    const html = `<!doctype html><title>cats</title>
      <form id="f" method="POST" enctype="multipart/form-data" action="${E2E_ORIGIN}/settings">
        <input type="hidden" name="$ACTION_ID_${actionId}" value="">
        <input type="hidden" name="email" value="${target}">
        <input type="hidden" name="role" value="admin">
        <input type="hidden" name="password" value="${PASSWORD}">
      </form>
      <script>
        fetch(${JSON.stringify(`${E2E_ORIGIN}/settings`)}, { method: "POST", mode: "no-cors", credentials: "include",
          body: new FormData(document.getElementById("f")) })
          .finally(() => document.getElementById("f").submit());
      </script>`;
    const attacker: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    try {
      const address = attacker.address();
      const attackerPort = typeof address === "object" && address ? address.port : 0;
      const answers: number[] = [];
      page.on("response", (res) => {
        if (res.url() === `${E2E_ORIGIN}/settings` && res.request().method() === "POST") answers.push(res.status());
      });
      const formAnswer = page.waitForResponse(
        (res) => res.url() === `${E2E_ORIGIN}/settings` && res.request().resourceType() === "document",
      );
      await page.goto(`http://127.0.0.1:${attackerPort}/`);
      // Next.js refuses the action ("Invalid Server Actions request"): an error page, not the action's answer
      expect((await formAnswer).status()).toBe(500);
      // both the fetch and the form reached the server with the admin's cookie, and both were refused
      await expect.poll(() => answers.length).toBe(2);
      expect(answers).toEqual([500, 500]);
    } finally {
      await new Promise<void>((resolve) => attacker.close(() => resolve()));
    }
    expect(await wasNotCreated(request, target)).toBe(true);
  });

  test("the same form posted from the console's own origin runs the action (so the refusal above is the origin's)", async ({ request }) => {
    const target = email("csrf-own-form");
    const boundary = "----e2e" + randomBytes(6).toString("hex");
    const res = await request.post("/settings", {
      headers: { origin: E2E_ORIGIN, "content-type": `multipart/form-data; boundary=${boundary}` },
      data: actionForm(boundary, { email: target, role: "support", password: PASSWORD }),
      maxRedirects: 0,
    });
    expect(res.status()).toBeLessThan(400);
    expect(await wasNotCreated(request, target)).toBe(false);
  });

  test("a server action refuses a cross-origin call and creates nothing; same-origin works", async ({ request }) => {
    const target = email("csrf-api");
    const input = { email: target, role: "admin", password: PASSWORD };
    // another origin (port), an opaque origin ("null": sandboxed frames, some redirects), another host name for the same server
    for (const origin of [OTHER_ORIGIN, "null", `http://localhost:${port}`]) {
      const res = await callAction(request, ACTIONS.createConsoleUser, input, { headers: { origin } });
      expect(res.status, origin).toBe(500);
      expect(res.result, origin).toBeUndefined();
    }
    // a foreign Referer without Origin, and a write that names no origin at all (browsers always send Origin on a POST)
    const viaForeignReferer = await callAction(request, ACTIONS.createConsoleUser, input, {
      omit: ["origin"],
      headers: { referer: `${OTHER_ORIGIN}/page` },
    });
    expect(viaForeignReferer.result).toEqual({ error: { code: "forbidden", message: "This request comes from another origin." } });
    const anonymous = await callAction(request, ACTIONS.createConsoleUser, input, { omit: ["origin"] });
    expect(anonymous.result).toMatchObject({ error: { code: "forbidden", message: expect.stringContaining("Origin") } });
    expect(await wasNotCreated(request, target)).toBe(true);

    // the console's own origin, by Origin or (when a client sends none) by Referer, is welcome
    const ok = await callAction(request, ACTIONS.createConsoleUser, { email: email("csrf-ok"), role: "support", password: PASSWORD });
    expect(actionData(ok)).toMatchObject({ role: "support" });
    const viaReferer = await callAction(
      request,
      ACTIONS.createConsoleUser,
      { email: email("csrf-referer"), role: "support", password: PASSWORD },
      { omit: ["origin"], headers: { referer: `${E2E_ORIGIN}/settings` } },
    );
    expect(actionData(viaReferer)).toMatchObject({ role: "support" });
  });

  test("the encodings a cross-site page can send (text/plain, form-encoded, multipart) are refused from another origin", async ({
    request,
  }) => {
    const id = serverActionId(ACTIONS.createConsoleUser);
    const boundary = "----e2e" + randomBytes(6).toString("hex");
    const fields = (target: string) => ({ email: target, role: "admin", password: PASSWORD });
    // text/plain (a no-cors fetch's body) and multipart (a form's) reach the action handler, which
    // refuses them for their origin; Next.js runs no action from a form-encoded body at all (it renders the page).
    const bodies: [string, (target: string) => string, Record<string, string>, number][] = [
      ["text/plain", (target) => JSON.stringify([fields(target)]), { "next-action": id, accept: "text/x-component" }, 500],
      [
        "application/x-www-form-urlencoded",
        (target) => new URLSearchParams({ [`$ACTION_ID_${id}`]: "", ...fields(target) }).toString(),
        {},
        200,
      ],
      [`multipart/form-data; boundary=${boundary}`, (target) => actionForm(boundary, fields(target)), {}, 500],
    ];
    for (const [type, body, extra, status] of bodies) {
      const target = email("csrf-text");
      const res = await request.post("/settings", {
        headers: { ...extra, origin: OTHER_ORIGIN, "content-type": type },
        data: body(target),
        maxRedirects: 0,
      });
      expect(res.status(), type).toBe(status);
      expect(await wasNotCreated(request, target), type).toBe(true);
    }
  });

  test("server actions: Next.js refuses one from another origin, and nothing is created; same-origin works", async ({ request }) => {
    const target = email("csrf-action");
    const call = (origin: string) =>
      callAction(request, ACTIONS.createConsoleUser, { email: target, role: "admin", password: PASSWORD }, { headers: { origin } });
    const refused = await call(OTHER_ORIGIN);
    expect(refused.status).toBe(500);
    // the action did not run: creating that user now works
    expect(await wasNotCreated(request, target)).toBe(true);
    // from the console's own origin the same action runs (the user now exists: a conflict, not a refusal)
    const sameOrigin = await call(E2E_ORIGIN);
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.text).toContain("A console user with this email already exists.");
  });
});

test.describe("next-auth endpoints", () => {
  const sessionEmail = async (client: HttpClient) =>
    (await client.send("GET", "/api/auth/session")).json<{ user?: { email: string } }>().user?.email;

  test("sign-out from another origin is refused and the session lives on; from ours it ends", async () => {
    const admin = new HttpClient();
    expect(await admin.signInConsole(E2E_USERS.admin.email, E2E_USERS.admin.password)).toMatchObject({ ok: true });
    const { csrfToken } = (await admin.send("GET", "/api/auth/csrf")).json<{ csrfToken: string }>();
    const forged = await admin.send("POST", "/api/auth/signout", { form: { csrfToken, json: "true" }, headers: { origin: OTHER_ORIGIN } });
    expect(forged.status).toBe(403);
    expect(forged.json()).toMatchObject({ code: "forbidden", status: 403 });
    expect(await sessionEmail(admin)).toBe(E2E_USERS.admin.email);

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
    expect(await sessionEmail(victim)).toBeUndefined();
  });
});
