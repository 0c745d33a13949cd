import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DateTime } from "@/components/ui/date-time";
import { DetailList } from "@/components/ui/detail-list";
import { IdValue } from "@/components/ui/id-value";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { TextLink } from "@/components/ui/text-link";
import { requireConsoleUser } from "@/lib/http/console-session";
import { getRiskDecision } from "@/lib/console/get-risk-decision";
import { RiskRuleLabel, RiskStageLabel } from "@/components/risk/risk-decision-labels";

export const metadata: Metadata = { title: "Risk decision" };

export default async function RiskDecisionPage({ params }: { params: Promise<{ id: string }> }) {
  await requireConsoleUser();
  const { id } = await params;
  const d = await getRiskDecision(id);
  if (!d) notFound();
  return (
    <>
      <PageHeader
        eyebrow={<Breadcrumb parent={{ href: "/risk/decisions", label: "Risk decisions" }} current={d.requestId ?? d.id} />}
        title={`Answered ${d.decision}`}
        meta={
          <>
            <StatusBadge subject="risk_decision" status={d.decision} />
            <Badge tone={d.decision === "ok" ? "neutral" : "warning"}>{d.reasonCode || "—"}</Badge>
            <span className="text-xs text-zinc-500">
              <DateTime value={d.createdAt} />
            </span>
          </>
        }
      />
      <div className="space-y-5">
        <Section title="Decision">
          <DetailList
            items={[
              { label: "Decision", value: <StatusBadge subject="risk_decision" status={d.decision} /> },
              { label: "Stage", value: <RiskStageLabel stage={d.stage} /> },
              { label: "Reason", value: d.reasonCode || <span className="text-zinc-500">—</span> },
              { label: "Rule", value: d.rule ? <RiskRuleLabel rule={d.rule} /> : <span className="text-zinc-500">—</span> },
              { label: "Signature", value: <StatusBadge subject="signature" status={d.signatureResult} /> },
              { label: "Why", value: d.reasonDetail || <span className="text-zinc-500">—</span>, wide: true },
              {
                label: "Request id",
                value: d.requestId ? (
                  <span className="flex min-w-0 items-center gap-2">
                    <IdValue value={d.requestId} label="request id" />
                    <TextLink href={`/transactions?q=${encodeURIComponent(d.requestId)}`} className="shrink-0 text-xs">
                      Find transaction →
                    </TextLink>
                  </span>
                ) : (
                  <span className="text-zinc-500">—</span>
                ),
              },
              { label: "Cobo transaction id", value: <IdValue value={d.coboTransactionId} label="Cobo transaction id" /> },
              { label: "Cobo wallet id", value: <IdValue value={d.walletId} label="Cobo wallet id" /> },
              { label: "Time", value: <DateTime value={d.createdAt} /> },
            ]}
          />
        </Section>
        <Section
          title="Request body"
          description={
            d.stage === "pre_submission"
              ? "The transfer as the app asked for it (checked before anything was sent to Cobo)."
              : d.signatureResult === "valid"
                ? "As Cobo sent it."
                : "As received. The signature did not verify: this text is not trusted."
          }
        >
          <pre className="max-h-[32rem] overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs text-zinc-800 ring-1 ring-zinc-200">
            {d.rawBody.text}
          </pre>
        </Section>
      </div>
    </>
  );
}
