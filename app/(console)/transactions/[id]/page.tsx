import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusTimeline } from "@/components/timeline/status-timeline";
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
import { RequestedByValue } from "@/components/tss-requests/requested-by";
import { cancelTransactionAction, rereadTransactionAction } from "@/app/(console)/transactions/actions";
import { CANCELLABLE_TRANSACTION_STATUSES } from "@/lib/server/transactions/cancel-transaction";
import { requireConsoleUser } from "@/lib/http/console-session";
import { getTransactionDetail } from "@/lib/console/get-transaction-detail";
import { getTransactionApprovalTrail } from "@/lib/console/get-approval-trail";
import { ApprovalTrailTable } from "@/components/timeline/approval-trail";
import { CoboErrorText } from "@/components/timeline/cobo-error-text";

export const metadata: Metadata = { title: "Transaction" };

function Amount({ value, token }: { value: string | null; token: string | null }) {
  if (value === null) return <span className="text-zinc-500">—</span>;
  return (
    <span>
      <span className="font-mono tabular-nums">{value}</span> {token ? <span className="text-zinc-500">{token}</span> : null}
    </span>
  );
}

const none = <span className="text-zinc-500">—</span>;

export default async function TransactionPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireConsoleUser();
  const { id } = await params;
  const t = await getTransactionDetail(id);
  if (!t) notFound();
  const trail = await getTransactionApprovalTrail(t.id);
  const displayId = t.coboTransactionId ?? t.requestId;
  return (
    <>
      <PageHeader
        eyebrow={<Breadcrumb parent={{ href: "/transactions", label: "Transactions" }} current={displayId} />}
        title={
          <>
            {t.type} <span className="font-mono">{t.amount}</span> <span className="text-zinc-500">{t.tokenId}</span>
          </>
        }
        meta={
          <>
            <StatusBadge subject="transaction" status={t.status} />
            {t.subStatus ? <span className="text-xs text-zinc-600">{t.subStatus}</span> : null}
            <span className="font-mono text-xs text-zinc-500">{t.chainId}</span>
          </>
        }
      />
      <div className="space-y-5">
        <Section
          title="Transaction"
          actions={
            viewer.role === "admin" ? (
              <RereadButton action={rereadTransactionAction} id={t.id} subject={`transaction ${displayId}`} />
            ) : undefined
          }
        >
          <DetailList
            items={[
              {
                label: "Cobo transaction id",
                value: t.coboTransactionId ? (
                  <IdValue value={t.coboTransactionId} label="Cobo transaction id" />
                ) : (
                  <span className="text-zinc-500">Not yet accepted by Cobo</span>
                ),
              },
              { label: "Request id", value: <IdValue value={t.requestId} label="request id" /> },
              { label: "Type", value: t.type },
              { label: "Status", value: <StatusBadge subject="transaction" status={t.status} /> },
              { label: "Sub-status", value: t.subStatus ?? none },
              {
                label: "Failed reason",
                value: t.failedReason ? (
                  <span className="space-y-0.5">
                    <span className="block text-red-700">{t.failedReason}</span>
                    {t.coboError ? <CoboErrorText error={t.coboError} /> : null}
                  </span>
                ) : (
                  none
                ),
                wide: Boolean(t.coboError),
              },
              { label: "Chain", value: <span className="font-mono">{t.chainId}</span> },
              { label: "Token", value: <span className="font-mono">{t.tokenId}</span> },
              { label: "Amount", value: <Amount value={t.amount} token={t.tokenId} /> },
              { label: "Fee", value: <Amount value={t.feeAmount} token={t.feeTokenId} /> },
              {
                label: "Confirmations",
                value:
                  t.confirmedNum === null ? (
                    none
                  ) : (
                    <span className="tabular-nums">
                      {t.confirmedNum}
                      {t.confirmingThreshold !== null ? ` of ${t.confirmingThreshold}` : ""}
                    </span>
                  ),
              },
              { label: "Initiator", value: t.initiator ?? none },
              ...(t.cancellation
                ? [
                    {
                      label: "Cancelled",
                      value: (
                        <span>
                          <DateTime value={t.cancellation.at} /> by <RequestedByValue value={t.cancellation.by} />
                          {t.cancellation.reason ? <>: {t.cancellation.reason}</> : null}
                        </span>
                      ),
                      wide: true,
                    },
                  ]
                : []),
              { label: "From", value: <IdValue value={t.sourceAddress} label="source address" />, wide: true },
              { label: "To", value: <IdValue value={t.destinationAddress} label="destination address" />, wide: true },
              ...(t.destinationMemo ? [{ label: "Destination memo", value: <Mono value={t.destinationMemo} /> }] : []),
              { label: "Transaction hash", value: <IdValue value={t.transactionHash} label="transaction hash" />, wide: true },
              { label: "Description", value: t.description ?? none, wide: true },
            ]}
          />
        </Section>
        {viewer.role === "admin" &&
        t.type === "Withdrawal" &&
        t.coboTransactionId &&
        (CANCELLABLE_TRANSACTION_STATUSES as readonly string[]).includes(t.status) ? (
          <Section title="Cancel">
            <CancelAtCoboForm
              action={cancelTransactionAction}
              id={t.id}
              subject="transfer"
              description="Asks Cobo to cancel this withdrawal; Cobo allows it only before it is signed. The reason goes on the timeline and in the audit log."
            />
          </Section>
        ) : null}
        <Section title="Ownership and timestamps">
          <DetailList
            items={[
              {
                label: "User",
                value: (
                  <TextLink href={`/users/${t.owner.id}`} className="font-normal">
                    {t.owner.email}
                  </TextLink>
                ),
              },
              {
                label: "Vault",
                value: (
                  <TextLink href={`/vaults/${t.vault.id}`} className="font-normal">
                    <Mono value={t.vault.coboVaultId} placeholder={PENDING_AT_COBO} />
                  </TextLink>
                ),
              },
              {
                label: "Wallet",
                value: (
                  <span className="flex min-w-0 items-center gap-1.5">
                    <span>{t.wallet.name}</span>
                    <Mono value={t.wallet.coboWalletId} className="max-w-[14rem] text-zinc-500" />
                  </span>
                ),
              },
              { label: "Idempotency key", value: t.idempotencyKey ? <Mono value={t.idempotencyKey} /> : none },
              { label: "Created at Cobo", value: <DateTime value={t.coboCreatedAt} /> },
              { label: "Updated at Cobo", value: <DateTime value={t.coboUpdatedAt} /> },
              { label: "Created", value: <DateTime value={t.createdAt} /> },
              { label: "Updated", value: <DateTime value={t.updatedAt} /> },
              { label: "Last synced with Cobo", value: <DateTime value={t.lastSyncedAt} /> },
              { label: "Console id", value: <IdValue value={t.id} label="console transaction id" /> },
            ]}
          />
          {t.feeParams ? (
            <details className="mt-4 text-sm">
              <summary className="cursor-pointer text-xs font-medium text-zinc-500 hover:text-zinc-800">Fee parameters</summary>
              <pre className="mt-1 max-h-72 overflow-auto rounded-md bg-zinc-50 p-2 font-mono text-xs text-zinc-800 ring-1 ring-zinc-200">
                {t.feeParams}
              </pre>
            </details>
          ) : null}
        </Section>
        {trail ? (
          <Section
            title="Signers"
            description="Who had to sign, and what Cobo (and the app) reported of each, when. Cobo reports no per-holder approval for UCW: signing is read from its statuses."
            flush
          >
            <ApprovalTrailTable trail={trail} label="Signers of this transaction" />
          </Section>
        ) : null}
        <Section
          title="Timeline"
          description="Every status change we recorded and every risk decision about it (before submission, Cobo's callback), oldest first, and where each came from."
        >
          <StatusTimeline subject="transaction" entries={t.timeline} decisions={t.riskDecisions} label="Transaction status timeline" />
        </Section>
      </div>
    </>
  );
}
