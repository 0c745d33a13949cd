import "server-only";
import { env } from "@/lib/env";

export type SignInOptions = {
  /** Where to go after signing in: always a path on this site, never another origin. */
  callbackUrl: string;
  oidc: { enabled: boolean; name: string };
  /** A next-auth error code from the query string, reduced to what the form may say about it. */
  error: "credentials" | "session-required" | "sso" | null;
};

const DEFAULT_CALLBACK = "/dashboard";

/**
 * The callbackUrl comes from the query string, so it is untrusted: accept a same-site path or an
 * absolute URL on APP_URL's origin (next-auth builds those), and nothing else (no open redirect).
 */
function safeCallbackUrl(raw: unknown): string {
  const value = Array.isArray(raw) ? (raw[0] as unknown) : raw;
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return DEFAULT_CALLBACK;
  try {
    const base = new URL(env.APP_URL);
    const url = new URL(value, base);
    if (url.origin !== base.origin) return DEFAULT_CALLBACK;
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Never bounce back to the sign-in page itself (a loop after signing in).
    if (!path.startsWith("/") || path.startsWith("//") || url.pathname.startsWith("/sign-in")) return DEFAULT_CALLBACK;
    return path;
  } catch {
    return DEFAULT_CALLBACK;
  }
}

function errorKind(raw: unknown): SignInOptions["error"] {
  const value = Array.isArray(raw) ? (raw[0] as unknown) : raw;
  if (typeof value !== "string" || value === "") return null;
  if (value === "CredentialsSignin") return "credentials";
  if (value === "SessionRequired") return "session-required";
  // OAuthSignin, OAuthCallback, AccessDenied, Callback, …: say only that SSO failed.
  return "sso";
}

/** What the sign-in page needs from the request and the configuration. */
export function getSignInOptions(searchParams: Record<string, string | string[] | undefined>): SignInOptions {
  return {
    callbackUrl: safeCallbackUrl(searchParams.callbackUrl),
    oidc: { enabled: env.AUTH_OIDC_ENABLED, name: env.AUTH_OIDC_NAME },
    error: errorKind(searchParams.error),
  };
}
