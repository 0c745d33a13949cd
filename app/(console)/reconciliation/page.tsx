import type { Metadata } from "next";
import { AdminOnlyNotice } from "@/components/actions/admin-only-notice";
import { StatCard } from "@/components/dashboard/stat-card";
import { DriftsTable, UnresolvedDriftsTable } from "@/components/reconciliation/drifts-table";
import { RunReconciliationForm } from "@/components/reconciliation/run-reconciliation-form";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { runReconciliationAction } from "@/app/(console)/reconciliation/actions";
import { requireConsoleUser } from "@/lib/http/console-session";
import { getReconciliationOverview, UNRESOLVED_LIMIT } from "@/lib/console/get-reconciliation-overview";
import { listDrifts } from "@/lib/console/list-drifts";

export const metadata: Metadata = { title: "Reconciliation" };

function Since({ value, what }: { value: string | null; what: string }) {
  if (!value) return null;
  return (
    <>
      {what} <DateTime value={value} />
    </>
  );
}

export default async function ReconciliationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireConsoleUser();
  const [overview, drifts] = await Promise.all([getReconciliationOverview(), listDrifts(await searchParams)]);
  const { drift } = overview;
  return (
    <>
      <PageHeader
        title="Reconciliation"
        description="The safety net under webhooks: open records are re-read from Cobo, stuck inbox events applied, and every difference found is recorded as drift."
        meta={
          <span className="text-xs text-zinc-500">
            As of <DateTime value={overview.generatedAt} />
          </span>
        }
      />
      <div className="space-y-5">
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-3 xl:grid-cols-6">
          <StatCard
            label="Open TSS requests"
            value={overview.tssRequests.open}
            href="/tss-requests"
            hint={<Since value={overview.tssRequests.oldestOpenAt} what="oldest" />}
          />
          <StatCard
            label="Open transactions"
            value={overview.transactions.open}
            href="/transactions"
            hint={
              overview.transactions.unanswered > 0 ? (
                `${formatCount(overview.transactions.unanswered)} never answered by Cobo`
              ) : (
                <Since value={overview.transactions.oldestOpenAt} what="oldest" />
              )
            }
          />
          <StatCard
            label="Webhook inbox backlog"
            value={overview.webhooks.received}
            href="/webhooks?status=received"
            hint={
              overview.webhooks.oldestReceivedAt ? (
                <Since value={overview.webhooks.oldestReceivedAt} what="oldest" />
              ) : (
                "received, not yet applied"
              )
            }
            tone="attention"
          />
          <StatCard
            label="Webhooks failed"
            value={overview.webhooks.failed}
            href="/webhooks?status=failed"
            hint="retried with backoff"
            tone="attention"
          />
          <StatCard
            label="Push deliveries pending"
            value={overview.outbound.pending}
            hint={
              overview.outbound.oldestPendingAt ? (
                <Since value={overview.outbound.oldestPendingAt} what="oldest" />
              ) : (
                "to the outbound push hook"
              )
            }
            tone="attention"
          />
          <StatCard label="Push deliveries failed" value={overview.outbound.failed} hint="gave up after retries" tone="attention" />
        </div>

        <Section title="Run now" description="Reconciliation also runs on a schedule; run it at once after an outage.">
          {user.role === "admin" ? <RunReconciliationForm action={runReconciliationAction} /> : <AdminOnlyNotice />}
        </Section>

        <Section
          title="Unresolved drift"
          description={`${formatCount(drift.unresolvedTotal)} open · ${formatCount(drift.last24h)} recorded in the last 24 h`}
          flush
        >
          <UnresolvedDriftsTable
            rows={drift.unresolved}
            footer={
              drift.unresolvedTotal > UNRESOLVED_LIMIT ? (
                <span className="text-zinc-500">
                  Showing the {formatCount(UNRESOLVED_LIMIT)} most recent of {formatCount(drift.unresolvedTotal)}; filter the list below by
                  state “open” for all.
                </span>
              ) : undefined
            }
          />
        </Section>

        <section aria-labelledby="all-drift-heading" className="space-y-2">
          <h2 id="all-drift-heading" className="text-sm font-semibold text-zinc-900">
            All drift
          </h2>
          <Card>
            <DriftsTable result={drifts} />
          </Card>
        </section>
      </div>
    </>
  );
}
