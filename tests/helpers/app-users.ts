import { randomBytes } from "node:crypto";
import { decodeJwt } from "jose";
import { expect } from "vitest";
import { POST as signUp } from "@/app/api/v1/auth/sign-up/route";
import { signAccessToken } from "@/lib/server/app-users/tokens";
import { call } from "./app-harness";

// Signs up a fresh app user through the real endpoint and returns its tokens.

export type TestAppUser = { id: string; email: string; password: string; token: string; refreshToken: string };

/** A new app user, signed in. Each call uses a different IP so sign-up rate limits do not interfere. */
export async function newAppUser(prefix = "user"): Promise<TestAppUser> {
  const email = `${prefix}-${randomBytes(4).toString("hex")}@example.com`;
  const password = "a long enough password";
  const res = await call(signUp, {
    path: "/api/v1/auth/sign-up",
    body: { email, password },
    headers: { "x-forwarded-for": `203.0.113.${randomBytes(1)[0]}` },
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${res.text}`);
  const body = res.body as { user: { id: string }; tokens: { access_token: string; refresh_token: string } };
  return { id: body.user.id, email, password, token: body.tokens.access_token, refreshToken: body.tokens.refresh_token };
}

/** The problem detail the API answers for an expired access token. */
export const EXPIRED_TOKEN_DETAIL = "The access token has expired. Refresh it.";

/**
 * An access token for `user`'s live session, signed with the server's real key by the server's own
 * code, but issued a day ago so it expired long since: only its `exp` makes the API refuse it.
 * (`issuedAt` = now gives a token that works, which the auth tests use to prove exactly that.)
 */
export async function accessTokenIssuedAt(user: Pick<TestAppUser, "token">, issuedAt: Date): Promise<string> {
  const claims = decodeJwt(user.token);
  if (typeof claims.sub !== "string" || typeof claims.sid !== "string") throw new Error("not one of our access tokens");
  return (await signAccessToken({ userId: claims.sub, sessionId: claims.sid }, issuedAt)).token;
}

/** An expired access token for `user`'s live session (see accessTokenIssuedAt). */
export function expiredAccessToken(user: Pick<TestAppUser, "token">): Promise<string> {
  return accessTokenIssuedAt(user, new Date(Date.now() - 24 * 60 * 60 * 1000));
}

/** Asserts the answer is the 401 problem the API gives for an expired (not a forged) token. */
export function expectExpiredTokenRefused(res: { status: number; headers: Headers; body: unknown }): void {
  expect(res.status).toBe(401);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body).toMatchObject({ status: 401, code: "unauthenticated", detail: EXPIRED_TOKEN_DETAIL });
}
