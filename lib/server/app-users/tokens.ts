import "server-only";
import { createHash, hkdfSync, randomBytes } from "node:crypto";
import { jwtVerify, SignJWT, errors as joseErrors } from "jose";
import { getEnv, requireEnv } from "@/lib/env";
import { processSlot } from "@/lib/process-state";

// App access tokens: short-lived JWTs (HS256, jose) naming the user and the session; the key is
// derived from AUTH_SECRET with HKDF so it differs from the console's session key. Refresh tokens
// are opaque random strings; only their SHA-256 is stored.

export const ACCESS_TOKEN_ISSUER = "ucw-console";
export const ACCESS_TOKEN_AUDIENCE = "ucw-client-api";

let key: Uint8Array | undefined;

function signingKey(): Uint8Array {
  key ??= new Uint8Array(hkdfSync("sha256", requireEnv("AUTH_SECRET"), "ucw-console", "app-access-token-v1", 32));
  return key;
}

export type AccessClaims = { userId: string; sessionId: string };

/**
 * Signs an access token for a session; valid for APP_ACCESS_TOKEN_TTL_SECONDS from `issuedAt`
 * (now; tests pass a past instant to get a genuinely expired token without waiting).
 */
export async function signAccessToken(claims: AccessClaims, issuedAt: Date = new Date()): Promise<{ token: string; expiresIn: number }> {
  const expiresIn = getEnv().APP_ACCESS_TOKEN_TTL_SECONDS;
  const iat = Math.floor(issuedAt.getTime() / 1000);
  const token = await new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject(claims.userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + expiresIn)
    .setJti(randomBytes(12).toString("base64url"))
    .sign(signingKey());
  return { token, expiresIn };
}

export type AccessTokenCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: "expired" | "invalid" | "foreign" };

/**
 * Access tokens that verified, by their exact text, until they expire (process state, so every
 * route's copy of this module shares it): a token is immutable and its signature cannot stop
 * verifying, so a repeat costs a map lookup, and the expiry is still checked on every use. Only
 * successes are kept (a forged token costs what it always did); at most VERIFIED_MAX tokens, the
 * oldest dropped first. Whether the token's session is still signed in is not cached here.
 */
const VERIFIED_MAX = 10_000;
const verifiedSlot = processSlot("appAccessTokensVerified", () => new Map<string, { claims: AccessClaims; exp: number }>(), {
  envDerived: true,
});

/** Verifies one of our access tokens; "foreign" when it was not issued by us (maybe the company IdP's). */
export async function verifyAccessToken(token: string): Promise<AccessTokenCheck> {
  const verified = verifiedSlot.get();
  const hit = verified.get(token);
  if (hit) {
    if (Math.floor(Date.now() / 1000) < hit.exp) return { ok: true, claims: hit.claims };
    verified.delete(token); // expired: verified again below, which says so
  }
  try {
    const { payload } = await jwtVerify(token, signingKey(), {
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      algorithms: ["HS256"],
    });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return { ok: false, reason: "invalid" };
    const claims = { userId: payload.sub, sessionId: payload.sid };
    if (typeof payload.exp === "number") {
      if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
      verified.set(token, { claims, exp: payload.exp });
    }
    return { ok: true, claims };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: "expired" };
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "iss") return { ok: false, reason: "foreign" };
    if (error instanceof joseErrors.JOSEAlgNotAllowed) return { ok: false, reason: "foreign" };
    return { ok: false, reason: "invalid" };
  }
}

/** A new opaque refresh token and the hash that is stored for it. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = `rt_${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashRefreshToken(token) };
}

/** SHA-256 of a refresh token (what the database keeps). */
export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
