import { expect, test } from "@playwright/test";
import { SAME_ORIGIN, STORAGE_STATE } from "../fixtures";

test.describe("signed out", () => {
  test("an API route answers 401 as application/problem+json", async ({ request }) => {
    const res = await request.get("/api/console/me");
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    const body = await res.json();
    expect(body).toEqual({
      type: "https://ucw-console.dev/problems/unauthenticated",
      title: "Unauthenticated",
      status: 401,
      detail: "Sign in to the console first.",
      code: "unauthenticated",
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(res.headers()["x-request-id"]).toBe(body.requestId);
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
      expect(await res.json()).toMatchObject({ code: "not_found", detail: "There is no such Client API endpoint. See /api/v1/openapi.json." });
    }
  });

  test("a Client API route without a token names the bearer scheme (RFC 6750)", async ({ request }) => {
    const res = await request.get("/api/v1/vault");
    expect(res.status()).toBe(401);
    expect(res.headers()["www-authenticate"]).toBe('Bearer realm="ucw"');
  });

  test("an admin-only API route refuses the signed-out caller too", async ({ request }) => {
    const res = await request.post("/api/console/console-users", { data: { email: "x@e2e.test", role: "support", password: "long enough password" } });
    expect(res.status()).toBe(401);
  });
});

test.describe("as support", () => {
  test.use({ storageState: STORAGE_STATE.support });

  test("the session identifies the support user", async ({ request }) => {
    const res = await request.get("/api/console/me");
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ email: "support@e2e.test", role: "support" });
  });

  test("support staff cannot run admin actions: 403 and nothing created", async ({ request }) => {
    const res = await request.post("/api/console/console-users", {
      data: { email: "sneaky@e2e.test", role: "admin", password: "long enough password" },
      headers: SAME_ORIGIN,
    });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ code: "forbidden", status: 403 });
  });
});

test.describe("as admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("an admin adds a console user; bad input is 422 with every field named", async ({ request }) => {
    const ok = await request.post("/api/console/console-users", {
      data: { email: "New.Support@e2e.test", role: "support", password: "long enough password" },
      headers: SAME_ORIGIN,
    });
    expect(ok.status()).toBe(201);
    expect(await ok.json()).toMatchObject({ email: "new.support@e2e.test", role: "support" });

    const again = await request.post("/api/console/console-users", {
      data: { email: "new.support@e2e.test", role: "support", password: "long enough password" },
      headers: SAME_ORIGIN,
    });
    expect(again.status()).toBe(409);

    const bad = await request.post("/api/console/console-users", { data: { email: "nope", role: "root", password: "x" }, headers: SAME_ORIGIN });
    expect(bad.status()).toBe(422);
    const body = await bad.json();
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["email", "password", "role"]);
  });
});
