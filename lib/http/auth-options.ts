import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { openConsoleSession, resolveConsoleSession, revokeConsoleSession } from "@/lib/server/console-users/console-sessions";
import { signInConsoleUser, type ConsoleSignIn } from "@/lib/server/console-users/sign-in-console-user";
import { clientIp } from "@/lib/http/client-ip";

// Console sign-in (support staff and project admins; app users never sign in here). Email and
// password, plus an optional OIDC provider; OIDC only admits people an admin has already added
// as console users (matched by verified email), so the IdP decides who you are, we decide your role.
// A user with TOTP on gives its code with the password (sign-in-console-user.ts); an OIDC sign-in
// asks for no code: the identity provider's own second factor is trusted (docs/architecture.md).

/** The error next-auth reports to the sign-in form when too many attempts were made. */
export const CONSOLE_SIGN_IN_RATE_LIMITED = "rate_limited";
/** The error next-auth reports to the sign-in form when the password was right and a TOTP code must come with it. */
export const CONSOLE_SIGN_IN_CODE_REQUIRED = "code_required";

const credentials = z.object({ email: z.string().max(254), password: z.string().max(256), code: z.string().max(32).optional() });

/** The next-auth configuration, built from the validated environment. */
export function buildAuthOptions(): NextAuthOptions {
  const env = getEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Authentication code", type: "text" },
      },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        // Guessing passwords (and codes) is slowed as on the Client API: only failures count, per
        // client and per account and client (withSignInGuard, in signInConsoleUser). next-auth hands
        // the thrown message to the sign-in form as result.error.
        let outcome: ConsoleSignIn;
        try {
          const ip = clientIp(new Headers((req?.headers ?? {}) as Record<string, string>));
          outcome = await signInConsoleUser({ ...parsed.data, ip });
        } catch (error) {
          if (isAppError(error) && error.code === "rate_limited") {
            logger.warn({ event: "console.sign_in_rate_limited" }, "console sign-in rate limited");
            throw new Error(CONSOLE_SIGN_IN_RATE_LIMITED);
          }
          throw error;
        }
        if ("failure" in outcome) {
          if (outcome.failure === "code_required") {
            logger.info({ event: "console.sign_in_code_required" }, "console sign-in needs a TOTP code");
            throw new Error(CONSOLE_SIGN_IN_CODE_REQUIRED);
          }
          logger.warn({ event: "console.sign_in_failed" }, "console sign-in failed");
          return null;
        }
        const { user } = outcome;
        logger.info({ event: "console.sign_in", consoleUserId: user.id }, "console sign-in");
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ];
  if (env.AUTH_OIDC_ENABLED) {
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.AUTH_OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.AUTH_OIDC_CLIENT_ID,
      clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null, role: "support" as const };
      },
    });
  }
  return {
    secret: env.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.AUTH_SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: env.AUTH_SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    logger: {
      error: (code) => logger.error({ event: "next_auth.error", code }, "auth error"),
      warn: (code) => logger.warn({ event: "next_auth.warn", code }, "auth warning"),
      debug: () => undefined,
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        const email = typeof profile?.email === "string" ? profile.email.toLowerCase() : undefined;
        const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified;
        if (!email || verified === false) return false;
        const consoleUser = await db.consoleUser.findUnique({ where: { email }, select: { id: true, disabled: true, role: true } });
        if (!consoleUser || consoleUser.disabled) {
          logger.warn({ event: "console.oidc_unknown_user" }, "OIDC sign-in for a person who is not a console user");
          return false;
        }
        await db.consoleUser.update({
          where: { id: consoleUser.id },
          data: { oidcSubject: `${env.AUTH_OIDC_ISSUER}|${account.providerAccountId}`, lastSignInAt: new Date() },
        });
        user.id = consoleUser.id;
        (user as { role?: string }).role = consoleUser.role;
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          // A sign-in: the cookie names a new server-side session, which every read checks.
          token.sub = user.id;
          token.role = (user as { role?: "admin" | "support" }).role;
          token.sid = await openConsoleSession(user.id, account?.provider === "oidc" ? "oidc" : "credentials");
        }
        return token;
      },
      async session({ session, token }) {
        // The role in the token is a hint for the UI only; authorisation re-reads the database, and
        // a revoked or expired session, or a disabled user, has no user at all.
        const current = typeof token.sid === "string" ? await resolveConsoleSession(token.sid, token.sub) : null;
        if (!current) return { ...session, user: undefined };
        return { ...session, user: current };
      },
    },
    events: {
      async signOut({ token }) {
        // Signing out ends the session on the server too: a copy of the cookie is worthless after it.
        const sid = (token as { sid?: unknown } | null)?.sid;
        if (typeof sid === "string" && (await revokeConsoleSession(sid, "sign_out"))) {
          logger.info({ event: "console.sign_out", consoleUserId: token.sub }, "console sign-out");
        }
      },
    },
  };
}
