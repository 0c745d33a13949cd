import "server-only";
import { coboWebhookPublicKey, verifyCoboSignature } from "@/lib/cobo/verify-signature";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { readBodyLimited } from "@/lib/http/route";

// What Cobo sends us (webhooks and risk-control callbacks) is trusted only once the Ed25519
// signature over the exact raw body and Biz-Timestamp verifies with the configured environment's
// key, and the timestamp is recent (a captured message replayed later is refused). The body is
// read as text first and never re-serialised before verification.

export type VerifiedInbound = { rawBody: string; timestamp: number };

export type InboundRejection = "missing_signature" | "bad_signature" | "stale_timestamp" | "too_large";

export class InboundRejected extends Error {
  constructor(readonly reason: InboundRejection) {
    super(reason);
    this.name = "InboundRejected";
  }
}

/** Reads and verifies a signed request from Cobo; throws InboundRejected otherwise. */
export async function verifyInbound(req: Request): Promise<VerifiedInbound> {
  const env = getEnv();
  let rawBody: string;
  try {
    rawBody = await readBodyLimited(req, env.COBO_WEBHOOK_MAX_BODY_BYTES);
  } catch (error) {
    if (isAppError(error) && error.code === "payload_too_large") throw new InboundRejected("too_large");
    throw error;
  }
  const timestampHeader = req.headers.get("biz-timestamp");
  const signature = req.headers.get("biz-resp-signature");
  if (!timestampHeader || !signature) throw new InboundRejected("missing_signature");
  if (!/^\d{10,16}$/.test(timestampHeader)) throw new InboundRejected("bad_signature");
  const publicKeyHex = await coboWebhookPublicKey(env);
  if (!verifyCoboSignature({ rawBody, timestamp: timestampHeader, signatureHex: signature, publicKeyHex })) throw new InboundRejected("bad_signature");
  const timestamp = Number(timestampHeader);
  if (Math.abs(Date.now() - timestamp) > env.COBO_WEBHOOK_MAX_AGE_SECONDS * 1000) throw new InboundRejected("stale_timestamp");
  return { rawBody, timestamp };
}
