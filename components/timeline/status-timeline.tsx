import type { TimelineEntry, TimelineRiskDecision } from "@/lib/console/timeline";
import { CoboErrorText } from "@/components/timeline/cobo-error-text";
import { RiskRuleLabel, RiskStageLabel } from "@/components/risk/risk-decision-labels";
import { Badge, SourceBadge, StatusBadge, type Tone } from "@/components/ui/badge";
import { toneOf } from "@/lib/domain/status/catalogs";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Mono } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

const DOT: Record<Tone, string> = {
  success: "bg-emerald-500",
  danger: "bg-red-500",
  warning: "bg-amber-400",
  info: "bg-sky-500",
  neutral: "bg-zinc-400",
  violet: "bg-violet-500",
};

/**
 * Every recorded status change, oldest first, including those that did not move the record
 * (late or duplicate webhooks, app reports): seeing them is how support explains a stuck request.
 */
export function StatusTimeline({
  subject,
  entries,
  label,
  decisions = [],
}: {
  /** whose statuses these are: their catalog colours the badges and dots */
  subject: "transaction" | "tss_request";
  entries: TimelineEntry[];
  label: string;
  /** risk decisions about it, shown inline in time order */
  decisions?: TimelineRiskDecision[];
}) {
  type Item = { kind: "status"; at: string; entry: TimelineEntry } | { kind: "decision"; at: string; decision: TimelineRiskDecision };
  const items: Item[] = [
    ...entries.map((entry): Item => ({ kind: "status", at: entry.occurredAt, entry })),
    ...decisions.map((decision): Item => ({ kind: "decision", at: decision.occurredAt, decision })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind === b.kind ? 0 : a.kind === "status" ? -1 : 1));
  if (items.length === 0)
    return (
      <EmptyState
        title="No status changes recorded yet"
        description="Changes appear here as webhooks arrive, polling reconciles with Cobo, or the app reports."
      />
    );
  return (
    <ol aria-label={label} className="relative">
      {items.map((item, index) =>
        item.kind === "decision" ? (
          <RiskDecisionItem key={`d-${item.decision.id}`} d={item.decision} last={index === items.length - 1} />
        ) : (
          <StatusItem key={item.entry.id} subject={subject} entry={item.entry} last={index === items.length - 1} />
        ),
      )}
    </ol>
  );
}

function RiskDecisionItem({ d, last }: { d: TimelineRiskDecision; last: boolean }) {
  return (
    <li className="relative flex gap-3 pb-4 last:pb-0" aria-label={`Risk decision: ${d.decision === "ok" ? "allowed" : "denied"}`}>
      {last ? null : <span aria-hidden="true" className="absolute top-3 left-[5px] h-full w-px bg-zinc-200" />}
      <span
        aria-hidden="true"
        className={`relative mt-1.5 size-[11px] shrink-0 rotate-45 ring-2 ring-white ${d.decision === "ok" ? "bg-emerald-500" : "bg-red-500"}`}
      />
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <span className="text-xs text-zinc-500">
            <DateTime value={d.occurredAt} precision="ms" />
          </span>
          <span className="font-medium text-zinc-800">Risk decision</span>
          <StatusBadge subject="risk_decision" status={d.decision} />
          <RiskStageLabel stage={d.stage} />
          <Badge tone={d.decision === "ok" ? "neutral" : "warning"}>{d.reasonCode || "—"}</Badge>
          <TextLink href={`/risk/decisions/${d.id}`} className="text-xs font-normal">
            Details
          </TextLink>
        </div>
        {d.reasonDetail ? <p className="text-sm text-zinc-700">{d.reasonDetail}</p> : null}
        {d.rule ? (
          <p className="text-xs text-zinc-500">
            Rule: <RiskRuleLabel rule={d.rule} />
          </p>
        ) : null}
      </div>
    </li>
  );
}

function StatusItem({ subject, entry, last }: { subject: "transaction" | "tss_request"; entry: TimelineEntry; last: boolean }) {
  return (
    <li className="relative flex gap-3 pb-4 last:pb-0">
      {last ? null : <span aria-hidden="true" className="absolute top-3 left-[5px] h-full w-px bg-zinc-200" />}
      <span
        aria-hidden="true"
        className={`relative mt-1.5 size-[11px] shrink-0 rounded-full ring-2 ring-white ${
          entry.applied ? DOT[toneOf(subject, entry.toStatus)] : "border border-dashed border-zinc-400 bg-white"
        }`}
      />
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <span className="text-xs text-zinc-500">
            <DateTime value={entry.occurredAt} precision="ms" />
          </span>
          {entry.fromStatus ? (
            <>
              <StatusBadge subject={subject} status={entry.fromStatus} />
              <span aria-label="to" className="text-zinc-500">
                →
              </span>
            </>
          ) : (
            <span className="text-xs text-zinc-500">(initial)</span>
          )}
          <StatusBadge subject={subject} status={entry.toStatus} />
          {entry.subStatus ? (
            <span className="text-xs text-zinc-600" title="Sub-status">
              {entry.subStatus}
            </span>
          ) : null}
          <SourceBadge source={entry.source} />
          {entry.applied ? (
            <span className="text-xs text-emerald-700">applied</span>
          ) : (
            <Badge tone="neutral" title="Recorded for the timeline; the record's status did not change">
              recorded only
            </Badge>
          )}
        </div>
        {entry.note ? <p className="text-sm text-zinc-700">{entry.note}</p> : null}
        {entry.coboError ? <CoboErrorText error={entry.coboError} /> : null}
        {entry.webhookEvent ? (
          <p className="flex min-w-0 items-center gap-1.5 text-xs text-zinc-500">
            <span>Webhook</span>
            <TextLink href={`/webhooks/${entry.webhookEvent.id}`} className="font-normal">
              <Mono value={entry.webhookEvent.eventId} className="max-w-[16rem]" />
            </TextLink>
            <span className="font-mono">{entry.webhookEvent.type}</span>
          </p>
        ) : null}
        {entry.payload ? (
          <details className="group text-xs">
            <summary className="cursor-pointer text-zinc-500 select-none hover:text-zinc-800">Payload</summary>
            <pre className="mt-1 max-h-72 overflow-auto rounded-md bg-zinc-50 p-2 font-mono text-[0.75rem] text-zinc-800 ring-1 ring-zinc-200">
              {entry.payload}
            </pre>
          </details>
        ) : null}
      </div>
    </li>
  );
}
