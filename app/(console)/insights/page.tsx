import type { Metadata } from "next";
import Link from "next/link";
import { DenialsChart, TssChart, VolumeChart, WebhookChart } from "@/components/insights/charts";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { requireConsoleUser } from "@/lib/http/console-session";
import { getInsights, INSIGHT_WINDOWS, parseInsightsWindow } from "@/lib/console/get-insights";

export const metadata: Metadata = { title: "Insights" };

export default async function InsightsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireConsoleUser();
  const days = parseInsightsWindow((await searchParams).days);
  const insights = await getInsights(days);
  return (
    <>
      <PageHeader
        title="Insights"
        meta={
          <span className="text-xs text-zinc-500">
            Last {days} days (UTC), as of <DateTime value={insights.generatedAt} /> UTC; refreshed at most once a minute
          </span>
        }
      />
      <div className="mb-4">
        <nav aria-label="Window" className="flex gap-1">
          {INSIGHT_WINDOWS.map((d) => (
            <Link
              key={d}
              href={`/insights?days=${d}`}
              aria-current={d === days ? "page" : undefined}
              className={`rounded-md px-2 py-1 text-xs font-medium ${
                d === days ? "bg-zinc-900 text-white" : "text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-100"
              }`}
            >
              {d} days
            </Link>
          ))}
        </nav>
      </div>
      <div className="space-y-5">
        <Section title="Deposit and withdrawal volume" description="Completed transactions per day created, per token">
          <VolumeChart dayList={insights.dayList} volume={insights.volume} tokens={insights.tokens} />
        </Section>
        <Section title="TSS requests" description="Outcomes by day created, and time from creation to Success">
          <TssChart tss={insights.tss} />
        </Section>
        <Section title="Webhooks" description="Valid deliveries per day received; latency of deliveries Cobo pushed">
          <WebhookChart webhooks={insights.webhooks} />
        </Section>
        <Section title="Risk denials by reason" description="Withdrawals the risk rules denied, by rule">
          <DenialsChart denials={insights.denials} />
        </Section>
      </div>
    </>
  );
}
