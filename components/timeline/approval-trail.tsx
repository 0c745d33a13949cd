import type { ApprovalTrail, TrailEvent } from "@/lib/console/get-approval-trail";
import { Badge, type Tone } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Mono } from "@/components/ui/mono";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

const ACTIONS: Record<string, { label: string; tone: Tone }> = {
  confirmed: { label: "confirmed", tone: "success" },
  signed: { label: "signed", tone: "success" },
  rejected: { label: "rejected", tone: "danger" },
  failed: { label: "failed", tone: "danger" },
  reported_approved: { label: "app: approved", tone: "info" },
  reported_rejected: { label: "app: rejected", tone: "warning" },
  reported_failed: { label: "app: failed", tone: "warning" },
  reported_completed: { label: "app: completed", tone: "info" },
};

const KINDS: Record<string, string> = { user: "User's device", cobo: "Cobo", cosigner: "Server co-signer" };

function Events({ events }: { events: TrailEvent[] }) {
  if (events.length === 0) return <span className="text-zinc-500">nothing reported</span>;
  return (
    <ul className="space-y-1">
      {events.map((e, i) => {
        const a = ACTIONS[e.action] ?? { label: e.action, tone: "neutral" as Tone };
        return (
          <li key={`${e.at}-${i}`} className="flex flex-wrap items-center gap-1.5" title={e.detail}>
            <Badge tone={a.tone}>{a.label}</Badge>
            <span className="text-xs text-zinc-500">
              <DateTime value={e.at} precision="ms" />
            </span>
            <span className="text-xs text-zinc-500">{e.basis === "cobo" ? "per Cobo" : "per the app"}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Per participant of the group that had to act: who it is, whether it had to act, and what was reported, when. */
export function ApprovalTrailTable({ trail, label }: { trail: ApprovalTrail; label: string }) {
  if (!trail.group)
    return (
      <EmptyState
        title="No key share holder group known"
        description="Cobo has not named the group that signs it, and the vault has no active Main Group."
      />
    );
  return (
    <div>
      <p className="px-4 pt-3 text-xs text-zinc-500">
        {trail.group.groupType} <Mono value={trail.group.coboGroupId} className="inline-block max-w-[14rem] align-bottom" /> ·{" "}
        {trail.group.threshold}-of-{trail.group.participants} ·{" "}
        {trail.groupSource === "signer_group"
          ? "the signing group Cobo named"
          : trail.groupSource === "target_group"
            ? "the group this request generates keys for"
            : "the vault's active Main Group (Cobo named no signing group yet)"}
      </p>
      <Table caption={label}>
        <THead>
          <tr>
            <Th>Participant</Th>
            <Th>TSS node (device)</Th>
            <Th>Designated signer</Th>
            <Th>Approvals and signatures</Th>
          </tr>
        </THead>
        <TBody>
          {trail.participants.map((p) => (
            <Tr key={p.nodeId}>
              <Td>
                <span className="block">{KINDS[p.kind] ?? p.kind}</span>
                <span className="text-xs text-zinc-500">
                  {p.holderName} · {p.holderType}
                  {p.label ? ` · ${p.label}` : ""}
                </span>
              </Td>
              <Td>
                <Mono value={p.nodeId} className="max-w-[14rem]" />
              </Td>
              <Td>{p.signer ? "yes" : "no"}</Td>
              <Td>{p.acts ? <Events events={p.events} /> : <span className="text-zinc-500">does not sign</span>}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {trail.unattributed.length > 0 ? (
        <div className="border-t border-zinc-100 px-4 py-3 text-sm">
          <p className="mb-1 text-xs text-zinc-500">Reported by the app, from a device it did not name:</p>
          <Events events={trail.unattributed} />
        </div>
      ) : null}
    </div>
  );
}
