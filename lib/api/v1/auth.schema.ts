import { z } from "zod";
import { endpoint } from "@/lib/api/v1/endpoint";
import { Timestamp } from "@/lib/api/v1/common.schema";
import { credentialsSchema } from "@/lib/server/app-users/app-users";

export const SignInBody = credentialsSchema.meta({ id: "Credentials" });
export const SignInInput = z.object({ email: z.string().max(254), password: z.string().max(256) }).meta({ id: "SignInRequest" });
export const RefreshBody = z
  .object({ refresh_token: z.string().min(10).max(200).describe("The refresh token from the last token pair") })
  .meta({ id: "RefreshRequest" });

export const TokenPairSchema = z
  .object({
    access_token: z.string().describe("Send as `Authorization: Bearer <access_token>`"),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().describe("Seconds until the access token expires"),
    refresh_token: z.string().describe("Single use: each refresh returns a new one"),
    refresh_expires_in: z.number().int(),
  })
  .meta({ id: "TokenPair" });

export const AppUserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    status: z.string().describe("active | paused"),
    created_at: Timestamp,
  })
  .meta({ id: "AppUser" });

export const SignUpResult = z.object({ user: AppUserSchema, tokens: TokenPairSchema }).meta({ id: "SignUpResult" });

/** The operations of this part of the API, by name (route files import them; lib/api/v1/endpoints.ts lists them all). */
export const authApi = {
  signUp: endpoint({
    method: "post",
    path: "/api/v1/auth/sign-up",
    tag: "Authentication",
    summary: "Create an account and sign in",
    auth: "none",
    body: SignInBody,
    responses: { 201: { description: "Account created; the app is signed in", schema: SignUpResult } },
    errors: [403, 409, 422, 429],
  }),
  signIn: endpoint({
    method: "post",
    path: "/api/v1/auth/sign-in",
    tag: "Authentication",
    summary: "Sign in with email and password",
    auth: "none",
    body: SignInInput,
    responses: { 200: { description: "Signed in", schema: TokenPairSchema } },
    errors: [422, 429],
  }),
  refresh: endpoint({
    method: "post",
    path: "/api/v1/auth/refresh",
    tag: "Authentication",
    summary: "Exchange a refresh token for a new token pair",
    description: "Refresh tokens are single use. Presenting one that was already used signs the session out.",
    auth: "none",
    body: RefreshBody,
    responses: { 200: { description: "A new token pair", schema: TokenPairSchema } },
    errors: [422, 429],
  }),
  signOut: endpoint({
    method: "post",
    path: "/api/v1/auth/sign-out",
    tag: "Authentication",
    summary: "Sign out: the session's access and refresh tokens stop working",
    auth: "bearer",
    responses: { 204: { description: "Signed out", schema: null } },
  }),
};
