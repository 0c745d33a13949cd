import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DateTime } from "@/components/ui/date-time";
import { DetailList } from "@/components/ui/detail-list";
import { EmptyState } from "@/components/ui/empty-state";
import { IdValue } from "@/components/ui/id-value";
import { Mono } from "@/components/ui/mono";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { reapplyWebhookEventAction } from "@/app/(console)/webhooks/actions";
import { ReapplyButton } from "@/components/webhooks/reapply-button";
import { requireConsoleUser } from "@/lib/http/console-session";
import { getWebhookEvent } from "@/lib/console/get-webhook-event";

export const metadata: Metadata = { title: "Webhook event" };

export default async function WebhookEventPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireConsoleUser();
  const { id } = await params;
  const e = await getWebhookEvent(id);
  if (!e) notFound();
  return (
    <>
      <PageHeader
        eyebrow={<Breadcrumb parent={{ href: "/webhooks", label: "Webhooks" }} current={e.eventId} />}
        title={<span className="font-mono text-lg">{e.type}</span>}
        meta={
          <>
            <StatusBadge subject="webhook_event" status={e.status} />
            <span className="flex items-center gap-1 text-xs text-zinc-500">
              signature <StatusBadge subject="signature" status={e.signatureResult} />
            </span>
          </>
        }
      />
      <div className="space-y-5">
        <Section title="Event">
          <DetailList
            items={[
              {
                label: "About",
                value: e.subject ? (
                  <TextLink href={e.subject.href} className="font-normal">
                    {e.subject.label} <Mono value={e.subject.coboId} className="max-w-[20rem]" />
                  </TextLink>
                ) : (
                  <span className="text-zinc-500">No record of ours (yet)</span>
                ),
                wide: true,
              },
              { label: "Event id", value: <IdValue value={e.eventId} label="event id" /> },
              { label: "Type", value: <Mono value={e.type} className="" /> },
              { label: "Status", value: <StatusBadge subject="webhook_event" status={e.status} /> },
              { label: "Signature", value: <StatusBadge subject="signature" status={e.signatureResult} /> },
              { label: "Source", value: <Badge tone="neutral">{e.source}</Badge> },
              { label: "Attempts", value: <span className="tabular-nums">{e.attempts}</span> },
              { label: "Created at Cobo", value: <DateTime value={e.coboCreatedAt} /> },
              { label: "Received", value: <DateTime value={e.receivedAt} precision="ms" /> },
              { label: "Applied", value: <DateTime value={e.appliedAt} precision="ms" /> },
              {
                label: "Last error",
                value: e.lastError ? (
                  <span className="font-mono text-xs break-all text-red-700">{e.lastError}</span>
                ) : (
                  <span className="text-zinc-500">—</span>
                ),
                wide: true,
              },
            ]}
          />
        </Section>
        {viewer.role === "admin" && (e.signatureResult === "valid" || e.signatureResult === "api") ? (
          <Section
            title="Re-apply"
            description="Applies the stored event again, e.g. after fixing what made it fail. Applying is idempotent: state only moves as the status rules allow. Say why; the reason is kept in the audit log."
          >
            <ReapplyButton action={reapplyWebhookEventAction} id={e.id} eventId={e.eventId} />
          </Section>
        ) : null}
        <Section title="Changes caused by this event" flush>
          {e.changes.length === 0 ? (
            <EmptyState
              title="No status change recorded for this event"
              description={
                e.signatureResult === "valid"
                  ? "The event has not been applied yet, or it concerned something without a timeline (e.g. a new address)."
                  : "Events with an invalid signature are never applied."
              }
            />
          ) : (
            <Table caption="Status changes caused by this webhook event">
              <THead>
                <tr>
                  <Th>Time</Th>
                  <Th>Record</Th>
                  <Th>Change</Th>
                  <Th>Applied</Th>
                </tr>
              </THead>
              <TBody>
                {e.changes.map((c) => (
                  <Tr key={c.id}>
                    <Td>
                      <DateTime value={c.occurredAt} precision="ms" />
                    </Td>
                    <Td>
                      <span className="flex min-w-0 items-center gap-1.5">
                        <span className="text-xs text-zinc-500">{c.targetKind === "tss-request" ? "TSS request" : "Transaction"}</span>
                        <TextLink
                          href={c.targetKind === "tss-request" ? `/tss-requests/${c.targetId}` : `/transactions/${c.targetId}`}
                          className="font-normal"
                        >
                          <Mono value={c.targetCoboId ?? c.targetId} className="max-w-[16rem]" />
                        </TextLink>
                      </span>
                    </Td>
                    <Td>
                      <span className="flex items-center gap-1.5">
                        {c.fromStatus ? (
                          <StatusBadge subject={c.targetKind === "tss-request" ? "tss_request" : "transaction"} status={c.fromStatus} />
                        ) : (
                          <span className="text-xs text-zinc-500">(initial)</span>
                        )}
                        <span className="text-zinc-500" aria-label="to">
                          →
                        </span>
                        <StatusBadge subject={c.targetKind === "tss-request" ? "tss_request" : "transaction"} status={c.toStatus} />
                      </span>
                    </Td>
                    <Td>{c.applied ? "applied" : <Badge tone="neutral">recorded only</Badge>}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </Section>
        <Section
          title="Raw body"
          description={
            e.body.isJson ? "Indented for reading; every value is exactly as received." : "Not valid JSON: shown exactly as received."
          }
        >
          <pre
            aria-label="Raw webhook body"
            className="max-h-[32rem] overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-100"
          >
            {e.body.text}
          </pre>
        </Section>
      </div>
    </>
  );
}
