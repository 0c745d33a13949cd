import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminOnlyNotice } from "@/components/actions/admin-only-notice";
import { StatusBadge } from "@/components/ui/badge";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DateTime } from "@/components/ui/date-time";
import { DetailList } from "@/components/ui/detail-list";
import { EmptyState } from "@/components/ui/empty-state";
import { IdValue } from "@/components/ui/id-value";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { RequestedByValue } from "@/components/tss-requests/requested-by";
import { TssNodesTable } from "@/components/users/tss-nodes-table";
import { UserAdminActions } from "@/components/users/user-admin-actions";
import { UserStatusForm } from "@/components/users/user-status-form";
import { VaultDetailSections } from "@/components/vaults/vault-detail-sections";
import { rereadTransactionAction } from "@/app/(console)/transactions/actions";
import { cancelTssRequestAction, rereadTssRequestAction } from "@/app/(console)/tss-requests/actions";
import {
  createMainGroupAction,
  createRecoveryGroupAction,
  pauseUserAction,
  recoverMainGroupAction,
  unpauseUserAction,
} from "@/app/(console)/users/[id]/actions";
import { requireConsoleUser } from "@/lib/server/auth/console-session";
import { getUserDetail } from "@/lib/server/console/get-user-detail";
import { getUserGroupOptions } from "@/lib/server/console/get-user-group-options";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireConsoleUser();
  const isAdmin = viewer.role === "admin";
  const { id } = await params;
  const [detail, groupOptions] = await Promise.all([getUserDetail(id), isAdmin ? getUserGroupOptions(id) : null]);
  if (!detail) notFound();
  const { user } = detail;
  return (
    <>
      <PageHeader
        eyebrow={<Breadcrumb parent={{ href: "/users", label: "Users" }} current={user.email} />}
        title={user.email}
        meta={
          <>
            <StatusBadge status={user.status} />
            <span className="text-xs text-zinc-500">
              Signed up <DateTime value={user.createdAt} />
            </span>
          </>
        }
      />
      <div className="space-y-5">
        <Section
          title="Profile"
          description={
            user.status === "paused"
              ? "Paused: this user can neither change keys (Main Group, Recovery Group, recovery, disaster-recovery export) nor move money; the risk-control callback denies their withdrawals."
              : undefined
          }
          actions={
            isAdmin ? (
              <UserStatusForm userId={user.id} status={user.status} pauseAction={pauseUserAction} unpauseAction={unpauseUserAction} />
            ) : undefined
          }
        >
          <DetailList
            items={[
              { label: "Email", value: user.email },
              { label: "Status", value: <StatusBadge status={user.status} /> },
              ...(user.pause
                ? [
                    {
                      label: "Paused",
                      value: (
                        <span>
                          {user.pause.at ? <DateTime value={user.pause.at} /> : "—"}
                          {user.pause.by ? (
                            <>
                              {" "}
                              by <RequestedByValue value={user.pause.by} />
                            </>
                          ) : null}
                          {user.pause.reason ? <>: {user.pause.reason}</> : null}
                        </span>
                      ),
                      wide: true,
                    },
                  ]
                : []),
              {
                label: "External identity",
                value: user.externalSubject ? (
                  <IdValue value={user.externalSubject} label="external identity" />
                ) : (
                  <span className="text-zinc-500">None (signs in with a password)</span>
                ),
              },
              { label: "Created", value: <DateTime value={user.createdAt} /> },
              { label: "Updated", value: <DateTime value={user.updatedAt} /> },
              { label: "Console id", value: <IdValue value={user.id} label="user id" /> },
            ]}
          />
        </Section>
        <Section title="TSS nodes" flush>
          <TssNodesTable nodes={detail.nodes} />
        </Section>
        {isAdmin && groupOptions ? (
          <UserAdminActions
            userId={user.id}
            options={groupOptions}
            actions={{
              createMainGroup: createMainGroupAction,
              createRecoveryGroup: createRecoveryGroupAction,
              recoverMainGroup: recoverMainGroupAction,
              cancelTssRequest: cancelTssRequestAction,
            }}
          />
        ) : (
          <AdminOnlyNotice>
            Admin actions need the admin role: creating groups, recovery, re-reading from Cobo and pausing this user.
          </AdminOnlyNotice>
        )}
        {detail.vault ? (
          <VaultDetailSections
            detail={detail.vault}
            context="user"
            reread={isAdmin ? { tssRequest: rereadTssRequestAction, transaction: rereadTransactionAction } : undefined}
          />
        ) : (
          <Section title="Vault">
            <EmptyState
              title="No vault yet"
              description="The Client App has not asked for a vault for this user. Groups, wallets, TSS requests and transactions appear once it has."
            />
          </Section>
        )}
      </div>
    </>
  );
}
