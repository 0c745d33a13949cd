import "server-only";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Most companies already have accounts for their app. With APP_OIDC_* set, the Client API also
// accepts access tokens from that identity provider (verified against its JWKS: issuer, audience,
// expiry, signature), and creates the app user the first time it sees one.

let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

function keySet() {
  const env = getEnv();
  jwks ??= createRemoteJWKSet(new URL(env.APP_OIDC_JWKS_URL!), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  return jwks;
}

/** Verifies a token from the company's IdP; null when it is not one (or none is configured). */
export async function verifyExternalToken(token: string): Promise<JWTPayload | null> {
  const env = getEnv();
  if (!env.APP_OIDC_ENABLED) return null;
  try {
    const { payload } = await jwtVerify(token, keySet(), {
      issuer: env.APP_OIDC_ISSUER,
      audience: env.APP_OIDC_AUDIENCE,
      algorithms: ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"],
    });
    return payload;
  } catch {
    return null;
  }
}

/** The app user behind an external token, created on first sight (keyed by issuer and subject). */
export async function userForExternalToken(payload: JWTPayload): Promise<{ id: string; email: string }> {
  const subject = `${payload.iss}|${payload.sub}`;
  if (!payload.sub) throw new AppError("unauthenticated", "The token has no subject.");
  const existing = await db.user.findUnique({ where: { externalSubject: subject }, select: { id: true, email: true } });
  if (existing) return existing;
  const email = typeof payload.email === "string" ? payload.email.toLowerCase() : undefined;
  if (!email || payload.email_verified === false) throw new AppError("unauthenticated", "The token must carry a verified email claim.");
  try {
    return await db.user.create({ data: { email, externalSubject: subject }, select: { id: true, email: true } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent first request created it, or the email belongs to a password account.
    const again = await db.user.findUnique({ where: { externalSubject: subject }, select: { id: true, email: true } });
    if (again) return again;
    throw new AppError("conflict", "An account with this email already exists and is not linked to your identity provider.");
  }
}
