import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Mono } from "@/components/ui/mono";
import { Section } from "@/components/ui/section";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { InboundRejections } from "@/lib/console/get-inbound-rejections";

const REASONS: Record<string, string> = {
  missing_signature: "No signature headers",
  bad_signature: "Signature does not verify",
  invalid_timestamp: "Biz-Timestamp is no time",
  stale_timestamp: "Older than COBO_WEBHOOK_MAX_AGE_SECONDS",
  too_large: "Body too large",
  stalled: "Body incomplete",
  malformed: "Signed, but not an event",
  unverifiable: "Key unavailable (answered 503)",
};

/** Refused deliveries of one channel: counters per reason and the latest samples (no bodies). */
export function RefusedDeliveries({ title, rejections }: { title: string; rejections: InboundRejections }) {
  return (
    <Section
      title={title}
      description={`${rejections.total} refused in all. Nothing of a refused delivery is stored or applied; the latest are kept as samples: size, SHA-256 and the ids the body claims.`}
      flush
    >
      {rejections.counts.length === 0 ? (
        <EmptyState title="No refused deliveries" description="Every delivery so far was signed by Cobo and readable." />
      ) : (
        <>
          <Table caption={`${title}: counts by reason`}>
            <THead>
              <tr>
                <Th>Reason</Th>
                <Th className="text-right">Count</Th>
                <Th>First</Th>
                <Th>Last</Th>
              </tr>
            </THead>
            <TBody>
              {rejections.counts.map((c) => (
                <Tr key={c.reason}>
                  <Td>
                    <span title={c.reason}>{REASONS[c.reason] ?? c.reason}</span>
                  </Td>
                  <Td className="text-right tabular-nums">{c.count}</Td>
                  <Td>
                    <DateTime value={c.firstAt} />
                  </Td>
                  <Td>
                    <DateTime value={c.lastAt} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Table caption={`${title}: latest samples`}>
            <THead>
              <tr>
                <Th>Received</Th>
                <Th>Reason</Th>
                <Th>Biz-Timestamp</Th>
                <Th>Claimed event</Th>
                <Th className="text-right">Bytes</Th>
                <Th>SHA-256</Th>
                <Th>From</Th>
              </tr>
            </THead>
            <TBody>
              {rejections.samples.map((s) => (
                <Tr key={s.id}>
                  <Td>
                    <DateTime value={s.receivedAt} precision="ms" />
                  </Td>
                  <Td>{REASONS[s.reason] ?? s.reason}</Td>
                  <Td>{s.timestampHeader ? <Mono value={s.timestampHeader} className="max-w-[9rem]" /> : "—"}</Td>
                  <Td>
                    {s.claimedEventId ? <Mono value={s.claimedEventId} className="max-w-[12rem]" /> : "—"}
                    {s.claimedType ? <span className="block text-xs text-zinc-500">{s.claimedType}</span> : null}
                  </Td>
                  <Td className="text-right tabular-nums">{s.bodyBytes}</Td>
                  <Td>{s.bodySha256 ? <Mono value={s.bodySha256} className="max-w-[8rem]" /> : "—"}</Td>
                  <Td>{s.clientIp ?? "—"}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </Section>
  );
}
