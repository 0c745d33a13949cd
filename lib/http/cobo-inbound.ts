import "server-only";
import { isOlderThan, parseBizTimestamp, type BizTimestamp } from "@/lib/cobo/biz-timestamp";
import { coboWebhookPublicKey, verifyCoboSignature } from "@/lib/cobo/verify-signature";
import { getEnv } from "@/lib/env";
import { readBody } from "@/lib/http/route";

// What Cobo sends us (webhooks and risk-control callbacks) is trusted only once the Ed25519
// signature over the exact raw body and Biz-Timestamp verifies with the configured environment's
// key. The body is read as text first, as it arrives and never beyond COBO_WEBHOOK_MAX_BODY_BYTES
// (a body declared or streamed larger, or one that stalls, is refused at once), and never
// re-serialised before verification.
//
// Freshness is not what stops replays: Cobo does not document whether a retry is signed afresh,
// and a retry carrying the first attempt's timestamp must still be accepted however late it comes
// (docs/cobo-assumptions.md#2-are-retries-signed-afresh). A replayed webhook is harmless because the inbox is unique on
// Cobo's event id (a duplicate is acknowledged and writes nothing), and a replayed callback gets
// the decision recorded for it the first time (lib/server/cobo-inbound/callback-replay.ts). The
// timestamp must still be a time (10–16 digits, seconds or milliseconds alike); an age bound is
// applied only when COBO_WEBHOOK_MAX_AGE_SECONDS is set.

export type VerifiedInbound = { rawBody: string; timestamp: BizTimestamp };

export type InboundRejection = "missing_signature" | "bad_signature" | "invalid_timestamp" | "stale_timestamp" | "too_large" | "stalled";

export class InboundRejected extends Error {
  constructor(
    readonly reason: InboundRejection,
    /** the start of the body as received (what arrived before a size or stall refusal) */
    readonly bodyPrefix: string = "",
  ) {
    super(reason);
    this.name = "InboundRejected";
  }
}

const decode = (bytes: Uint8Array) => new TextDecoder("utf-8", { fatal: false }).decode(bytes);

/** Reads and verifies a signed request from Cobo; throws InboundRejected otherwise. */
export async function verifyInbound(req: Request): Promise<VerifiedInbound> {
  const env = getEnv();
  const read = await readBody(req, env.COBO_WEBHOOK_MAX_BODY_BYTES);
  if (!read.ok) throw new InboundRejected(read.reason, decode(read.prefix));
  const rawBody = decode(read.bytes);
  const timestampHeader = req.headers.get("biz-timestamp");
  const signature = req.headers.get("biz-resp-signature");
  if (!timestampHeader || !signature) throw new InboundRejected("missing_signature", rawBody);
  const timestamp = parseBizTimestamp(timestampHeader);
  if (!timestamp) throw new InboundRejected("invalid_timestamp", rawBody);
  const publicKeyHex = await coboWebhookPublicKey(env);
  if (!verifyCoboSignature({ rawBody, timestamp: timestampHeader, signatureHex: signature, publicKeyHex }))
    throw new InboundRejected("bad_signature", rawBody);
  if (isOlderThan(timestamp, env.COBO_WEBHOOK_MAX_AGE_SECONDS)) throw new InboundRejected("stale_timestamp", rawBody);
  return { rawBody, timestamp };
}
