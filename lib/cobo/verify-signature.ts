import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { z } from "zod";
import { COBO_WEBHOOK_PUBLIC_KEYS, type Env } from "@/lib/env";

// Verifying what Cobo (or the sandbox) sends us: webhooks and risk-control callbacks carry
// `Biz-Timestamp` and `Biz-Resp-Signature`, an Ed25519 signature over
// SHA256(SHA256(`${rawBody}|${timestamp}`)) (docs/cobo.md#inbound-signatures). The body must be the exact raw text:
// re-serialised JSON breaks the signature.

const HEX_32 = /^[0-9a-fA-F]{64}$/;
const HEX_64 = /^[0-9a-fA-F]{128}$/;

export type CoboSignatureInput = { rawBody: string; timestamp: string; signatureHex: string; publicKeyHex: string };

/** True only for a valid signature; malformed input (bad hex, wrong lengths) is false, never an exception. */
export function verifyCoboSignature({ rawBody, timestamp, signatureHex, publicKeyHex }: CoboSignatureInput): boolean {
  if (typeof rawBody !== "string" || typeof timestamp !== "string" || timestamp === "") return false;
  if (typeof signatureHex !== "string" || typeof publicKeyHex !== "string") return false;
  const sig = signatureHex.trim();
  const key = publicKeyHex.trim();
  if (!HEX_64.test(sig) || !HEX_32.test(key)) return false;
  try {
    const digest = sha256(sha256(utf8ToBytes(`${rawBody}|${timestamp}`)));
    return ed25519.verify(hexToBytes(sig), digest, hexToBytes(key));
  } catch {
    return false;
  }
}

const SandboxInfoSchema = z.looseObject({ webhook_public_key: z.string().regex(HEX_32) });
const sandboxKeys = new Map<string, Promise<string>>();

/**
 * The public key Cobo's webhooks/callbacks must verify against: COBO_WEBHOOK_PUBLIC_KEY when set,
 * else Cobo's published key for dev/prod, else (sandbox) the sandbox's own key read once from
 * `${origin}/_sandbox/info` and cached per origin (a failed fetch is not cached, so it is retried).
 */
export function coboWebhookPublicKey(
  env: Pick<Env, "COBO_ENV" | "COBO_BASE_URL" | "COBO_WEBHOOK_PUBLIC_KEY">,
  opts: { timeoutMs?: number } = {},
): Promise<string> {
  if (env.COBO_WEBHOOK_PUBLIC_KEY) return Promise.resolve(env.COBO_WEBHOOK_PUBLIC_KEY.toLowerCase());
  if (env.COBO_ENV === "dev" || env.COBO_ENV === "prod") return Promise.resolve(COBO_WEBHOOK_PUBLIC_KEYS[env.COBO_ENV]);
  const origin = new URL(env.COBO_BASE_URL).origin;
  let pending = sandboxKeys.get(origin);
  if (!pending) {
    pending = fetchSandboxKey(origin, opts.timeoutMs ?? 5_000);
    sandboxKeys.set(origin, pending);
    pending.catch(() => sandboxKeys.delete(origin));
  }
  return pending;
}

async function fetchSandboxKey(origin: string, timeoutMs: number): Promise<string> {
  const res = await fetch(`${origin}/_sandbox/info`, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`the sandbox at ${origin} answered HTTP ${res.status} for /_sandbox/info`);
  const parsed = SandboxInfoSchema.safeParse(await res.json());
  if (!parsed.success) throw new Error(`the sandbox at ${origin} did not return a webhook_public_key`);
  return parsed.data.webhook_public_key.toLowerCase();
}

/** Forgets cached sandbox keys (tests restart the sandbox with a new key on the same origin). */
export function clearCoboWebhookPublicKeyCache(): void {
  sandboxKeys.clear();
}
