import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../fixtures";
import { ACTIONS, actionData, callAction } from "../helpers/server-action";

// Who may do what: signed out, support staff and admins, on the surfaces people use (pages, the
// console's server actions, next-auth's session, the Client API, the console's live-updates stream).
// The console has no JSON API of its own: its writes are server actions, which answer the
// console's action result.

test.describe("signed out", () => {
  test("an API route answers 401 as application/problem+json", async ({ request }) => {
    const res = await request.get("/api/v1/vault");
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    const body = await res.json();
    expect(body).toEqual({
      type: "https://ucw-console.dev/problems/unauthenticated",
      title: "Unauthenticated",
      status: 401,
      detail: "Send an access token as `Authorization: Bearer <token>`.",
      code: "unauthenticated",
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(res.headers()["x-request-id"]).toBe(body.requestId);
  });

  test("the console's live-updates stream needs a console session", async ({ request }) => {
    const res = await request.get("/api/console/live");
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "unauthenticated", detail: "Sign in to the console first." });
  });

  test("a console server action answers that the session has ended, and runs nothing", async ({ request }) => {
    const res = await callAction(request, ACTIONS.signOutEverywhere, { id: "00000000-0000-4000-8000-000000000000" });
    expect(res.status).toBe(200);
    expect(res.result).toEqual({ error: { code: "unauthenticated", message: "Your session has ended. Sign in again." } });
  });

  test("a console page redirects to sign-in and comes back afterwards", async ({ request }) => {
    const res = await request.get("/users?q=x", { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    expect(res.headers()["location"]).toBe("/sign-in?callbackUrl=%2Fusers%3Fq%3Dx");
  });

  test("the Client API answers in problem+json for paths it does not serve, /api/v1 itself included", async ({ request }) => {
    for (const path of ["/api/v1", "/api/v1/nope", "/api/v1/wallets/x/nope"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(404);
      expect(res.headers()["content-type"]).toBe("application/problem+json");
      expect(await res.json()).toMatchObject({
        code: "not_found",
        detail: "There is no such Client API endpoint. See /api/v1/openapi.json.",
      });
    }
  });

  test("a Client API route without a token names the bearer scheme (RFC 6750)", async ({ request }) => {
    const res = await request.get("/api/v1/vault");
    expect(res.status()).toBe(401);
    expect(res.headers()["www-authenticate"]).toBe('Bearer realm="ucw"');
  });

  test("an admin-only server action refuses the signed-out caller too", async ({ request }) => {
    const res = await callAction(request, ACTIONS.createConsoleUser, {
      email: "x@e2e.test",
      role: "support",
      password: "long enough password",
    });
    expect(res.result).toMatchObject({ error: { code: "unauthenticated" } });
  });
});

test.describe("as support", () => {
  test.use({ storageState: STORAGE_STATE.support });

  test("the session identifies the support user", async ({ request }) => {
    const res = await request.get("/api/auth/session");
    expect(res.status()).toBe(200);
    expect((await res.json()).user).toMatchObject({ email: "support@e2e.test", role: "support" });
  });

  test("support staff cannot run admin actions: forbidden, and nothing created", async ({ request, playwright }) => {
    const input = { email: "sneaky@e2e.test", role: "admin", password: "long enough password" };
    const res = await callAction(request, ACTIONS.createConsoleUser, input);
    expect(res.result).toEqual({ error: { code: "forbidden", message: "This action needs the admin role." } });
    // nothing was created: the same input from an admin creates the user
    const admin = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: STORAGE_STATE.admin });
    try {
      expect(actionData(await callAction<{ email: string }>(admin, ACTIONS.createConsoleUser, input))).toMatchObject({
        email: input.email,
      });
      // the refusal is in the audit log, as denied
      const audit = await admin.get("/audit-log?action=console_user.create&outcome=denied");
      expect(await audit.text()).toContain("support@e2e.test");
    } finally {
      await admin.dispose();
    }
  });
});

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("an admin adds a console user; bad input names every field", async ({ request }) => {
    const ok = await callAction(request, ACTIONS.createConsoleUser, {
      email: "New.Support@e2e.test",
      role: "support",
      password: "long enough password",
    });
    expect(actionData(ok)).toMatchObject({ email: "new.support@e2e.test", role: "support" });

    const again = await callAction(request, ACTIONS.createConsoleUser, {
      email: "new.support@e2e.test",
      role: "support",
      password: "long enough password",
    });
    expect(again.result).toEqual({ error: { code: "conflict", message: "A console user with this email already exists." } });

    const bad = await callAction(request, ACTIONS.createConsoleUser, { email: "nope", role: "root", password: "x" });
    expect(bad.result).toMatchObject({ error: { code: "invalid_input", message: "Please correct the highlighted fields." } });
    const fields = bad.result && "error" in bad.result ? (bad.result.error.fields ?? []) : [];
    expect(fields.map((e) => e.path).sort()).toEqual(["email", "password", "role"]);
  });
});
