import type { Metadata } from "next";
import { AdminOnlyNotice } from "@/components/actions/admin-only-notice";
import { ApprovalDecision } from "@/components/approvals/approval-decision";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { TextLink } from "@/components/ui/text-link";
import { approveRequestAction, cancelRequestAction, rejectRequestAction } from "@/app/(console)/approvals/actions";
import { requireConsoleUser } from "@/lib/http/console-session";
import { listApprovalRequests, type ApprovalRequestView } from "@/lib/console/list-approval-requests";
import { APPROVABLE_ACTION_LABELS, APPROVAL_CATEGORY_LABELS, APPROVAL_TTL_HOURS } from "@/lib/domain/approvals";
import { countActiveAdmins, expireApprovalRequests } from "@/lib/server/approvals/approval-requests";

export const metadata: Metadata = { title: "Approvals" };

// Second-person approval (lib/http/console-action.ts): what admins asked for that waits for another
// admin, and what was decided lately. Support staff read it; only admins other than the requester decide.

export default async function ApprovalsPage() {
  const user = await requireConsoleUser();
  const isAdmin = user.role === "admin";
  await expireApprovalRequests();
  const [{ pending, recent }, admins] = await Promise.all([listApprovalRequests(), countActiveAdmins()]);
  const actions = { approve: approveRequestAction, reject: rejectRequestAction, cancel: cancelRequestAction };
  return (
    <>
      <PageHeader
        title="Approvals"
        description={`Sensitive admin actions wait here for a second admin when the approval policy (Settings) requires it. Approving runs the action at once, as the admin who asked; requests expire after ${APPROVAL_TTL_HOURS} hours.`}
      />
      <div className="space-y-5">
        {isAdmin ? null : <AdminOnlyNotice>Requests are approved or rejected by admins other than the one who asked.</AdminOnlyNotice>}
        {admins < 2 ? (
          <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset">
            There is only {admins === 1 ? "one active admin" : "no active admin"}: a request can be made, but a second admin is needed to
            approve it. Add one in Settings (with the policy for new admins on, the first admin cannot approve that alone either: use{" "}
            <code className="font-mono text-xs">npm run console-user -- create --role admin</code> on the server).
          </p>
        ) : null}
        <Section title="Pending" description="Oldest first. The admin who asked can cancel; any other admin approves or rejects." flush>
          {pending.length === 0 ? (
            <EmptyState title="Nothing waits for approval" />
          ) : (
            <ul className="divide-y divide-zinc-200">
              {pending.map((r) => (
                <li key={r.id} className="grid gap-3 p-4 md:grid-cols-[minmax(0,1fr)_16rem]" aria-label={subjectOf(r)}>
                  <RequestDetails request={r} />
                  {isAdmin ? (
                    <ApprovalDecision id={r.id} subject={subjectOf(r)} own={r.requestedById === user.id} actions={actions} />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section
          title="Recently decided"
          description="The latest 50 requests that were approved, failed, rejected, cancelled or expired."
          flush
        >
          {recent.length === 0 ? (
            <EmptyState title="No decided requests yet" />
          ) : (
            <ul className="divide-y divide-zinc-200">
              {recent.map((r) => (
                <li key={r.id} className="p-4" aria-label={subjectOf(r)}>
                  <RequestDetails request={r} />
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </>
  );
}

function subjectOf(r: ApprovalRequestView): string {
  return `${APPROVABLE_ACTION_LABELS[r.action] ?? r.action} (requested by ${r.requestedByEmail})`;
}

function RequestDetails({ request: r }: { request: ApprovalRequestView }) {
  return (
    <div className="min-w-0 space-y-1.5 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-zinc-900">{APPROVABLE_ACTION_LABELS[r.action] ?? r.action}</span>
        <StatusBadge subject="approval_request" status={r.status} />
        <Badge>{APPROVAL_CATEGORY_LABELS[r.category] ?? r.category}</Badge>
        <span className="font-mono text-xs text-zinc-500">{r.action}</span>
      </div>
      {r.input.length > 0 ? (
        <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs" data-testid="approval-input">
          {r.input.map((e) => (
            <div key={e.key} className="flex min-w-0 gap-1">
              <dt className="text-zinc-500">{e.key}</dt>
              <dd className="max-w-[28rem] truncate font-mono text-zinc-900" title={e.value}>
                {e.value}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {r.userId ? (
        <p className="text-xs">
          <TextLink href={`/users/${r.userId}`}>Open the app user →</TextLink>
        </p>
      ) : null}
      <p className="text-xs text-zinc-700">
        <span className="text-zinc-500">Requested by</span> {r.requestedByEmail} <DateTime value={r.createdAt} />
        {r.status === "pending" ? (
          <>
            {" "}
            · <span className="text-zinc-500">expires</span> <DateTime value={r.expiresAt} />
          </>
        ) : null}
      </p>
      <p className="text-xs text-zinc-700">
        <span className="text-zinc-500">Reason:</span> {r.reason}
      </p>
      {r.decidedByEmail ? (
        <p className="text-xs text-zinc-700">
          <span className="text-zinc-500">
            {r.status === "cancelled" ? "Cancelled by" : r.status === "rejected" ? "Rejected by" : "Approved by"}
          </span>{" "}
          {r.decidedByEmail} {r.decidedAt ? <DateTime value={r.decidedAt} /> : null}
          {r.decisionReason ? <> · {r.decisionReason}</> : null}
        </p>
      ) : null}
      {r.result && !r.result.ok ? (
        <p className="text-xs text-red-700">
          The action failed{r.result.code ? ` (${r.result.code})` : ""}: {r.result.message}
        </p>
      ) : null}
    </div>
  );
}
