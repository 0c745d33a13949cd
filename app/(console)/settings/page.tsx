import type { Metadata } from "next";
import { AdminOnlyNotice } from "@/components/actions/admin-only-notice";
import { AddConsoleUserForm } from "@/components/settings/add-console-user-form";
import { ConsoleUsersTable } from "@/components/settings/console-users-table";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { DetailList } from "@/components/ui/detail-list";
import { Mono } from "@/components/ui/mono";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { requireConsoleUser } from "@/lib/http/console-session";
import {
  createConsoleUserAction,
  disableConsoleUserAction,
  enableConsoleUserAction,
  setTimeZoneAction,
  signOutEverywhereAction,
  unlockSignInAction,
  setApprovalCategoryAction,
  updateAttentionSettingsAction,
} from "@/app/(console)/settings/actions";
import { ApprovalPolicyForm } from "@/components/settings/approval-policy-form";
import { readApprovalPolicy } from "@/lib/server/approvals/approval-policy";
import { pendingPolicyTurnOffs } from "@/lib/console/list-approval-requests";
import { isApprovalPolicyCategory } from "@/lib/domain/approvals";
import { AttentionSettingsForm } from "@/components/settings/attention-settings-form";
import { TimeZoneForm } from "@/components/settings/time-zone-form";
import { formatCount } from "@/components/ui/format";
import { timeZoneChoices } from "@/lib/domain/time-zone";
import { readAttentionSettings } from "@/lib/server/attention/attention-settings";
import { SignOutEverywhereButton } from "@/components/settings/sign-out-everywhere-button";
import { UnlockSignInForm } from "@/components/settings/unlock-sign-in-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/server/console-users/password";
import { getCoboProjectInUse, getConsoleSettings } from "@/lib/console/get-console-settings";
import { listConsoleUsers } from "@/lib/console/list-console-users";
import { listConsoleSessions } from "@/lib/console/list-console-sessions";
import { ConsoleSessionsList } from "@/components/settings/console-sessions-list";
import { getCallbackLink } from "@/lib/console/get-callback-link";
import { checkCallbackLinkAction } from "@/app/(console)/risk/actions";
import { CallbackLinkStatus } from "@/components/risk/callback-link-status";
import { CheckCallbackLinkButton } from "@/components/risk/check-callback-link-button";
import { ResetTwoFactorSection, TwoFactorSection } from "@/app/(console)/settings/two-factor/two-factor-section";

export const metadata: Metadata = { title: "Settings" };

const SCHEME_HELP: Record<string, string> = {
  "2-2": "user device + Cobo, both must sign",
  "2-3": "any 2 of user device, Cobo and the server co-signer",
  "3-3": "user device, Cobo and the server co-signer all sign",
};

