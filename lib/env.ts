import { z } from "zod";
import { processSlot } from "@/lib/process-state";

// The one place that reads process.env. Every variable is validated here; a wrong or missing value
// stops start-up with a message naming the variable and what it expects. `.env.example` documents
// each of them. The run command (scripts/start.ts) fills the embedded defaults (PGlite URL,
// generated AUTH_SECRET and sandbox COBO_API_SECRET) before the app starts.

const hex32 = /^[0-9a-fA-F]{64}$/;

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const COBO_BASE_URLS = {
  dev: "https://api.dev.cobo.com/v2",
  prod: "https://api.cobo.com/v2",
} as const;

/** Cobo's published webhook/callback signing keys (docs/cobo.md#environments). */
export const COBO_WEBHOOK_PUBLIC_KEYS = {
  dev: "a04ea1d5fa8da71f1dcfccf972b9c4eba0a2d8aba1f6da26f49977b08a0d2718",
  prod: "8d4a482641adb2a34b726f05827dba9a9653e5857469b8749052bf4458a86729",
} as const;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_URL: z.url({ message: "must be an absolute URL such as http://localhost:3000" }).default("http://localhost:3000"),
    PORT: positiveInt(3000),
    UCW_DATA_DIR: z.string().min(1).default(".data"),
    /** A request body that sends nothing for this long is answered 408 instead of being waited for. */
    HTTP_BODY_IDLE_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100, "must be at least 100")
      .max(300_000, "must be at most 300000")
      .default(10_000),

    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
        .optional(),
    ),
    /** Set by the run command when it serves the embedded PGlite database. */
    UCW_DATABASE_KIND: z.enum(["pglite", "postgres"]).optional(),
    PGLITE_PORT: positiveInt(54329),
    DATABASE_POOL_SIZE: positiveInt(10),

    AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional()),
    AUTH_SESSION_MAX_AGE_SECONDS: positiveInt(8 * 60 * 60),
    AUTH_OIDC_ISSUER: optionalString.pipe(z.url({ message: "must be the issuer URL of an OpenID Connect provider" }).optional()),
    AUTH_OIDC_CLIENT_ID: optionalString,
    AUTH_OIDC_CLIENT_SECRET: optionalString,
    AUTH_OIDC_NAME: z.string().default("SSO"),
    /**
     * Whether console admins must use a TOTP second factor: `required` (an admin without one can
     * only enrol until they have) or `optional`. Unset: required when NODE_ENV=production and
     * COBO_ENV=prod, optional otherwise. Support staff may always choose.
     */
    CONSOLE_ADMIN_TOTP: optionalString.pipe(z.enum(["required", "optional"], { message: "must be required or optional" }).optional()),

    COBO_ENV: z.enum(["sandbox", "dev", "prod"], { message: "must be one of sandbox, dev, prod" }).default("sandbox"),
    COBO_API_SECRET: optionalString.pipe(z.string().regex(hex32, "must be a 32-byte hex Ed25519 seed (64 hex characters)").optional()),
    COBO_BASE_URL: optionalString.pipe(z.url({ message: "must be an absolute URL ending in /v2" }).optional()),
    COBO_SANDBOX_PORT: positiveInt(4010),
    COBO_PROJECT_ID: optionalString,
    COBO_WEBHOOK_PUBLIC_KEY: optionalString.pipe(z.string().regex(hex32, "must be a 32-byte hex Ed25519 public key").optional()),
    COBO_TIMEOUT_MS: positiveInt(6_000),
    COBO_CALL_BUDGET_MS: positiveInt(10_000),
    TRANSFER_RESUBMIT_MAX_AGE_SECONDS: positiveInt(15 * 60),
    /** How often getApiKeyInfo is asked whether the risk-control callback of our API key points at us. */
    COBO_CALLBACK_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
    /** How long a TSS request Cobo reports as Success may wait for its group's key share groups before it counts as failed. */
    TSS_SUCCESS_KEYS_GRACE_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .default(10 * 60),
    /**
     * Oldest Biz-Timestamp accepted on a signed webhook or callback, in seconds; 0 (the default):
     * no bound. Replays are made harmless by event-id dedupe and recorded callback decisions, not
     * by freshness; a bound below the span of Cobo's retries would lose them (docs/cobo-assumptions.md#2-are-retries-signed-afresh).
     */
    COBO_WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(0),
    COBO_WEBHOOK_MAX_BODY_BYTES: positiveInt(512 * 1024),
    /**
     * Our webhook endpoint at Cobo, for reconciliation's missed-event scan (only its events are
     * scanned): its endpoint_id, or else its URL (default APP_URL + /api/webhooks/cobo).
     */
    COBO_WEBHOOK_ENDPOINT_ID: optionalString,
    COBO_WEBHOOK_URL: optionalString.pipe(z.url({ message: "must be an absolute URL" }).optional()),

    APP_ACCESS_TOKEN_TTL_SECONDS: positiveInt(15 * 60),
    APP_REFRESH_TOKEN_TTL_SECONDS: positiveInt(30 * 24 * 60 * 60),
    APP_REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    APP_SIGNUP_PER_ADDRESS_PER_HOUR: positiveInt(10),
    APP_SIGNUP_ENABLED: z
      .enum(["true", "false"], { message: "must be true or false" })
      .default("true")
      .transform((v) => v === "true"),
    APP_OIDC_ISSUER: optionalString.pipe(z.url({ message: "must be the issuer URL of the identity provider" }).optional()),
    APP_OIDC_JWKS_URL: optionalString.pipe(z.url({ message: "must be the JWKS URL of the identity provider" }).optional()),
    APP_OIDC_AUDIENCE: optionalString,
    APP_PUSH_HOOK_URL: optionalString.pipe(z.url({ message: "must be an absolute http(s) URL" }).optional()),
    APP_PUSH_HOOK_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    /** signs the "Needs attention" alerts (falls back to APP_PUSH_HOOK_SECRET) */
    ATTENTION_ALERT_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),

    UCW_SCHEME: z.enum(["2-2", "2-3", "3-3"], { message: "must be one of 2-2, 2-3, 3-3" }).default("2-2"),
    UCW_COSIGNER_NODE_IDS: csv,

    UCW_JOBS_ENABLED: z
      .enum(["true", "false"], { message: "must be true or false" })
      .default("true")
      .transform((v) => v === "true"),
    UCW_RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(15),

    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters (e.g. `openssl rand -hex 32`)").optional()),
  })
  .superRefine((v, ctx) => {
    if (v.COBO_ENV !== "sandbox") {
      if (!v.COBO_API_SECRET)
        ctx.addIssue({ code: "custom", path: ["COBO_API_SECRET"], message: `is required when COBO_ENV=${v.COBO_ENV}` });
      if (!v.COBO_PROJECT_ID)
        ctx.addIssue({ code: "custom", path: ["COBO_PROJECT_ID"], message: `is required when COBO_ENV=${v.COBO_ENV}` });
    }
    const oidc = [v.AUTH_OIDC_ISSUER, v.AUTH_OIDC_CLIENT_ID, v.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const [name, value] of [
        ["AUTH_OIDC_ISSUER", v.AUTH_OIDC_ISSUER],
        ["AUTH_OIDC_CLIENT_ID", v.AUTH_OIDC_CLIENT_ID],
        ["AUTH_OIDC_CLIENT_SECRET", v.AUTH_OIDC_CLIENT_SECRET],
      ] as const)
        if (!value) ctx.addIssue({ code: "custom", path: [name], message: "is required when any AUTH_OIDC_* variable is set" });
    }
    const appOidc = [v.APP_OIDC_ISSUER, v.APP_OIDC_JWKS_URL, v.APP_OIDC_AUDIENCE];
    if (appOidc.some(Boolean) && !appOidc.every(Boolean)) {
      for (const [name, value] of [
        ["APP_OIDC_ISSUER", v.APP_OIDC_ISSUER],
        ["APP_OIDC_JWKS_URL", v.APP_OIDC_JWKS_URL],
        ["APP_OIDC_AUDIENCE", v.APP_OIDC_AUDIENCE],
      ] as const)
        if (!value) ctx.addIssue({ code: "custom", path: [name], message: "is required when any APP_OIDC_* variable is set" });
    }
    if (v.APP_PUSH_HOOK_URL && !v.APP_PUSH_HOOK_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["APP_PUSH_HOOK_SECRET"],
        message: "is required when APP_PUSH_HOOK_URL is set (it signs each delivery)",
      });
    const needed = v.UCW_SCHEME === "2-2" ? 0 : 1;
    if (v.UCW_COSIGNER_NODE_IDS.length < needed)
      ctx.addIssue({
        code: "custom",
        path: ["UCW_COSIGNER_NODE_IDS"],
        message: `must list the server co-signer TSS node id for UCW_SCHEME=${v.UCW_SCHEME}`,
      });
  });

