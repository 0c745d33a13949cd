import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { getEnv, requireEnv } from "@/lib/env";
import { createMpcGateway } from "@/lib/cobo/mpc";
import { createTransactionsGateway } from "@/lib/cobo/transactions";
import { createTransport, type Transport } from "@/lib/cobo/transport";
import { createWalletsGateway } from "@/lib/cobo/wallets";
import { createWebhooksGateway } from "@/lib/cobo/webhooks";
import { processSlot } from "@/lib/process-state";

// The Cobo gateway: every typed Cobo function in one object, talking to real Cobo (dev/prod) or the
// sandbox by base URL alone. The only module graph in the product that imports @cobo/cobo-waas2.

export type CoboGatewayConfig = {
  /** WaaS 2.0 base URL including `/v2`; never defaulted (the SDK's own default is PROD). */
  baseUrl: string;
  /** Hex Ed25519 seed (32 bytes) of the API key; kept inside the SDK client, never exposed. */
  apiSecret: string;
  /** Per-attempt HTTP timeout. Default 15 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt for retryable failures (see errors.ts isRetryable). Default 3. */
  retries?: number;
  /** First backoff delay, doubled per retry with ×1–2 jitter. Default 200 ms. */
  minRetryDelayMs?: number;
  /** Backoff cap. Default 5 000 ms. */
  maxRetryDelayMs?: number;
  /** Time budget of one call, all attempts and waits included. Default 10 000 ms. */
  budgetMs?: number;
};

const HEX32 = /^[0-9a-fA-F]{64}$/;

export type CoboGateway = ReturnType<typeof createCoboGateway>;

/** Builds a gateway for one Cobo environment and API key (tests build their own; the app uses getCoboGateway). */
export function createCoboGateway(config: CoboGatewayConfig) {
  // Messages name the setting, never its value: the secret must not reach a log or an error page.
  if (!HEX32.test(config.apiSecret)) throw new Error("Cobo API secret must be a 32-byte hex Ed25519 seed (64 hex characters)");
  let url: URL;
  try {
    url = new URL(config.baseUrl);
  } catch {
    throw new Error("Cobo base URL must be an absolute http(s) URL ending in /v2");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("Cobo base URL must be an absolute http(s) URL ending in /v2");
  const baseUrl = config.baseUrl.replace(/\/+$/, "");

  const transport = createTransport({
    baseUrl,
    apiSecret: config.apiSecret,
    timeoutMs: config.timeoutMs ?? 15_000,
    retries: config.retries ?? 3,
    minRetryDelayMs: config.minRetryDelayMs ?? 200,
    maxRetryDelayMs: config.maxRetryDelayMs ?? 5_000,
    budgetMs: config.budgetMs ?? 10_000,
  });

  return {
    /** The base URL this gateway talks to (for health output and logs). */
    baseUrl,
    /** The API key (Ed25519 public key, hex) Cobo knows us by: public, safe to show. */
    apiKey: bytesToHex(ed25519.getPublicKey(hexToBytes(config.apiSecret))),
    ...gatewayFunctions(transport),
  };
}

/** All typed Cobo functions over one transport (unit tests pass a transport without a network). */
export function gatewayFunctions(transport: Transport) {
  return {
    ...createMpcGateway(transport),
    ...createWalletsGateway(transport),
    ...createTransactionsGateway(transport),
    ...createWebhooksGateway(transport),
  };
}

/** The process-wide gateway slot for the configured COBO_ENV (tests may `set` their own). */
export const coboGatewaySlot = processSlot(
  "coboGateway",
  (): CoboGateway => {
    const env = getEnv();
    return createCoboGateway({
      baseUrl: env.COBO_BASE_URL,
      apiSecret: requireEnv("COBO_API_SECRET"),
      timeoutMs: env.COBO_TIMEOUT_MS,
      budgetMs: env.COBO_CALL_BUDGET_MS,
    });
  },
  { envDerived: true },
);

/** The process-wide gateway for the configured COBO_ENV (built on first use). */
export function getCoboGateway(): CoboGateway {
  return coboGatewaySlot.get();
}
