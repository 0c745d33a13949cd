import { afterEach, describe, expect, it } from "vitest";
import { buildAuthOptions } from "@/lib/http/auth-options";
import { resetEnvCache } from "@/lib/env";

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  resetEnvCache();
});

function withEnv(vars: Record<string, string>) {
  Object.assign(process.env, { AUTH_SECRET: "s".repeat(32), ...vars });
  resetEnvCache();
  return buildAuthOptions();
}

describe("console auth configuration", () => {
  it("offers email and password only, with JWT sessions that expire", () => {
    const opts = withEnv({ AUTH_SESSION_MAX_AGE_SECONDS: "3600" });
    expect(opts.providers.map((p) => p.id)).toEqual(["credentials"]);
    expect(opts.session).toEqual({ strategy: "jwt", maxAge: 3600 });
    expect(opts.pages?.signIn).toBe("/sign-in");
  });

  it("adds the OIDC provider (PKCE and state checks) when it is configured", () => {
    const opts = withEnv({
      AUTH_OIDC_ISSUER: "https://id.example.com/",
      AUTH_OIDC_CLIENT_ID: "console",
      AUTH_OIDC_CLIENT_SECRET: "s3cret",
      AUTH_OIDC_NAME: "Okta",
    });
    const oidc = opts.providers.find((p) => p.id === "oidc") as unknown as {
      name: string;
      wellKnown: string;
      checks: string[];
      clientId: string;
    };
    expect(oidc).toMatchObject({ name: "Okta", wellKnown: "https://id.example.com/.well-known/openid-configuration", clientId: "console" });
    expect(oidc.checks).toEqual(["pkce", "state"]);
  });
});
