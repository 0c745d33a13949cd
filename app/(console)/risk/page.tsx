import type { Metadata } from "next";
import { AdminOnlyNotice } from "@/components/actions/admin-only-notice";
import { AddAddressRuleForm } from "@/components/risk/add-address-rule-form";
import { AddRiskLimitForm } from "@/components/risk/add-risk-limit-form";
import { formatTotal } from "@/components/data-table/href";
import { AddressRulesTable } from "@/components/risk/address-rules-table";
import { RecentRiskDecisionsTable } from "@/components/risk/risk-decisions-table";
import { RiskLimitsTable } from "@/components/risk/risk-limits-table";
import { formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { TextLink } from "@/components/ui/text-link";
import {
  createAddressRuleAction,
  createRiskLimitAction,
  deleteAddressRuleAction,
  deleteRiskLimitAction,
  retryCallbackMessageAction,
} from "@/app/(console)/risk/actions";
import { FailedCallbacksTable } from "@/components/risk/failed-callbacks-table";
import { consoleMessage } from "@/lib/http/console-message";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { listFailedCallbackMessages, type FailedCallbackMessage } from "@/lib/server/risk/callback-messages";
import { requireConsoleUser } from "@/lib/http/console-session";
import { listAddressRules } from "@/lib/console/list-address-rules";
import { listRiskDecisions } from "@/lib/console/list-risk-decisions";
import { listRiskLimits } from "@/lib/console/list-risk-limits";

export const metadata: Metadata = { title: "Risk" };

const RECENT_DECISIONS = 10;

/** Cobo's Failed callback messages, or what went wrong asking (the page still renders). */
async function failedCallbacks(): Promise<{ rows: FailedCallbackMessage[]; error: string | null }> {
  try {
    return { rows: await listFailedCallbackMessages(), error: null };
  } catch (error) {
    if (!isAppError(error)) logger.error({ err: error }, "listing failed callback messages failed");
    const why = isAppError(error) ? consoleMessage(error) : "an unexpected error (logged).";
    return { rows: [], error: `Cobo could not be asked for failed callback messages: ${why}` };
  }
}

export default async function RiskPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireConsoleUser();
  const isAdmin = user.role === "admin";
  const [limits, rules, recent, failed] = await Promise.all([
    listRiskLimits(),
    // the query string belongs to the address rules table, the one paged list on this page
    listAddressRules(await searchParams),
    listRiskDecisions({ pageSize: String(RECENT_DECISIONS) }),
    failedCallbacks(),
  ]);
  return (
    <>
      <PageHeader
        title="Risk"
        description="The withdrawal policy: every transfer is checked by these rules (and each user's pause) before it is sent to Cobo, and again when Cobo's risk-control callback asks us before signing."
      />
      <div className="space-y-5">
        {isAdmin ? null : (
          <AdminOnlyNotice>
            Admin actions need the admin role: adding and deleting limits and address rules, retrying failed callback messages.
          </AdminOnlyNotice>
        )}
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
        <div id="failed-callbacks">
          <Section
            title="Failed callback messages"
            description="Callbacks Cobo gave up delivering after 30 attempts: their withdrawals wait in PendingAuthorization. Fix the cause (endpoint down, signature refused, callback URL), then retry."
            flush
          >
            <FailedCallbacksTable rows={failed.rows} error={failed.error} retryAction={isAdmin ? retryCallbackMessageAction : undefined} />
          </Section>
        </div>
        <Section title="Recent risk decisions" description="Before submission and in answer to Cobo's callback, newest first." flush>
          <RecentRiskDecisionsTable
            rows={recent.rows}
            footer={
              recent.total.value > 0 ? (
                <span className="text-zinc-500">
                  {recent.total.value > recent.rows.length
                    ? `Showing the ${formatCount(recent.rows.length)} most recent of ${formatTotal(recent.total)}. `
                    : null}
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
