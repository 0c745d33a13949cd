import type { MiddlewareHandler } from "hono";
import { nodeIdFromPublicKey, signNodeMessage, verifyNodeMessage } from "../crypto/node-identity.js";
import type { NonceCache } from "../auth/nonce-cache.js";
import type { AppEnv } from "../http/app-env.js";
import { CoboError, ErrorCode } from "../http/errors.js";

// Relay requests are signed by the device's node key, so one device can never
// approve (or read) for another: the node id must be derived from the public
// key presented, and the signature must cover method, path, query, time, nonce
// and body. Timestamps outside the window and replayed nonces are refused.

/** Headers a device sends to the relay. */
export const NODE_HEADERS = {
  nodeId: "x-ucw-node-id",
  publicKey: "x-ucw-node-public-key",
  timestamp: "x-ucw-timestamp",
  nonce: "x-ucw-nonce",
  signature: "x-ucw-signature",
} as const;

/** The string a device signs for a relay request. */
export function relayStringToSign(p: {
  method: string;
  path: string;
  query: string;
  timestamp: string;
  nonce: string;
  body: string;
}): string {
  return ["ucw-relay-v1", p.method.toUpperCase(), p.path, p.query, p.timestamp, p.nonce, p.body].join("|");
}

/** Signs a relay request with the node seed (device side). */
export function signRelayRequest(
  seedHex: string,
  p: { method: string; path: string; query: string; timestamp: string; nonce: string; body: string },
): string {
  return signNodeMessage(seedHex, relayStringToSign(p));
}

function authError(message: string): CoboError {
  return new CoboError(401, ErrorCode.authFailed, message);
}

/** Middleware admitting only requests signed by the node they claim to come from. */
export function nodeAuth(nonces: NonceCache, windowMs: number, onSeen: (nodeId: string) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const nodeId = c.req.header(NODE_HEADERS.nodeId);
    const publicKey = c.req.header(NODE_HEADERS.publicKey);
    const timestamp = c.req.header(NODE_HEADERS.timestamp);
    const nonce = c.req.header(NODE_HEADERS.nonce);
    const signature = c.req.header(NODE_HEADERS.signature);
    if (!nodeId || !publicKey || !timestamp || !nonce || !signature) throw authError("Missing TSS node authentication headers");
    let derived: string;
    try {
      derived = nodeIdFromPublicKey(publicKey);
    } catch {
      throw authError("Invalid TSS node public key");
    }
    if (derived !== nodeId) throw authError("The TSS node id does not match its public key");
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || Math.abs(Date.now() - ts) > windowMs)
      throw authError("The request timestamp is outside the accepted window");
    const body = await c.req.text();
    const url = new URL(c.req.url);
    const query = url.search.startsWith("?") ? url.search.slice(1) : "";
    const message = relayStringToSign({ method: c.req.method, path: url.pathname, query, timestamp, nonce, body });
    if (!verifyNodeMessage(publicKey, message, signature)) throw authError("TSS node signature verification failed");
    if (nonces.check(nodeId, nonce) !== "ok") throw authError("The nonce has already been used");
    c.set("rawBody", body);
    c.set("nodeId", nodeId);
    onSeen(nodeId);
    await next();
  };
}
