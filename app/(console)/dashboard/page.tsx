import type { Metadata } from "next";
import { StatCard } from "@/components/dashboard/stat-card";
import { StatusBreakdown } from "@/components/dashboard/status-breakdown";
import { RecentTransactionsTable } from "@/components/transactions/transactions-table";
import { RecentTssRequestsTable } from "@/components/tss-requests/tss-requests-table";
import { formatCount } from "@/components/ui/format";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { TextLink } from "@/components/ui/text-link";
import { requireConsoleUser } from "@/lib/http/console-session";
import { getDashboardStats } from "@/lib/console/get-dashboard-stats";
import { getNeedsAttentionCount } from "@/lib/console/get-needs-attention";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requireConsoleUser();
  const [stats, attention] = await Promise.all([getDashboardStats(), getNeedsAttentionCount()]);
  return (
    <>
      <PageHeader
        title="Dashboard"
        meta={
          <span className="text-xs text-zinc-500">
            As of <DateTime value={stats.generatedAt} />
          </span>
        }
      />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4 xl:grid-cols-7">
        <StatCard label="Needs attention" value={attention} href="/needs-attention" hint="stuck, failed, drifted" tone="attention" />
        <StatCard label="App users" value={stats.users} href="/users" />
        <StatCard
          label="Vaults"
          value={stats.vaults}
          href="/vaults"
          hint={`${formatCount(stats.vaultsWithActiveMainGroup)} with an active Main Group`}
        />
        <StatCard label="TSS requests pending" value={stats.tssPendingTotal} href="/tss-requests" hint="not yet Success or failed" />
        <StatCard label="Transactions, last 24 h" value={stats.transactionsLast24hTotal} href="/transactions" />
        <StatCard
          label="Webhook backlog"
          value={stats.webhooks.backlog}
          href="/webhooks?status=received"
          hint="received, not yet applied"
          tone="attention"
        />
        <StatCard
          label="Webhooks failed"
          value={stats.webhooks.failed}
          href="/webhooks?status=failed"
          hint={`${formatCount(stats.webhooks.refusedLast24h)}${stats.webhooks.refusedAtLeast ? "+" : ""} refused deliveries in 24 h`}
          tone="attention"
        />
      </div>
      <div className="mt-5 grid grid-cols-1 gap-5 lg:grid-cols-2">
        <Section title="Pending TSS requests by status">
          <StatusBreakdown
            subject="tss_request"
            label="Pending TSS requests by status"
            counts={stats.tssPendingByStatus}
            hrefFor={(status) => `/tss-requests?status=${encodeURIComponent(status)}`}
            emptyText="No TSS request is waiting: every request has reached Success or failed."
          />
        </Section>
        <Section title="Transactions in the last 24 h by status">
          <StatusBreakdown
            subject="transaction"
            label="Transactions in the last 24 hours by status"
            counts={stats.transactionsLast24hByStatus}
            hrefFor={(status) => `/transactions?status=${encodeURIComponent(status)}`}
            emptyText="No transaction was created in the last 24 hours."
          />
        </Section>
      </div>
      <div className="mt-5 space-y-5">
        <Section title="Recent TSS requests" flush>
          <RecentTssRequestsTable
            caption="Recent TSS requests"
            rows={stats.recentTssRequests}
            hiddenColumns={["targetGroup", "updatedAt"]}
            footer={stats.recentTssRequests.length > 0 ? <TextLink href="/tss-requests">All TSS requests →</TextLink> : undefined}
          />
        </Section>
        <Section title="Recent transactions" flush>
          <RecentTransactionsTable
            caption="Recent transactions"
            rows={stats.recentTransactions}
            footer={stats.recentTransactions.length > 0 ? <TextLink href="/transactions">All transactions →</TextLink> : undefined}
          />
        </Section>
      </div>
    </>
  );
}
