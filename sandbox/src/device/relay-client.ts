import { randomBytes } from "node:crypto";
import { NODE_HEADERS, signRelayRequest } from "../relay/node-auth.js";

// HTTP client of a virtual device for the sandbox's TSS relay: every request is
// signed with the device's node key.

/** An error from the relay, with the UCW SDK-style code (e.g. 2101 = not found yet). */
export class UCWError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "UCWError";
  }
}

/** Identity a device signs with. */
export interface NodeCredentials {
  nodeId: string;
  publicKey: string;
  seed: string;
}

/** Calls the relay on behalf of one node. */
export class RelayClient {
  constructor(
    private readonly origin: string,
    private readonly node: NodeCredentials,
    private readonly timeoutMs: number,
  ) {}

  /** GET `path` (with optional query) and return the parsed JSON. */
  get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return this.request<T>("GET", path, query, "");
  }

  /** POST a JSON body and return the parsed JSON. */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("POST", path, {}, JSON.stringify(body));
  }

  private async request<T>(method: string, path: string, query: Record<string, string>, body: string): Promise<T> {
    const qs = new URLSearchParams(query).toString();
    const url = new URL(path + (qs ? `?${qs}` : ""), this.origin);
    const timestamp = String(Date.now());
    const nonce = randomBytes(12).toString("hex");
    const signature = signRelayRequest(this.node.seed, { method, path: url.pathname, query: qs, timestamp, nonce, body });
    const headers: Record<string, string> = {
      [NODE_HEADERS.nodeId]: this.node.nodeId,
      [NODE_HEADERS.publicKey]: this.node.publicKey,
      [NODE_HEADERS.timestamp]: timestamp,
      [NODE_HEADERS.nonce]: nonce,
      [NODE_HEADERS.signature]: signature,
    };
    if (method !== "GET") headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: method === "GET" ? undefined : body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new UCWError(1321, `cannot reach the TSS relay at ${this.origin}: ${err instanceof Error ? err.message : String(err)}`, 0);
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) {
      const e = (parsed ?? {}) as { error_code?: unknown; error_message?: unknown };
      throw new UCWError(
        typeof e.error_code === "number" ? e.error_code : res.status,
        typeof e.error_message === "string" ? e.error_message : `relay answered HTTP ${res.status}`,
        res.status,
      );
    }
    return parsed as T;
  }
}
