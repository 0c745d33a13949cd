import type { Metadata } from "next";
import Link from "next/link";
import { AdminOnlyNotice } from "@/components/actions/admin-only-notice";
import { AttentionTable } from "@/components/needs-attention/attention-table";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { DetailList } from "@/components/ui/detail-list";
import { formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { TextLink } from "@/components/ui/text-link";
import { acknowledgeAttentionAction } from "@/app/(console)/needs-attention/actions";
import { requireConsoleUser } from "@/lib/http/console-session";
import { getNeedsAttention } from "@/lib/console/get-needs-attention";
import { ATTENTION_KINDS, ATTENTION_KIND_LABELS, isAttentionKind } from "@/lib/domain/attention";

export const metadata: Metadata = { title: "Needs attention" };

const ALERT_TONE: Record<string, "success" | "warning" | "danger" | "neutral"> = {
  delivered: "success",
  pending: "warning",
  failed: "danger",
  not_sent: "neutral",
};

export default async function NeedsAttentionPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireConsoleUser();
  const isAdmin = user.role === "admin";
  const kindParam = (await searchParams).kind;
  const kind = isAttentionKind(kindParam) ? kindParam : null;
  const { queue, settings, recentAlerts } = await getNeedsAttention();
  const items = kind ? queue.items.filter((i) => i.kind === kind) : queue.items;
  const chip = (href: string, label: string, count: number, current: boolean) => (
    <Link
      key={href}
      href={href}
      aria-current={current ? "page" : undefined}
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs ring-1 ${
        current ? "bg-zinc-900 text-white ring-zinc-900" : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50"
      }`}
    >
      {label}
      <span className="font-semibold tabular-nums" data-testid={`attention-count-${href.split("=")[1] ?? "all"}`}>
        {formatCount(count)}
        {queue.capped && count >= 1000 ? "+" : ""}
      </span>
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Needs attention"
        description="What is stuck, failed or drifted, oldest first: TSS requests and device approvals past their thresholds, failed and rejected withdrawals, webhook events that fail to apply, failed risk-control callbacks and open reconciliation drift."
        meta={
          <span className="text-xs text-zinc-500">
            As of <DateTime value={queue.generatedAt} />
          </span>
        }
      />
      <nav aria-label="Filter by class" className="mb-3 flex flex-wrap gap-1.5">
        {chip("/needs-attention", "All", queue.total, kind === null)}
        {ATTENTION_KINDS.map((k) => chip(`/needs-attention?kind=${k}`, ATTENTION_KIND_LABELS[k], queue.counts[k], kind === k))}
      </nav>
      <Card>
        <AttentionTable items={items} acknowledgeAction={isAdmin ? acknowledgeAttentionAction : undefined} />
        {items.length < (kind ? queue.counts[kind] : queue.total) ? (
          <p className="border-t border-zinc-200 px-4 py-2 text-xs text-zinc-600">
            Showing the oldest {formatCount(items.length)}; acknowledge or resolve them to see the rest.
          </p>
        ) : null}
      </Card>
      {isAdmin ? null : (
        <div className="mt-3">
          <AdminOnlyNotice>Admins acknowledge items (with a reason) to take them off the queue.</AdminOnlyNotice>
        </div>
      )}
      <div className="mt-5 grid grid-cols-1 gap-5 lg:grid-cols-2">
        <Section
          title="Thresholds"
          description={
            <>
              Set by admins in <TextLink href="/settings#needs-attention">Settings</TextLink>.
            </>
          }
        >
          <DetailList
            items={[
              { label: "TSS request pending after", value: `${settings.tssPendingMinutes} min` },
              { label: "Waiting for the device after", value: `${settings.deviceWaitMinutes} min` },
              { label: "Failed withdrawals of the last", value: `${settings.failedWithdrawalHours} h` },
              { label: "Webhook failing after", value: `${settings.webhookFailedMinutes} min` },
              { label: "Callback failures of the last", value: `${settings.callbackFailureHours} h` },
              {
                label: "Alert at",
                value: `${formatCount(settings.alertQueueSize)} items (cool-down ${settings.alertCooldownMinutes} min)`,
              },
            ]}
          />
        </Section>
        <Section title="Recent alerts" description="Sent when the queue reaches the alert size or a new class of item appears.">
          {recentAlerts.length === 0 ? (
            <p className="text-sm text-zinc-600">No alert yet.</p>
          ) : (
            <ul className="space-y-1.5 text-sm" data-testid="recent-alerts">
              {recentAlerts.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center gap-2">
                  <DateTime value={a.createdAt} />
                  <span>{a.trigger === "threshold_crossed" ? "queue reached the alert size" : "new class of item"}</span>
                  <span className="text-zinc-500">({formatCount(a.itemCount)} items)</span>
                  <Badge tone={ALERT_TONE[a.status] ?? "neutral"}>{a.status.replace("_", " ")}</Badge>
                  {a.lastError ? <span className="text-xs text-zinc-500">{a.lastError}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </>
  );
}
