import "server-only";
import { db } from "@/lib/db/client";
import { isoString } from "@/lib/serialize";

// The console's view of refused deliveries to the webhook and callback endpoints
// (lib/server/cobo-inbound/rejections.ts): the counters per channel and reason, and the latest
// samples (no bodies were kept: size, hash, and the ids the body claimed).

export type RejectionCount = { channel: string; reason: string; count: number; firstAt: string; lastAt: string };

export type RejectionSample = {
  id: string;
  channel: string;
  reason: string;
  receivedAt: string;
  timestampHeader: string | null;
  bodyBytes: number;
  bodySha256: string | null;
  claimedEventId: string | null;
  claimedType: string | null;
  clientIp: string | null;
  requestId: string | null;
};

export type InboundRejections = { total: number; counts: RejectionCount[]; samples: RejectionSample[] };

/** Refused deliveries of one channel: every counter and the latest `limit` samples, newest first. */
export async function getInboundRejections(channel: "webhook" | "callback", limit = 20): Promise<InboundRejections> {
  const [counts, samples] = await Promise.all([
    db.inboundRejectionCount.findMany({ where: { channel }, orderBy: [{ lastAt: "desc" }, { reason: "asc" }] }),
    db.inboundRejectionSample.findMany({ where: { channel }, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], take: limit }),
  ]);
  return {
    total: counts.reduce((sum, c) => sum + Number(c.count), 0),
    counts: counts.map((c) => ({
      channel: c.channel,
      reason: c.reason,
      count: Number(c.count),
      firstAt: isoString(c.firstAt),
      lastAt: isoString(c.lastAt),
    })),
    samples: samples.map((s) => ({
      id: s.id,
      channel: s.channel,
      reason: s.reason,
      receivedAt: isoString(s.receivedAt),
      timestampHeader: s.timestampHeader,
      bodyBytes: s.bodyBytes,
      bodySha256: s.bodySha256,
      claimedEventId: s.claimedEventId,
      claimedType: s.claimedType,
      clientIp: s.clientIp,
      requestId: s.requestId,
    })),
  };
}
