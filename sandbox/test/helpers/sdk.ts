import { createRequire } from "node:module";
import { vi } from "vitest";

// The official @cobo/cobo-waas2 SDK (CommonJS, no types), loaded with narrow
// local interfaces. Results are converted to plain JSON so tests assert on
// exactly what went over the wire.

/** A JSON-like value returned by the SDK. */
export type Plain = Record<string, unknown>;

interface ApiClient {
  basePath: string;
  timeout: number;
  setPrivateKey(privateKey: string, curve?: string): void;
}

type ApiCtor = new (client: ApiClient) => object;

interface CoboSdk {
  ApiClient: new () => ApiClient;
  WalletsMPCWalletsApi: ApiCtor;
  WalletsApi: ApiCtor;
  TransactionsApi: ApiCtor;
  DevelopersWebhooksApi: ApiCtor;
  DevelopersApi: ApiCtor;
}

const requireCjs = createRequire(import.meta.url);
const sdk = requireCjs("@cobo/cobo-waas2") as CoboSdk;

/** The SDK's API objects for one client. */
export interface SdkApis {
  mpc: object;
  wallets: object;
  transactions: object;
  webhooks: object;
  developers: object;
}

/** A client pointed at the sandbox, signing with `secretHex`. */
export function sdkApis(baseUrl: string, secretHex: string): SdkApis {
  const client = new sdk.ApiClient();
  client.basePath = baseUrl;
  client.timeout = 10_000;
  client.setPrivateKey(secretHex);
  return {
    mpc: new sdk.WalletsMPCWalletsApi(client),
    wallets: new sdk.WalletsApi(client),
    transactions: new sdk.TransactionsApi(client),
    webhooks: new sdk.DevelopersWebhooksApi(client),
    developers: new sdk.DevelopersApi(client),
  };
}

function toPlain<T>(value: unknown): T {
  return (value === undefined || value === null ? value : JSON.parse(JSON.stringify(value))) as T;
}

/** Calls an SDK operation by name and returns its result as plain JSON. */
export async function call<T = Plain>(api: object, method: string, ...args: unknown[]): Promise<T> {
  const fn: unknown = Reflect.get(api, method);
  if (typeof fn !== "function") throw new Error(`the SDK has no operation ${method}`);
  const result: unknown = await (fn as (...a: unknown[]) => Promise<unknown>).apply(api, args);
  return toPlain<T>(result);
}

/**
 * Calls an SDK operation and returns the JSON body as sent on the wire: for fields and oneOf
 * variants newer than the SDK 1.8.0 models (its deserializer drops or refuses them), such as
 * ChainInfo.chain_identifier or the SOL fee model.
 */
export async function callWire<T = Plain>(api: object, method: string, ...args: unknown[]): Promise<T> {
  const fn: unknown = Reflect.get(api, `${method}WithHttpInfo`);
  if (typeof fn !== "function") throw new Error(`the SDK has no operation ${method}`);
  const result = (await (fn as (...a: unknown[]) => Promise<unknown>).apply(api, args)) as { response: { body: unknown } };
  return toPlain<T>(result.response.body);
}

/** What the SDK rejects with on an HTTP error. */
export interface SdkFailure {
  status: number;
  body: { error_code: number; error_message: string; error_id: string };
}

/** Calls an operation that must fail and returns the HTTP status and Cobo error body. */
export async function callError(api: object, method: string, ...args: unknown[]): Promise<SdkFailure> {
  try {
    await call(api, method, ...args);
  } catch (err) {
    const e = err as { status?: unknown; body?: unknown };
    if (typeof e.status !== "number") throw err;
    return { status: e.status, body: e.body as SdkFailure["body"] };
  }
  throw new Error(`${method} was expected to fail`);
}

/** Drops the SDK's `strToSign:` console lines (it prints every string it signs). */
export function silenceSdkLogs(): void {
  const original = console.log.bind(console);
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("strToSign")) return;
    original(...args);
  });
}