export default async function SettingsPage() {
  const user = await requireConsoleUser();
  const isAdmin = user.role === "admin";
  const s = getConsoleSettings();
  const [consoleUsers, mySessions, project, callbackLink, attention, approvalPolicy, pendingOff] = await Promise.all([
    isAdmin ? listConsoleUsers() : [],
    listConsoleSessions(user.id),
    getCoboProjectInUse(),
    getCallbackLink(),
    readAttentionSettings(),
    readApprovalPolicy(),
    pendingPolicyTurnOffs(),
  ]);
  const none = <span className="text-zinc-500">Not set</span>;
  return (
    <>
      <PageHeader
        title="Settings"
        description="Deployment settings come from the server's environment and are read-only here; secrets are never shown. Admins manage console users."
      />
      <div className="space-y-5">
        <Section title="Your account">
          <DetailList
            items={[
              { label: "Email", value: user.email },
              { label: "Name", value: user.name ?? none },
              { label: "Role", value: <RoleBadge role={user.role} /> },
            ]}
          />
          <div className="mt-4 border-t border-zinc-100 pt-4">
            <TimeZoneForm action={setTimeZoneAction} current={user.timeZone ?? null} choices={timeZoneChoices()} />
          </div>
          <div className="mt-4 border-t border-zinc-100 pt-4">
            <h3 className="mb-2 text-sm font-medium text-zinc-900">Your sessions</h3>
            <ConsoleSessionsList sessions={mySessions} />
          </div>
          <div className="mt-4 border-t border-zinc-100 pt-4">
            <SignOutEverywhereButton id={user.id} email={user.email} action={signOutEverywhereAction} />
          </div>
        </Section>
        <TwoFactorSection user={user} />
        <div id="needs-attention">
          <Section
            title="Needs attention"
            description="When items join the Needs attention queue, and when an alert is sent about it. Changes are audited."
          >
            {isAdmin ? (
              <AttentionSettingsForm action={updateAttentionSettingsAction} values={attention} />
            ) : (
              <div className="space-y-3">
                <DetailList
                  items={[
                    { label: "TSS request pending after", value: `${attention.tssPendingMinutes} min` },
                    { label: "Waiting for the device after", value: `${attention.deviceWaitMinutes} min` },
                    { label: "Failed withdrawals of the last", value: `${attention.failedWithdrawalHours} h` },
                    { label: "Webhook failing after", value: `${attention.webhookFailedMinutes} min` },
                    { label: "Callback failures of the last", value: `${attention.callbackFailureHours} h` },
                    { label: "Alert when the queue reaches", value: `${formatCount(attention.alertQueueSize)} items` },
                    { label: "Alert cool-down", value: `${attention.alertCooldownMinutes} min` },
                    {
                      label: "Alert webhook URL",
                      value: attention.alertWebhookUrl ? <Mono value={attention.alertWebhookUrl} className="" /> : none,
                    },
                  ]}
                />
                <AdminOnlyNotice>Thresholds are set by admins.</AdminOnlyNotice>
              </div>
            )}
          </Section>
        </div>
        <div id="approvals">
          <Section
            title="Second-person approval"
            description={
              <>
                Which sensitive admin actions wait for a second admin (on the Approvals page) instead of running at once. By default all
                four are on when this backend talks to Cobo&apos;s prod environment and off in the sandbox and dev (this one:{" "}
                <span className="font-mono">{s.coboEnv}</span>). Turning one on is immediate; turning one off needs a second admin&apos;s
                approval. Changes are audited.
              </>
            }
          >
            <ApprovalPolicyForm
              policy={approvalPolicy}
              pendingOff={pendingOff.filter(isApprovalPolicyCategory)}
              action={isAdmin ? setApprovalCategoryAction : undefined}
            />
            {isAdmin ? null : (
              <div className="mt-3">
                <AdminOnlyNotice>The approval policy is set by admins.</AdminOnlyNotice>
              </div>
            )}
          </Section>
        </div>
        {isAdmin ? (
          <>
            <Section
              title="Console users"
              description="Who can sign in to this console. Disabling ends a user's access at once, including open sessions; signing a user out everywhere ends only their sessions."
              flush
            >
              <ConsoleUsersTable
                users={consoleUsers}
                currentUserId={user.id}
                disableAction={disableConsoleUserAction}
                enableAction={enableConsoleUserAction}
                signOutEverywhereAction={signOutEverywhereAction}
              />
            </Section>
            <Section
              title="Add a console user"
              description="A new admin needs a reason and a confirmation, and a second admin's approval when the policy for new admins is on."
            >
              <AddConsoleUserForm action={createConsoleUserAction} minPasswordLength={PASSWORD_MIN_LENGTH} />
            </Section>
            <Section
              title="Unlock sign-in"
              description="Ten wrong passwords in 15 minutes lock an account's sign-in from that address (elsewhere it keeps working). Unlock it here once you know who was trying."
            >
              <UnlockSignInForm action={unlockSignInAction} />
            </Section>
            <ResetTwoFactorSection />
          </>
        ) : (
          <AdminOnlyNotice>Console users are managed by admins.</AdminOnlyNotice>
        )}
        <div id="callback-link">
          <Section
            title="Risk-control callback"
            description="Whether Cobo asks this backend before signing withdrawals made with our API key (getApiKeyInfo's callback_url). The risk rules also run before submission either way."
            actions={<CheckCallbackLinkButton action={checkCallbackLinkAction} />}
          >
            <CallbackLinkStatus link={callbackLink} />
          </Section>
        </div>
        <Section title="Cobo">
          <DetailList
            items={[
              {
                label: "Environment",
                value: <Badge tone={s.coboEnv === "prod" ? "danger" : s.coboEnv === "dev" ? "warning" : "info"}>{s.coboEnv}</Badge>,
              },
              { label: "API base URL", value: <Mono value={s.coboBaseUrl} className="" /> },
              {
                label: "Project id",
                value: project ? (
                  <span className="flex min-w-0 flex-wrap items-center gap-1.5">
                    <Mono value={project.id} className="" />
                    <span className="text-xs text-zinc-600" data-testid="project-source">
                      {project.source === "env" ? "(COBO_PROJECT_ID)" : "(created by this backend in the sandbox)"}
                    </span>
                  </span>
                ) : s.coboEnv === "sandbox" ? (
                  <span className="text-zinc-600">Not created yet: made in the sandbox with the first vault</span>
                ) : (
                  none
                ),
              },
            ]}
          />
        </Section>
        <Section title="User-Controlled Wallets">
          <DetailList
            items={[
              {
                label: "Signing scheme",
                value: (
                  <span>
                    <span className="font-mono">{s.ucwScheme}</span>{" "}
                    <span className="text-zinc-500">({SCHEME_HELP[s.ucwScheme] ?? "custom"})</span>
                  </span>
                ),
              },
              {
                label: "Server co-signer TSS node ids",
                value:
                  s.cosignerNodeIds.length === 0 ? (
                    <span className="text-zinc-500">None (not needed for 2-2)</span>
                  ) : (
                    <ul className="space-y-0.5">
                      {s.cosignerNodeIds.map((nodeId) => (
                        <li key={nodeId}>
                          <Mono value={nodeId} className="" />
                        </li>
                      ))}
                    </ul>
                  ),
                wide: true,
              },
            ]}
          />
        </Section>
        <Section title="Deployment">
          <DetailList
            items={[
              { label: "App URL", value: <Mono value={s.appUrl} className="" /> },
              {
                label: "Database",
                value: s.databaseKind === "pglite" ? "Embedded PGlite (single machine)" : "PostgreSQL",
              },
              {
                label: "Single sign-on (OIDC)",
                value: s.oidc.enabled ? (
                  <span className="flex min-w-0 flex-wrap items-center gap-1.5">
                    <Badge tone="success">enabled</Badge>
                    <span>{s.oidc.name}</span>
                    {s.oidc.issuer ? <Mono value={s.oidc.issuer} className="max-w-[20rem] text-zinc-500" /> : null}
                  </span>
                ) : (
                  <span className="text-zinc-500">Disabled (email and password only)</span>
                ),
              },
            ]}
          />
        </Section>
      </div>
    </>
  );
}
