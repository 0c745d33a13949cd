import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { isIP, type Socket } from "node:net";
import { getEnv } from "@/lib/env";
import { processSlot } from "@/lib/process-state";

// Who is calling, as far as per-IP rate limits and sign-in lockouts are concerned. The one place
// that derives a client address from a request.
//
// Next.js gives route handlers no socket address, and fills X-Forwarded-For from the socket only
// when the client sent none, so that header alone is whatever the client says. The server
// therefore stamps every request with the TCP peer's address (installPeerAddressStamp, called at
// start-up from instrumentation.ts) under a header of its own that always overwrites what the
// client sent. The address chain is then the X-Forwarded-For entries followed by that peer, and
// the client is the entry TRUSTED_PROXY_HOPS places before the end: with no proxy the peer itself
// (X-Forwarded-For is ignored), with one proxy the address that proxy appended, and so on.
// Entries further left were written by the client and are never used.

/** The header carrying the TCP peer's address; set by the server, never taken from the client. */
export const PEER_ADDRESS_HEADER = "x-ucw-peer-address";

/** Whether this process subscribed the stamp (once per process, whichever route bundle asks first). */
const stampInstalled = processSlot("peerAddressStamp", () => ({ installed: false }), { envDerived: false });

/** Normalises an address: IPv4-mapped IPv6 to IPv4, brackets and ports removed; null when empty. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let a = raw?.trim();
  if (!a) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed?.[1]) a = bracketed[1];
  else if (/^[0-9.]+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  a = a.toLowerCase();
  if (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  // anything that is not an address (a proxy's "unknown", garbage) is kept, bounded, as its own key
  return isIP(a) ? a : a.slice(0, 64);
}

function onRequestStart(message: unknown): void {
  const { request, socket } = message as { request: IncomingMessage; socket: Socket };
  request.headers[PEER_ADDRESS_HEADER] = normalizeAddress(socket.remoteAddress) ?? "unknown";
}

/**
 * Stamps each incoming HTTP request of this process with its TCP peer's address (Node's
 * `http.server.request.start` diagnostics channel runs before the server's request handler).
 * Idempotent.
 */
export function installPeerAddressStamp(): void {
  const state = stampInstalled.get();
  if (state.installed) return;
  subscribe("http.server.request.start", onRequestStart);
  state.installed = true;
}

function peerAddressStampInstalled(): boolean {
  return stampInstalled.peek()?.installed === true;
}

/** The client's address for rate limiting: see the comment at the top of this file. */
export function clientIp(headers: Headers): string {
  const hops = getEnv().TRUSTED_PROXY_HOPS;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const peer = peerAddressStampInstalled() ? headers.get(PEER_ADDRESS_HEADER) : null;
  if (peer) {
    const chain = [...forwarded, peer];
    return normalizeAddress(chain[Math.max(0, chain.length - 1 - hops)]) ?? "unknown";
  }
  // Without the stamp (the handlers called in-process, as the integration tests do) the last
  // X-Forwarded-For entry stands in for the peer: Next.js's, or the caller's.
  return normalizeAddress(forwarded[Math.max(0, forwarded.length - Math.max(1, hops))]) ?? "unknown";
}
