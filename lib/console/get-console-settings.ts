import "server-only";
import { env } from "@/lib/env";
import { SANDBOX_PROJECT_SETTING } from "@/lib/server/vaults/cobo-context";
import { readSetting } from "@/lib/db/system-settings";

// An explicit allow-list of settings the console may show. Secrets (COBO_API_SECRET, AUTH_SECRET,
// AUTH_OIDC_CLIENT_SECRET, the database URL and its password, METRICS_TOKEN) are never read here,
// so no later edit of the page can leak them by accident.

export type ConsoleSettings = {
  coboEnv: "sandbox" | "dev" | "prod";
  coboBaseUrl: string;
  ucwScheme: "2-2" | "2-3" | "3-3";
  cosignerNodeIds: string[];
  appUrl: string;
  databaseKind: "pglite" | "postgres";
  oidc: { enabled: boolean; issuer: string | null; name: string };
};

/** Drops any user:password part a URL might carry, so a mistyped setting is never displayed with it. */
function withoutCredentials(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = "";
    url.password = "";
    return url.toString().replace(/\/$/, "");
  } catch {
    return raw;
  }
}

/** Non-secret deployment settings for the Settings page and the shell's environment badge. */
export function getConsoleSettings(): ConsoleSettings {
  return {
    coboEnv: env.COBO_ENV,
    coboBaseUrl: withoutCredentials(env.COBO_BASE_URL),
    ucwScheme: env.UCW_SCHEME,
    cosignerNodeIds: [...env.UCW_COSIGNER_NODE_IDS],
    appUrl: withoutCredentials(env.APP_URL),
    databaseKind: env.DATABASE_KIND,
    oidc: {
      enabled: env.AUTH_OIDC_ENABLED,
      issuer: env.AUTH_OIDC_ISSUER ? withoutCredentials(env.AUTH_OIDC_ISSUER) : null,
      name: env.AUTH_OIDC_NAME,
    },
  };
}

/**
 * The Cobo MPC project vaults are made in, and where it comes from: COBO_PROJECT_ID, or in the
 * sandbox the project this backend created on its first vault (null until then).
 */
export type CoboProjectInUse = { id: string; source: "env" | "sandbox" } | null;

export async function getCoboProjectInUse(): Promise<CoboProjectInUse> {
  if (env.COBO_PROJECT_ID) return { id: env.COBO_PROJECT_ID, source: "env" };
  if (env.COBO_ENV !== "sandbox") return null;
  const created = await readSetting<string>(SANDBOX_PROJECT_SETTING);
  return created ? { id: created, source: "sandbox" } : null;
}
