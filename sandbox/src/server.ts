import { randomUUID } from "node:crypto";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ed25519PublicKeyHex } from "./auth/cobo-signature.js";
import { NonceCache } from "./auth/nonce-cache.js";
import { registerDeveloperRoutes } from "./api/developer-routes.js";
import { registerMpcRoutes } from "./api/mpc-routes.js";
import { registerTransactionRoutes } from "./api/transaction-routes.js";
import { registerWalletRoutes } from "./api/wallet-routes.js";
import { apiSecretFile, assertSandboxMode, isLoopbackHost, resolveApiSecret, resolveSigningSecret } from "./config.js";
import { FaultTable, faultMiddleware, registerFaultRoutes } from "./control/faults.js";
import { ProfileHolder, registerProfileRoutes, type SandboxProfile } from "./control/profile.js";
import { registerControlRoutes, type SandboxInfo } from "./control/routes.js";
import { generateNodeKey } from "./crypto/node-identity.js";
import { Engine } from "./domain/engine.js";
import { linkedCallbackUrl, type RuntimeConfig } from "./domain/runtime.js";
import { WEBHOOK_EVENT_TYPES } from "./domain/webhooks.js";
import type { AppEnv } from "./http/app-env.js";
import { coboAuth } from "./http/cobo-auth.js";
import { CoboError, ErrorCode, errorBody } from "./http/errors.js";
import { nodeAuth } from "./relay/node-auth.js";
import { registerRelayRoutes } from "./relay/routes.js";
import { StateStore } from "./state/store.js";
import type { SandboxState } from "./state/types.js";

// Entry point of the Cobo sandbox: a local stand-in for the Cobo Backend
// (WaaS 2.0 under /v2), the TSS relay (/relay/v1) and a control API
// (/_sandbox). It does NOT run real MPC: see sandbox/README.md.

/** The sandbox's version (reported by /_sandbox/info). */
export const SANDBOX_VERSION = "0.1.0";
/** Default webhook endpoint: the console's own receiver. */
export const DEFAULT_WEBHOOK_URL = "http://127.0.0.1:3000/api/webhooks/cobo";
/** Default risk-control callback: the console's own endpoint. */
export const DEFAULT_CALLBACK_URL = "http://127.0.0.1:3000/api/callbacks/cobo";

/** Options of startSandbox. */
export interface StartSandboxOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Loopback host to bind. Default 127.0.0.1. */
  host?: string;
  /** Data folder; state goes to `<dataDir>/sandbox/`. */
  dataDir: string;
  /** Trusted API secret (32-byte hex Ed25519 seed); default: `<dataDir>/cobo-api-secret`, created when absent. */
  apiSecret?: string;
  /** Default webhook endpoint ensured at start; "" = none. */
  webhookUrl?: string;
  /** Risk-control callback URL; "" = no callback linked. */
  callbackUrl?: string;
  /** Engine step interval (ms). Default 500. */
  tickMs?: number;
  /** First retry delay for webhooks and callbacks (ms), doubled per attempt. Default 5000. */
  retryBaseMs?: number;
  /** Longest retry delay (ms). Default 10 minutes. */
  retryMaxMs?: number;
  /** A webhook must be answered within this time (ms). Default 2000. */
  webhookTimeoutMs?: number;
  /** Webhook attempts before `Failed`. Default 10. */
  webhookMaxAttempts?: number;
  /** Callback timeout (ms). Default 2000. */
  callbackTimeoutMs?: number;
  /** Callback attempts before `Failed`. Default 30. */
  callbackMaxAttempts?: number;
  /** Accepted clock skew of timestamp nonces and relay requests (ms). Default 5 minutes. */
  nonceWindowMs?: number;
  /** The profile to start with and to restore on `DELETE /_sandbox/profile` (control/profile.ts). Default: the defaults. */
  profile?: Partial<SandboxProfile>;
  /** Environment to check for sandbox mode. Default process.env. */
  env?: Record<string, string | undefined>;
}

/** A running sandbox. */
export interface SandboxHandle {
  /** WaaS base URL including `/v2`. */
  url: string;
  /** Origin (scheme://host:port). */
  origin: string;
  port: number;
  dataDir: string;
  /** Hex Ed25519 public key that signs webhooks and callbacks. */
  webhookPublicKey: string;
  /** The trusted API key (public) and its secret. */
  apiKey: string;
  apiSecret: string;
  coboNodeId: string;
  /** Runs one engine step now (tests may use it instead of waiting for the timer). */
  tick(): Promise<void>;
  /** Wipes the state (keeps keys and the default webhook endpoint). */
  reset(): Promise<void>;
  /** Stops the server and the engine after pending writes. */
  stop(): Promise<void>;
}

function initialState(): SandboxState {
  return {
    version: 1,
    org_id: randomUUID(),
    cobo_node_id: generateNodeKey().nodeId,
    created_timestamp: Date.now(),
    projects: [],
    vaults: [],
    groups: [],
    tss_requests: [],
    wallets: [],
    addresses: [],
    address_indexes: {},
    balances: [],
    transactions: [],
    webhook_endpoints: [],
    webhook_events: [],
    webhook_logs: [],
    callback_messages: [],
    held_shares: {},
    deliveries: [],
    cosigners: [],
    block_heights: { XTN: 2_500_000, SETH: 6_000_000 },
  };
}

