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
import { DeviceNotices } from "@/components/users/device-notices";
import { RetireNodeForm } from "@/components/users/retire-node-form";
import { TssNodesTable } from "@/components/users/tss-nodes-table";
import { AppAccountSection } from "@/components/users/app-account-section";
import { UserAdminActions } from "@/components/users/user-admin-actions";
import { UserStatusForm } from "@/components/users/user-status-form";
import { UserBalancesSection } from "@/components/users/user-balances";
import { VaultDetailSections } from "@/components/vaults/vault-detail-sections";
import { rereadTransactionAction } from "@/app/(console)/transactions/actions";
import { cancelTssRequestAction, rereadTssRequestAction } from "@/app/(console)/tss-requests/actions";
import {
  createMainGroupAction,
  createRecoveryGroupAction,
  endAppSessionsAction,
  pauseUserAction,
  recoverMainGroupAction,
  retireTssNodeAction,
  refreshBalancesAction,
  resetAppPasswordAction,
  unlockAppSignInAction,
  unpauseUserAction,
} from "@/app/(console)/users/[id]/actions";
import { getAppAccount } from "@/lib/console/get-app-account";
import { PASSWORD_MIN_LENGTH } from "@/lib/server/console-users/password";
import { requireConsoleUser } from "@/lib/http/console-session";
import { getUserDetail } from "@/lib/console/get-user-detail";
import { getUserGroupOptions } from "@/lib/console/get-user-group-options";
import { getUserBalances } from "@/lib/console/get-user-balances";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireConsoleUser();
  const isAdmin = viewer.role === "admin";
  const { id } = await params;
  const [detail, groupOptions, balances] = await Promise.all([
    getUserDetail(id),
    isAdmin ? getUserGroupOptions(id) : null,
    getUserBalances(id),
  ]);
  if (!detail) notFound();
  const { user } = detail;
  const account = await getAppAccount(user.id, user.email);
  return (
    <>
      <PageHeader
        eyebrow={<Breadcrumb parent={{ href: "/users", label: "Users" }} current={user.email} />}
        title={user.email}
        meta={
          <>
            <StatusBadge subject="app_user" status={user.status} />
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
              { label: "Status", value: <StatusBadge subject="app_user" status={user.status} /> },
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
        {balances ? <UserBalancesSection userId={user.id} balances={balances} refreshAction={refreshBalancesAction} /> : null}
        <Section title="TSS nodes" flush>
          <DeviceNotices nodes={detail.nodes} groups={detail.vault?.groups ?? []} />
          <TssNodesTable nodes={detail.nodes} />
          {isAdmin ? (
            <div className="space-y-2 border-t border-zinc-200 p-4">
              <h3 className="text-sm font-semibold text-zinc-900">Retire a lost device</h3>
              <RetireNodeForm
                userId={user.id}
                nodes={detail.nodes.filter((n) => n.kind === "user" && n.status === "active")}
                action={retireTssNodeAction}
              />
            </div>
          ) : null}
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
            Admin actions need the admin role: creating groups, recovery, retiring a device, re-reading from Cobo, pausing this user, ending
            their sessions, setting their password and lifting a sign-in lockout.
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
        <AppAccountSection
          userId={user.id}
          account={account}
          admin={isAdmin}
          actions={{ endSessions: endAppSessionsAction, resetPassword: resetAppPasswordAction, unlockSignIn: unlockAppSignInAction }}
          passwordMinLength={PASSWORD_MIN_LENGTH}
        />
      </div>
    </>
  );
}
