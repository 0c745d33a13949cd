import type { Metadata } from "next";
import { AdminOnlyNotice } from "@/components/actions/admin-only-notice";
import { AddAddressRuleForm } from "@/components/risk/add-address-rule-form";
import { AddRiskLimitForm } from "@/components/risk/add-risk-limit-form";
import { AddressRulesTable } from "@/components/risk/address-rules-table";
import { RecentRiskDecisionsTable } from "@/components/risk/risk-decisions-table";
import { RiskLimitsTable } from "@/components/risk/risk-limits-table";
import { formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { TextLink } from "@/components/ui/text-link";
import { createAddressRuleAction, createRiskLimitAction, deleteAddressRuleAction, deleteRiskLimitAction } from "@/app/(console)/risk/actions";
import { requireConsoleUser } from "@/lib/server/auth/console-session";
import { listAddressRules } from "@/lib/server/risk/list-address-rules";
import { listRiskDecisions } from "@/lib/server/risk/list-risk-decisions";
import { listRiskLimits } from "@/lib/server/risk/list-risk-limits";

export const metadata: Metadata = { title: "Risk" };

const RECENT_DECISIONS = 10;

export default async function RiskPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireConsoleUser();
  const isAdmin = user.role === "admin";
  const [limits, rules, recent] = await Promise.all([
    listRiskLimits(),
    // the query string belongs to the address rules table, the one paged list on this page
    listAddressRules(await searchParams),
    listRiskDecisions({ pageSize: String(RECENT_DECISIONS) }),
  ]);
  return (
    <>
      <PageHeader
        title="Risk"
        description="The policy behind Cobo's risk-control callback: before Cobo signs a withdrawal it asks us, and we answer ok or deny by these rules (and each user's pause)."
      />
      <div className="space-y-5">
        {isAdmin ? null : <AdminOnlyNotice>Admin actions need the admin role: adding and deleting limits and address rules.</AdminOnlyNotice>}
        <Section
          title="Amount limits"
          description="The most a user or a wallet may withdraw of one token over a rolling window; every limit that applies must hold."
          flush
        >
          <RiskLimitsTable limits={limits} deleteAction={isAdmin ? deleteRiskLimitAction : undefined} />
          {isAdmin ? (
            <div className="border-t border-zinc-200 p-4">
              <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Add a limit</h3>
              <AddRiskLimitForm action={createRiskLimitAction} />
            </div>
          ) : null}
        </Section>
        <Section title="Address rules" description="Destination allow and deny lists, per chain." flush>
          <AddressRulesTable result={rules} deleteAction={isAdmin ? deleteAddressRuleAction : undefined} />
          {isAdmin ? (
            <div className="border-t border-zinc-200 p-4">
              <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Add a rule</h3>
              <AddAddressRuleForm action={createAddressRuleAction} />
            </div>
          ) : null}
        </Section>
        <Section title="Recent callback decisions" description="What we answered Cobo, newest first." flush>
          <RecentRiskDecisionsTable
            rows={recent.rows}
            footer={
              recent.total > 0 ? (
                <span className="text-zinc-500">
                  {recent.total > recent.rows.length ? `Showing the ${formatCount(recent.rows.length)} most recent of ${formatCount(recent.total)}. ` : null}
                  <TextLink href="/risk/decisions">All decisions →</TextLink>
                </span>
              ) : undefined
            }
          />
        </Section>
      </div>
    </>
  );
}
