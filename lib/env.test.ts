import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const SEED = "a".repeat(64);

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("runs on embedded defaults: sandbox Cobo on the local port, scheme 2-2", () => {
    const env = parseEnv({});
    expect(env.COBO_ENV).toBe("sandbox");
    expect(env.COBO_BASE_URL).toBe("http://127.0.0.1:4010/v2");
    expect(env.UCW_SCHEME).toBe("2-2");
    expect(env.UCW_COSIGNER_NODE_IDS).toEqual([]);
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_KIND).toBe("postgres");
    expect(env.AUTH_OIDC_ENABLED).toBe(false);
  });

  it("derives Cobo's dev and prod base URLs from COBO_ENV alone", () => {
    expect(parseEnv({ COBO_ENV: "dev", COBO_API_SECRET: SEED, COBO_PROJECT_ID: "p1" }).COBO_BASE_URL).toBe("https://api.dev.cobo.com/v2");
    expect(parseEnv({ COBO_ENV: "prod", COBO_API_SECRET: SEED, COBO_PROJECT_ID: "p1" }).COBO_BASE_URL).toBe("https://api.cobo.com/v2");
    expect(parseEnv({ COBO_SANDBOX_PORT: "4999" }).COBO_BASE_URL).toBe("http://127.0.0.1:4999/v2");
  });

  it("names the variable and what it expects when a value is wrong", () => {
    expect(problems({ COBO_ENV: "staging" })).toEqual([expect.stringMatching(/^COBO_ENV: must be one of sandbox, dev, prod/)]);
    expect(problems({ COBO_API_SECRET: "xyz" })).toEqual([expect.stringMatching(/^COBO_API_SECRET: must be a 32-byte hex Ed25519 seed/)]);
    expect(problems({ DATABASE_URL: "mysql://x" })).toEqual([
      expect.stringMatching(/^DATABASE_URL: must be a postgresql:\/\/ connection URL/),
    ]);
    expect(problems({ PORT: "-1" })[0]).toMatch(/^PORT:/);
    expect(problems({ AUTH_SECRET: "short" })[0]).toMatch(/^AUTH_SECRET: must be at least 32 characters/);
  });

  it("requires the Cobo key and project outside the sandbox", () => {
    const list = problems({ COBO_ENV: "prod" });
    expect(list).toContain("COBO_API_SECRET: is required when COBO_ENV=prod");
    expect(list).toContain("COBO_PROJECT_ID: is required when COBO_ENV=prod");
  });

  it("requires all three OIDC settings once one is given", () => {
    expect(problems({ AUTH_OIDC_ISSUER: "https://id.example.com" })).toEqual([
      "AUTH_OIDC_CLIENT_ID: is required when any AUTH_OIDC_* variable is set",
      "AUTH_OIDC_CLIENT_SECRET: is required when any AUTH_OIDC_* variable is set",
    ]);
    const env = parseEnv({ AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_CLIENT_ID: "c", AUTH_OIDC_CLIENT_SECRET: "s" });
    expect(env.AUTH_OIDC_ENABLED).toBe(true);
  });

  it("requires a server co-signer node for the 2-3 and 3-3 schemes", () => {
    expect(problems({ UCW_SCHEME: "2-3" })).toEqual([
      "UCW_COSIGNER_NODE_IDS: must list the server co-signer TSS node id for UCW_SCHEME=2-3",
    ]);
    expect(parseEnv({ UCW_SCHEME: "3-3", UCW_COSIGNER_NODE_IDS: " n1 , n2 " }).UCW_COSIGNER_NODE_IDS).toEqual(["n1", "n2"]);
  });

  it("requires TOTP for console admins by default only in production against Cobo's prod", () => {
    const prod = { COBO_ENV: "prod", COBO_API_SECRET: SEED, COBO_PROJECT_ID: "p1" };
    expect(parseEnv({ ...prod, NODE_ENV: "production" }).CONSOLE_ADMIN_TOTP).toBe("required");
    expect(parseEnv({ ...prod, NODE_ENV: "development" }).CONSOLE_ADMIN_TOTP).toBe("optional");
    expect(parseEnv({ NODE_ENV: "production" }).CONSOLE_ADMIN_TOTP).toBe("optional");
    expect(parseEnv({ COBO_ENV: "dev", COBO_API_SECRET: SEED, COBO_PROJECT_ID: "p1", NODE_ENV: "production" }).CONSOLE_ADMIN_TOTP).toBe(
      "optional",
    );
    expect(parseEnv({ ...prod, NODE_ENV: "production", CONSOLE_ADMIN_TOTP: "optional" }).CONSOLE_ADMIN_TOTP).toBe("optional");
    expect(parseEnv({ CONSOLE_ADMIN_TOTP: " required " }).CONSOLE_ADMIN_TOTP).toBe("required");
    expect(parseEnv({ CONSOLE_ADMIN_TOTP: "" }).CONSOLE_ADMIN_TOTP).toBe("optional");
    expect(problems({ CONSOLE_ADMIN_TOTP: "yes" })).toEqual([expect.stringMatching(/^CONSOLE_ADMIN_TOTP: must be required or optional/)]);
  });

  it("treats blank values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "  ", COBO_PROJECT_ID: "" }).DATABASE_URL).toBeUndefined();
  });
});
