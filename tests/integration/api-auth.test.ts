import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { POST as refresh } from "@/app/api/v1/auth/refresh/route";
import { POST as signIn } from "@/app/api/v1/auth/sign-in/route";
import { POST as signOut } from "@/app/api/v1/auth/sign-out/route";
import { POST as signUp } from "@/app/api/v1/auth/sign-up/route";
import { GET as me } from "@/app/api/v1/me/route";
import { GET as listNodes, POST as registerNode } from "@/app/api/v1/tss-nodes/route";
import { call, setupAppHarness } from "../helpers/app-harness";
import { accessTokenIssuedAt, expectExpiredTokenRefused, expiredAccessToken, newAppUser } from "../helpers/app-users";

const app = setupAppHarness();

/** Asserts the 429 problem with a Retry-After of at most the limit's window. */
function expectRateLimited(res: Awaited<ReturnType<typeof call>>, windowSeconds: number): void {
  expect(res.status).toBe(429);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body).toMatchObject({
    type: "https://ucw-console.dev/problems/rate-limited",
    title: "Too many requests",
    status: 429,
    code: "rate_limited",
  });
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

describe("app sign-up and sign-in", () => {
  it("signs up, answers a token pair, and the token reaches /me", async () => {
    const res = await call(signUp, {
      path: "/api/v1/auth/sign-up",
      body: { email: "Alice@Example.com", password: "correct horse battery" },
    });
    expect(res.status).toBe(201);
    const body = res.body as {
      user: { email: string };
      tokens: { access_token: string; token_type: string; expires_in: number; refresh_token: string };
    };
    expect(body.user.email).toBe("alice@example.com");
    expect(body.tokens).toMatchObject({ token_type: "Bearer", expires_in: 900 });
    const mine = await call(me, { path: "/api/v1/me", token: body.tokens.access_token });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ email: "alice@example.com", vault_id: null, tss_nodes: [] });
    const row = await app.db.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    expect(row.passwordHash).not.toContain("correct horse");
  });

  it("refuses a second account for the same email and changes nothing", async () => {
    const u = await newAppUser("dup");
    const res = await call(signUp, { path: "/api/v1/auth/sign-up", body: { email: u.email, password: "another long password" } });
    expect(res.status).toBe(409);
    expect(await app.db.user.count({ where: { email: u.email } })).toBe(1);
  });

  it("answers 422 naming every bad field", async () => {
    const res = await call(signUp, { path: "/api/v1/auth/sign-up", body: { email: "nope", password: "short" } });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect((res.body as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual(["body.email", "body.password"]);
  });

  it("signs in with the right password only, with one message for every failure", async () => {
    const u = await newAppUser("signin");
    const ok = await call(signIn, { path: "/api/v1/auth/sign-in", body: { email: u.email.toUpperCase(), password: u.password } });
    expect(ok.status).toBe(200);
    const wrong = await call(signIn, { path: "/api/v1/auth/sign-in", body: { email: u.email, password: "not the password!" } });
    const unknown = await call(signIn, {
      path: "/api/v1/auth/sign-in",
      body: { email: "ghost@example.com", password: "not the password!" },
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect((wrong.body as { detail: string }).detail).toBe((unknown.body as { detail: string }).detail);
  });

  it("locks an account's sign-in only for the client that keeps failing; the owner elsewhere still gets in", async () => {
    const u = await newAppUser("limited");
    const from = (ip: string, password: string) =>
      call(signIn, { path: "/api/v1/auth/sign-in", body: { email: u.email, password }, headers: { "x-forwarded-for": ip } });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await from("198.51.100.7", "wrong password!!");
      statuses.push(res.status);
      if (res.status === 429) expectRateLimited(res, 15 * 60);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // the guesser is locked out, even with the right password, and no session is opened for it
    const sessions = await app.db.appSession.count({ where: { userId: u.id } });
    expectRateLimited(await from("198.51.100.7", u.password), 15 * 60);
    expect(await app.db.appSession.count({ where: { userId: u.id } })).toBe(sessions);
    // the owner, on another address, is not
    expect((await from("198.51.100.8", u.password)).status).toBe(200);
  });

  it("counts only failures: many correct sign-ins in a row are never refused, and one resets the client's failures", async () => {
    const u = await newAppUser("often");
    const from = (password: string) =>
      call(signIn, { path: "/api/v1/auth/sign-in", body: { email: u.email, password }, headers: { "x-forwarded-for": "198.51.100.20" } });
    for (let i = 0; i < 12; i++) expect((await from(u.password)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await from("wrong password!!")).status).toBe(401);
    expect((await from(u.password)).status).toBe(200);
    // the success cleared the nine failures: nine more are still answered 401, not 429
    for (let i = 0; i < 9; i++) expect((await from("wrong password!!")).status).toBe(401);
  });

  it("rate-limits sign-in attempts per IP, whatever the account, and only that IP", async () => {
    const u = await newAppUser("ip-limited");
    const ip = "192.0.2.10";
    // 30 a minute: thirty argon2 checks take a few seconds, far inside the window
    for (let i = 0; i < 30; i++) {
      const res = await call(signIn, {
        path: "/api/v1/auth/sign-in",
        body: { email: `ghost-${i}@example.com`, password: "not the password!" },
        headers: { "x-forwarded-for": ip },
      });
      expect(res.status).toBe(401);
    }
    // even the right password is refused from that IP now, and no session is opened
    const sessions = await app.db.appSession.count({ where: { userId: u.id } });
    expectRateLimited(
      await call(signIn, {
        path: "/api/v1/auth/sign-in",
        body: { email: u.email, password: u.password },
        headers: { "x-forwarded-for": ip },
      }),
      60,
    );
    expect(await app.db.appSession.count({ where: { userId: u.id } })).toBe(sessions);
    expect(
      (
        await call(signIn, {
          path: "/api/v1/auth/sign-in",
          body: { email: u.email, password: u.password },
          headers: { "x-forwarded-for": "192.0.2.11" },
        })
      ).status,
    ).toBe(200);
  });

  it("rate-limits sign-ups per IP", async () => {
    const ip = "192.0.2.20";
    const signUpFrom = (email: string, from: string) =>
      call(signUp, {
        path: "/api/v1/auth/sign-up",
        body: { email, password: "a long enough password" },
        headers: { "x-forwarded-for": from },
      });
    for (let i = 0; i < 10; i++) expect((await signUpFrom(`many-${i}@example.com`, ip)).status).toBe(201);
    expectRateLimited(await signUpFrom("many-10@example.com", ip), 60 * 60);
    expect(await app.db.user.count({ where: { email: "many-10@example.com" } })).toBe(0);
    // the same address from another IP is welcome
    expect((await signUpFrom("many-10@example.com", "192.0.2.21")).status).toBe(201);
  });

  it("rate-limits sign-ups per email address, from any IP", async () => {
    const email = "wanted@example.com";
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await call(signUp, {
        path: "/api/v1/auth/sign-up",
        body: { email: i % 2 ? email.toUpperCase() : email, password: "a long enough password" },
        headers: { "x-forwarded-for": `192.0.2.${30 + i}` },
      });
      statuses.push(res.status);
      if (res.status === 429) expectRateLimited(res, 60 * 60);
    }
    expect(statuses).toEqual([201, 409, 409, 409, 409, 429, 429]);
    expect(await app.db.user.count({ where: { email } })).toBe(1);
    // another address from the last IP is not affected
    expect(
      (
        await call(signUp, {
          path: "/api/v1/auth/sign-up",
          body: { email: "other@example.com", password: "a long enough password" },
          headers: { "x-forwarded-for": "192.0.2.36" },
        })
      ).status,
    ).toBe(201);
  });
});

describe("tokens", () => {
  it("rotates refresh tokens; reusing a spent one signs the session out", async () => {
    const u = await newAppUser("rotate");
    const first = await call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: u.refreshToken } });
    expect(first.status).toBe(200);
    const pair = first.body as { access_token: string; refresh_token: string };
    expect(pair.refresh_token).not.toBe(u.refreshToken);
    expect((await call(me, { path: "/api/v1/me", token: pair.access_token })).status).toBe(200);
    // the new refresh token is used: from now on the old one can only be a thief's copy
    const second = await call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: pair.refresh_token } });
    expect(second.status).toBe(200);
    const latest = second.body as { access_token: string; refresh_token: string };

    const replay = await call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: u.refreshToken } });
    expect(replay.status).toBe(401);
    // the thief's replay revoked the whole session: the new tokens are dead too
    expect((await call(me, { path: "/api/v1/me", token: latest.access_token })).status).toBe(401);
    expect((await call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: latest.refresh_token } })).status).toBe(401);
  });

  it("a refresh retried after a lost answer gets a fresh pair; the pair it never received is retired", async () => {
    const u = await newAppUser("retry");
    const lost = await call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: u.refreshToken } });
    expect(lost.status).toBe(200);
    const lostPair = lost.body as { access_token: string; refresh_token: string };
    // the app never saw that answer and sends the same refresh token again
    const retry = await call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: u.refreshToken } });
    expect(retry.status).toBe(200);
    const pair = retry.body as { access_token: string; refresh_token: string };
    expect(pair.refresh_token).not.toBe(lostPair.refresh_token);
    expect((await call(me, { path: "/api/v1/me", token: pair.access_token })).status).toBe(200);
    // the session lives on: the retried pair rotates normally
    const next = await call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: pair.refresh_token } });
    expect(next.status).toBe(200);
    // the lost refresh token was retired: whoever presents it is treated as a thief
    expect((await call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: lostPair.refresh_token } })).status).toBe(401);
    expect((await call(me, { path: "/api/v1/me", token: (next.body as { access_token: string }).access_token })).status).toBe(401);
  });

  it("no grace once the window has passed: a late replay of a spent token revokes the session", async () => {
    const u = await newAppUser("late");
    const first = await call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: u.refreshToken } });
    const pair = first.body as { access_token: string };
    // the token was spent a minute ago (the grace window is 30 seconds)
    const { hashRefreshToken } = await import("@/lib/server/app-users/tokens");
    await app.db.refreshToken.update({
      where: { tokenHash: hashRefreshToken(u.refreshToken) },
      data: { usedAt: new Date(Date.now() - 60_000) },
    });
    expect((await call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: u.refreshToken } })).status).toBe(401);
    expect((await call(me, { path: "/api/v1/me", token: pair.access_token })).status).toBe(401);
  });

  it("two refreshes racing with the same token both get a pair, and the session survives", async () => {
    const u = await newAppUser("race");
    const [a, b] = await Promise.all([
      call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: u.refreshToken } }),
      call(refresh, { path: "/api/v1/auth/refresh", body: { refresh_token: u.refreshToken } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const session = await app.db.appSession.findFirstOrThrow({ where: { userId: u.id } });
    expect(session.revokedAt).toBeNull();
    // exactly one of the two new refresh tokens is live (the other was retired by the later one)
    const live = await app.db.refreshToken.count({ where: { sessionId: session.id, usedAt: null } });
    expect(live).toBe(1);
  });

  it("sign-out revokes the access token at once", async () => {
    const u = await newAppUser("signout");
    expect((await call(signOut, { path: "/api/v1/auth/sign-out", method: "POST", token: u.token })).status).toBe(204);
    const after = await call(me, { path: "/api/v1/me", token: u.token });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: "unauthenticated", detail: "The session was signed out. Sign in again." });
  });

  it("refuses missing, malformed and forged tokens", async () => {
    expect((await call(me, { path: "/api/v1/me" })).status).toBe(401);
    expect((await call(me, { path: "/api/v1/me", headers: { authorization: "Basic abc" } })).status).toBe(401);
    const forged = await new SignJWT({ sid: "x" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("someone")
      .setIssuer("ucw-console")
      .setAudience("ucw-client-api")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("not-our-secret-not-our-secret-xx"));
    expect((await call(me, { path: "/api/v1/me", token: forged })).body).toMatchObject({
      status: 401,
      code: "unauthenticated",
      detail: "The access token is invalid.",
    });
  });

  it("refuses a token signed with the server's key once it has expired, and says so", async () => {
    const u = await newAppUser("expired");
    // The same claims and key, issued now, work: only the expiry tells the two apart.
    expect((await call(me, { path: "/api/v1/me", token: await accessTokenIssuedAt(u, new Date()) })).status).toBe(200);
    expectExpiredTokenRefused(await call(me, { path: "/api/v1/me", token: await expiredAccessToken(u) }));
  });
});