type Parsed = z.infer<typeof schema>;

export type Env = Omit<Parsed, "CONSOLE_ADMIN_TOTP"> & {
  /** whether console admins must have a TOTP second factor (resolved from its default) */
  CONSOLE_ADMIN_TOTP: "required" | "optional";
  /** Cobo WaaS 2.0 base URL for the configured environment (never the SDK's silent PROD default). */
  COBO_BASE_URL: string;
  DATABASE_KIND: "pglite" | "postgres";
  AUTH_OIDC_ENABLED: boolean;
  APP_OIDC_ENABLED: boolean;
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses a raw environment; throws EnvError listing each bad variable and what it expects. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "(environment)";
        const received = issue.code === "invalid_type" && source[name] === undefined ? " (missing)" : "";
        return `${name}${received}: ${issue.message}`;
      }),
    );
  }
  const v = result.data;
  const baseUrl = v.COBO_BASE_URL ?? (v.COBO_ENV === "sandbox" ? `http://127.0.0.1:${v.COBO_SANDBOX_PORT}/v2` : COBO_BASE_URLS[v.COBO_ENV]);
  return {
    ...v,
    COBO_BASE_URL: baseUrl.replace(/\/+$/, ""),
    DATABASE_KIND: v.UCW_DATABASE_KIND ?? "postgres",
    CONSOLE_ADMIN_TOTP: v.CONSOLE_ADMIN_TOTP ?? (v.NODE_ENV === "production" && v.COBO_ENV === "prod" ? "required" : "optional"),
    AUTH_OIDC_ENABLED: Boolean(v.AUTH_OIDC_ISSUER && v.AUTH_OIDC_CLIENT_ID && v.AUTH_OIDC_CLIENT_SECRET),
    APP_OIDC_ENABLED: Boolean(v.APP_OIDC_ISSUER && v.APP_OIDC_JWKS_URL && v.APP_OIDC_AUDIENCE),
  };
}

// One parsed copy per process; test harnesses that change process.env drop it with
// resetEnvDerivedState().
const envSlot = processSlot("env", () => parseEnv(process.env), { envDerived: true });

/** Forgets the parsed environment (tests, after changing process.env). */
export function resetEnvCache(): void {
  envSlot.reset();
}

/** The validated environment of this process (parsed once). */
export function getEnv(): Env {
  return envSlot.get();
}

/** Lazily validated settings; reading any property validates the whole environment. */
export const env: Env = new Proxy({} as Env, {
  get: (_target, prop) => getEnv()[prop as keyof Env],
});

/** Requires a value that is optional in general but needed by the caller's code path. */
export function requireEnv<K extends keyof Env>(name: K): NonNullable<Env[K]> {
  const value = getEnv()[name];
  if (value === undefined || value === null || value === "") {
    throw new EnvError([`${String(name)} (missing): is required here; see .env.example`]);
  }
  return value as NonNullable<Env[K]>;
}
