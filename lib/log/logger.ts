import pino from "pino";
import { renderActor } from "@/lib/actor";
import { getEnv } from "@/lib/env";
import { currentRequestContext } from "@/lib/log/context";
import { processSlot } from "@/lib/process-state";

// Structured JSON logs. Every line carries the request id of the request (or job) that caused it.
// Anything that could hold a secret is redacted by key, wherever it sits in the logged object.

const SECRET_KEYS = [
  "password",
  "passwordHash",
  "newPassword",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "idToken",
  "id_token",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "secret",
  "apiSecret",
  "clientSecret",
  "client_secret",
  "privateKey",
  "private_key",
  "share",
  "shares",
  "passphrase",
  "seed",
  "BIZ-API-SIGNATURE",
  "biz-api-signature",
  "databaseUrl",
  "DATABASE_URL",
  "AUTH_SECRET",
  "COBO_API_SECRET",
];

/** Redaction paths: each secret key at the top level and up to three levels down. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `["${k}"]`;
  return ["", "*", "*.*", "*.*.*"].map((prefix) => (prefix === "" ? key.replace(/^\./, "") : `${prefix}${key}`));
});

function configuredLevel(): string {
  try {
    return getEnv().LOG_LEVEL;
  } catch {
    return "info"; // a bad environment is reported by whoever validates it; logging must still work
  }
}

/** Creates a logger writing JSON lines to `destination` (stdout by default). */
export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}) {
  return pino(
    {
      level: opts.level ?? configuredLevel(),
      base: { service: "ucw-console" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      mixin() {
        const ctx = currentRequestContext();
        return ctx ? { requestId: ctx.requestId, ...(ctx.actor ? { actor: renderActor(ctx.actor) } : {}) } : {};
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    opts.destination,
  );
}

/** The process-wide logger. */
export const logger: pino.Logger = processSlot("logger", () => createLogger(), { envDerived: false }).get();
