import type { Metadata } from "next";
import { RiskDecisionsTable } from "@/components/risk/risk-decisions-table";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireConsoleUser } from "@/lib/http/console-session";
import { listRiskDecisions } from "@/lib/console/list-risk-decisions";

export const metadata: Metadata = { title: "Risk decisions" };

export default async function RiskDecisionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireConsoleUser();
  const result = await listRiskDecisions(await searchParams);
  return (
    <>
      <PageHeader
        eyebrow={<Breadcrumb parent={{ href: "/risk", label: "Risk" }} current="Decisions" />}
        title="Risk-control decisions"
        description="Every answer to Cobo's risk-control callback. Requests with a bad signature are recorded too, but never reached Cobo's decision."
      />
      <Card>
        <RiskDecisionsTable result={result} />
      </Card>
    </>
  );
}
