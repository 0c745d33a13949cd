import type { Metadata } from "next";
import { AdminOnlyNotice } from "@/components/actions/admin-only-notice";
import { AddConsoleUserForm } from "@/components/settings/add-console-user-form";
import { ConsoleUsersTable } from "@/components/settings/console-users-table";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { DetailList } from "@/components/ui/detail-list";
import { Mono } from "@/components/ui/mono";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { requireConsoleUser } from "@/lib/server/auth/console-session";
import {
  createConsoleUserAction,
  disableConsoleUserAction,
  enableConsoleUserAction,
  signOutEverywhereAction,
  unlockSignInAction,
} from "@/app/(console)/settings/actions";
import { SignOutEverywhereButton } from "@/components/settings/sign-out-everywhere-button";
import { UnlockSignInForm } from "@/components/settings/unlock-sign-in-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/server/auth/password";
import { getConsoleSettings } from "@/lib/server/console/get-console-settings";
import { listConsoleUsers } from "@/lib/server/console/list-console-users";

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
  const consoleUsers = isAdmin ? await listConsoleUsers() : [];
  const none = <span className="text-zinc-400">Not set</span>;
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
            <SignOutEverywhereButton id={user.id} email={user.email} action={signOutEverywhereAction} />
          </div>
        </Section>
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
            <Section title="Add a console user">
              <AddConsoleUserForm action={createConsoleUserAction} minPasswordLength={PASSWORD_MIN_LENGTH} />
            </Section>
            <Section
              title="Unlock sign-in"
              description="Ten wrong passwords in 15 minutes lock an account's sign-in from that address (elsewhere it keeps working). Unlock it here once you know who was trying."
            >
              <UnlockSignInForm action={unlockSignInAction} />
            </Section>
          </>
        ) : (
          <AdminOnlyNotice>Console users are managed by admins.</AdminOnlyNotice>
        )}
        <Section title="Cobo">
          <DetailList
            items={[
              {
                label: "Environment",
                value: (
                  <Badge tone={s.coboEnv === "prod" ? "danger" : s.coboEnv === "dev" ? "warning" : "info"}>{s.coboEnv}</Badge>
                ),
              },
              { label: "API base URL", value: <Mono value={s.coboBaseUrl} className="" /> },
              { label: "Project id", value: s.coboProjectId ? <Mono value={s.coboProjectId} className="" /> : none },
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
