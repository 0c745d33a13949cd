import "server-only";
import { AppError } from "@/lib/errors";
import { isSessionActive } from "@/lib/server/app-users/sessions";
import { verifyAccessToken } from "@/lib/server/app-users/tokens";
import { userForExternalToken, verifyExternalToken } from "@/lib/server/app-users/external-idp";

/** Who an app request comes from. `sessionId` is null for tokens of the company's own IdP. */
export type AppPrincipal = { userId: string; sessionId: string | null };

/** Resolves `Authorization: Bearer …` to an app user; throws 401 for anything else. */
export async function resolveBearer(header: string | null): Promise<AppPrincipal> {
  const match = header ? /^Bearer\s+([A-Za-z0-9._~+/=-]{10,4096})$/i.exec(header.trim()) : null;
  if (!match?.[1]) throw new AppError("unauthenticated", "Send an access token as `Authorization: Bearer <token>`.");
  const token = match[1];
  const own = await verifyAccessToken(token);
  if (own.ok) {
    if (!(await isSessionActive(own.claims.sessionId, own.claims.userId)))
      throw new AppError("unauthenticated", "The session was signed out. Sign in again.");
    return { userId: own.claims.userId, sessionId: own.claims.sessionId };
  }
  if (own.reason === "expired") throw new AppError("unauthenticated", "The access token has expired. Refresh it.");
  const external = await verifyExternalToken(token);
  if (external) {
    const user = await userForExternalToken(external);
    return { userId: user.id, sessionId: null };
  }
  throw new AppError("unauthenticated", "The access token is invalid.");
}