describe("TSS nodes", () => {
  it("registers a device's node once; the same node for another user is a conflict", async () => {
    const a = await newAppUser("nodes-a");
    const b = await newAppUser("nodes-b");
    const first = await call(registerNode, {
      path: "/api/v1/tss-nodes",
      token: a.token,
      body: { tss_node_id: "coboNodeAAAA1111", label: "Alice's phone" },
    });
    expect(first.status).toBe(201);
    const again = await call(registerNode, { path: "/api/v1/tss-nodes", token: a.token, body: { tss_node_id: "coboNodeAAAA1111" } });
    expect(again.status).toBe(200);
    const other = await call(registerNode, { path: "/api/v1/tss-nodes", token: b.token, body: { tss_node_id: "coboNodeAAAA1111" } });
    expect(other.status).toBe(409);
    const list = await call(listNodes, { path: "/api/v1/tss-nodes", token: a.token });
    expect(list.body).toMatchObject({ data: [{ tss_node_id: "coboNodeAAAA1111", label: "Alice's phone", groups: [] }] });
    expect(await call(listNodes, { path: "/api/v1/tss-nodes", token: b.token })).toMatchObject({ body: { data: [] } });
  });

  it("refuses a malformed node id", async () => {
    const a = await newAppUser("nodes-bad");
    const res = await call(registerNode, { path: "/api/v1/tss-nodes", token: a.token, body: { tss_node_id: "x y" } });
    expect(res.status).toBe(422);
    expect(await app.db.tssNode.count({ where: { userId: a.id } })).toBe(0);
  });
});
