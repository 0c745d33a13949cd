import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusTimeline } from "@/components/timeline/status-timeline";
import { GroupSummary } from "@/components/tss-requests/group-summary";
import { RequestedByValue } from "@/components/tss-requests/requested-by";
import { StatusBadge } from "@/components/ui/badge";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DateTime } from "@/components/ui/date-time";
import { DetailList } from "@/components/ui/detail-list";
import { IdValue } from "@/components/ui/id-value";
import { Mono, PENDING_AT_COBO } from "@/components/ui/mono";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { TextLink } from "@/components/ui/text-link";
import { CancelAtCoboForm } from "@/components/actions/cancel-at-cobo-form";
import { RereadButton } from "@/components/actions/reread-button";
import { cancelTssRequestAction, rereadTssRequestAction } from "@/app/(console)/tss-requests/actions";
import { isFinalTssStatus } from "@/lib/server/tss-requests/tss-status";
import { requireConsoleUser } from "@/lib/http/console-session";
import { getTssRequestDetail } from "@/lib/console/get-tss-request-detail";
import { getTssRequestApprovalTrail } from "@/lib/console/get-approval-trail";
import { ApprovalTrailTable } from "@/components/timeline/approval-trail";

export const metadata: Metadata = { title: "TSS request" };

export default async function TssRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireConsoleUser();
  const { id } = await params;
  const r = await getTssRequestDetail(id);
  if (!r) notFound();
  const trail = await getTssRequestApprovalTrail(r.id);
  return (
    <>
      <PageHeader
        eyebrow={<Breadcrumb parent={{ href: "/tss-requests", label: "TSS requests" }} current={r.coboTssRequestId} />}
        title={`${r.type} request`}
        meta={
          <>
            <StatusBadge subject="tss_request" status={r.status} />
            <Mono value={r.coboTssRequestId} className="max-w-[24rem] text-zinc-500" />
          </>
        }
      />
      <div className="space-y-5">
        <Section
          title="Request"
          actions={
            viewer.role === "admin" ? (
              <RereadButton action={rereadTssRequestAction} id={r.id} subject={`TSS request ${r.coboTssRequestId}`} />
            ) : undefined
          }
        >
          <DetailList
            items={[
              { label: "Cobo TSS request id", value: <IdValue value={r.coboTssRequestId} label="Cobo TSS request id" /> },
              { label: "Type", value: r.type },
              { label: "Status", value: <StatusBadge subject="tss_request" status={r.status} /> },
              {
                label: "User",
                value: (
                  <TextLink href={`/users/${r.user.id}`} className="font-normal">
                    {r.user.email}
                  </TextLink>
                ),
              },
              {
                label: "Vault",
                value: (
                  <TextLink href={`/vaults/${r.vault.id}`} className="font-normal">
                    <Mono value={r.vault.coboVaultId} placeholder={PENDING_AT_COBO} />
                  </TextLink>
                ),
              },
              { label: "Requested by", value: <RequestedByValue value={r.requestedBy} /> },
              ...(r.cancellation
                ? [
                    {
                      label: "Cancelled",
                      value: (
                        <span>
                          <DateTime value={r.cancellation.at} /> by <RequestedByValue value={r.cancellation.by} />
                          {r.cancellation.reason ? <>: {r.cancellation.reason}</> : null}
                        </span>
                      ),
                      wide: true,
                    },
                  ]
                : []),
              { label: "Description", value: r.description ?? <span className="text-zinc-500">—</span>, wide: true },
              { label: "Created at Cobo", value: <DateTime value={r.coboCreatedAt} /> },
              { label: "Created", value: <DateTime value={r.createdAt} /> },
              { label: "Updated", value: <DateTime value={r.updatedAt} /> },
              { label: "Finalized", value: <DateTime value={r.finalizedAt} /> },
              { label: "Last synced with Cobo", value: <DateTime value={r.lastSyncedAt} /> },
              { label: "Console id", value: <IdValue value={r.id} label="console TSS request id" /> },
            ]}
          />
        </Section>
        {viewer.role === "admin" && !isFinalTssStatus(r.status) ? (
          <Section title="Cancel">
            <CancelAtCoboForm
              action={cancelTssRequestAction}
              id={r.id}
              subject="TSS request"
              description="Asks Cobo to cancel this request while the devices have not generated keys yet. Its group is abandoned and the user can start again (e.g. on the right device). The reason goes on the timeline and in the audit log."
            />
          </Section>
        ) : null}
        <Section title="Key share holder groups">
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
            <GroupSummary title="Source group" group={r.sourceGroup} emptyText="None: key generation from scratch has no source group." />
            <GroupSummary title="Target group" group={r.targetGroup} emptyText="—" />
          </div>
        </Section>
        {trail ? (
          <Section
            title="Participants"
            description="Each key share holder of the target group, and what Cobo (and the app) reported of its confirmation, when. Cobo reports no per-holder approval: confirmation is read from its statuses."
            flush
          >
            <ApprovalTrailTable trail={trail} label="Participants of this TSS request" />
          </Section>
        ) : null}
        <Section title="Timeline" description="Every status change we recorded, oldest first, and where it came from.">
          <StatusTimeline subject="tss_request" entries={r.timeline} label="TSS request status timeline" />
        </Section>
      </div>
    </>
  );
}
