import "server-only";
import { coboWebhookPublicKey, verifyCoboSignature } from "@/lib/cobo/verify-signature";
import { getEnv } from "@/lib/env";
import { readBody } from "@/lib/http/route";

// What Cobo sends us (webhooks and risk-control callbacks) is trusted only once the Ed25519
// signature over the exact raw body and Biz-Timestamp verifies with the configured environment's
// key, and the timestamp is recent (a captured message replayed later is refused). The body is
// read as text first, as it arrives and never beyond COBO_WEBHOOK_MAX_BODY_BYTES (a body declared
// or streamed larger, or one that stalls, is refused at once), and never re-serialised before
// verification.

export type VerifiedInbound = { rawBody: string; timestamp: number };

export type InboundRejection = "missing_signature" | "bad_signature" | "stale_timestamp" | "too_large" | "stalled";

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
  if (!/^\d{10,16}$/.test(timestampHeader)) throw new InboundRejected("bad_signature", rawBody);
  const publicKeyHex = await coboWebhookPublicKey(env);
  if (!verifyCoboSignature({ rawBody, timestamp: timestampHeader, signatureHex: signature, publicKeyHex })) throw new InboundRejected("bad_signature", rawBody);
  const timestamp = Number(timestampHeader);
  if (Math.abs(Date.now() - timestamp) > env.COBO_WEBHOOK_MAX_AGE_SECONDS * 1000) throw new InboundRejected("stale_timestamp", rawBody);
  return { rawBody, timestamp };
}
