import { randomBytes } from "node:crypto";
import { POST as signUp } from "@/app/api/v1/auth/sign-up/route";
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