function ensureWebhookEndpoint(state: SandboxState, url: string): void {
  if (url === "" || state.webhook_endpoints.some((e) => e.url === url)) return;
  state.webhook_endpoints.push({
    endpoint_id: randomUUID(),
    url,
    subscribed_events: [...WEBHOOK_EVENT_TYPES],
    status: "STATUS_ACTIVE",
    description: "Default endpoint of the Cobo sandbox",
    created_timestamp: Math.floor(Date.now() / 1000),
  });
}

function pick<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

/** Starts the sandbox (HTTP server + engine) and resolves once it listens. */
export async function startSandbox(opts: StartSandboxOptions): Promise<SandboxHandle> {
  assertSandboxMode(opts.env ?? process.env);
  const host = opts.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) throw new Error(`The sandbox binds loopback addresses only, not ${host}`);
  const dataDir = path.resolve(opts.dataDir);
  const sandboxDir = path.join(dataDir, "sandbox");
  const apiSecret = await resolveApiSecret(dataDir, opts.apiSecret);
  const apiKey = ed25519PublicKeyHex(apiSecret);
  const signingSecret = await resolveSigningSecret(sandboxDir);
  const webhookPublicKey = ed25519PublicKeyHex(signingSecret);
  const webhookUrl = pick(opts.webhookUrl, DEFAULT_WEBHOOK_URL);
  const callbackUrl = pick(opts.callbackUrl, DEFAULT_CALLBACK_URL);
  const windowMs = opts.nonceWindowMs ?? 5 * 60_000;

  const store = await StateStore.open(sandboxDir, initialState);
  await store.mutate((s) => ensureWebhookEndpoint(s, webhookUrl));
  const config: RuntimeConfig = {
    tickMs: opts.tickMs ?? 500,
    retryBaseMs: opts.retryBaseMs ?? 5000,
    retryMaxMs: opts.retryMaxMs ?? 10 * 60_000,
    webhookTimeoutMs: opts.webhookTimeoutMs ?? 2000,
    webhookMaxAttempts: opts.webhookMaxAttempts ?? 10,
    callbackUrl,
    callbackTimeoutMs: opts.callbackTimeoutMs ?? 2000,
    callbackMaxAttempts: opts.callbackMaxAttempts ?? 30,
    signingSecretHex: signingSecret,
    apiKey,
  };
  const profile = new ProfileHolder(opts.profile);
  const engine = new Engine(store, config, profile);
  const rt = engine.rt;

  let baseUrl = "";
  const reset = async (): Promise<void> => {
    rt.submitted.clearAll();
    await store.replace(initialState());
    await store.mutate((s) => ensureWebhookEndpoint(s, webhookUrl));
  };
  const info = (): SandboxInfo => ({
    name: "cobo-sandbox",
    version: SANDBOX_VERSION,
    env: "sandbox",
    base_url: baseUrl,
    webhook_public_key: webhookPublicKey,
    api_key: apiKey,
    cobo_node_id: store.state.cobo_node_id,
    org_id: store.state.org_id,
    webhook_url: webhookUrl,
    callback_url: linkedCallbackUrl(rt),
  });

  const app = new Hono<AppEnv>();
  app.onError((err, c) => {
    if (err instanceof CoboError) return c.json(errorBody(err.code, err.message), err.status);
    const body = errorBody(ErrorCode.internal, "Internal error occurred during processing");
    console.error(`[sandbox] internal error ${body.error_id}: ${err instanceof Error ? err.message : String(err)}`);
    return c.json(body, 500);
  });
  app.notFound((c) => c.json(errorBody(ErrorCode.notImplemented, "The requested API endpoint is not implemented"), 404));

  app.use(
    "*",
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: (c) => c.json(errorBody(ErrorCode.invalidParameter, "Request body too large (max 1 MiB)"), 413),
    }),
  );
  const nonces = new NonceCache(windowMs);
  const relayNonces = new NonceCache(windowMs);
  const apiAuth = coboAuth(apiKey, nonces);
  const faults = new FaultTable();
  app.use("/v2/*", faultMiddleware(faults));
  app.use("/v2/*", apiAuth);
  app.use("/_sandbox/*", async (c, next) => {
    if (c.req.path === "/_sandbox/info" && c.req.method === "GET") return next();
    return apiAuth(c, next);
  });
  app.use(
    "/relay/v1/*",
    nodeAuth(relayNonces, windowMs, (nodeId) => rt.lastSeen.set(nodeId, Date.now())),
  );

  registerControlRoutes(app, rt, { info, reset });
  registerFaultRoutes(app, faults);
  registerProfileRoutes(app, profile);
  registerMpcRoutes(app, rt);
  registerWalletRoutes(app, rt);
  registerTransactionRoutes(app, rt, apiKey);
  registerDeveloperRoutes(app, rt);
  registerRelayRoutes(app, rt);

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 4010, hostname: host }, () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;
  const origin = `http://${hostForUrl}:${address.port}`;
  baseUrl = `${origin}/v2`;
  await engine.start();

  let stopped: Promise<void> | null = null;
  return {
    url: baseUrl,
    origin,
    port: address.port,
    dataDir,
    webhookPublicKey,
    apiKey,
    apiSecret,
    coboNodeId: store.state.cobo_node_id,
    tick: () => engine.tick(),
    reset,
    stop: () => {
      faults.clear();
      stopped ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ("closeAllConnections" in server) server.closeAllConnections();
        });
        await engine.stop();
        await store.close();
      })();
      return stopped;
    },
  };
}

/** Where the API secret file lives for a data folder (the product's run command reads it). */
export { apiSecretFile };
