// Replay protection for Cobo-signed requests. Cobo's docs allow any string as a
// nonce; the official SDKs send the current time in milliseconds. A nonce that
// looks like a millisecond timestamp must be within `windowMs` of now; every
// nonce is remembered per API key for the window, so a replay inside it fails.

/** Outcome of checking a nonce. */
export type NonceVerdict = "ok" | "replayed" | "stale";

const MS_TIMESTAMP_RE = /^\d{13}$/;

/** Remembers recently used nonces per key and rejects replays and stale timestamps. */
export class NonceCache {
  private readonly seen = new Map<string, Map<string, number>>();
  private lastPrune = 0;

  constructor(private readonly windowMs: number) {}

  /** Checks and, when fresh, records `nonce` for `key`. */
  check(key: string, nonce: string, now: number = Date.now()): NonceVerdict {
    if (MS_TIMESTAMP_RE.test(nonce)) {
      const ts = Number(nonce);
      if (Math.abs(now - ts) > this.windowMs) return "stale";
    }
    this.prune(now);
    let perKey = this.seen.get(key);
    if (!perKey) {
      perKey = new Map();
      this.seen.set(key, perKey);
    }
    const expiry = perKey.get(nonce);
    if (expiry !== undefined && expiry > now) return "replayed";
    perKey.set(nonce, now + this.windowMs * 2);
    return "ok";
  }

  private prune(now: number): void {
    if (now - this.lastPrune < 1000) return;
    this.lastPrune = now;
    for (const [key, perKey] of this.seen) {
      for (const [nonce, expiry] of perKey) if (expiry <= now) perKey.delete(nonce);
      if (perKey.size === 0) this.seen.delete(key);
    }
  }
}
