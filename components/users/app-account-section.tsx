import { AppAccountActions } from "@/components/users/app-account-actions";
import type { ServerAction } from "@/components/actions/use-action-form";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Mono } from "@/components/ui/mono";
import { Section } from "@/components/ui/section";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { AppAccount } from "@/lib/console/get-app-account";
import type { AppPasswordReset, AppSessionsEnded, AppSignInUnlocked } from "@/lib/server/app-users/manage-app-account";

const STATE_CLASS = { active: "text-emerald-700", ended: "text-zinc-600", expired: "text-zinc-600" } as const;

/** An app user's sign-in: sessions (live first), failures on record, and the admin's account actions. */
export function AppAccountSection({
  userId,
  account,
  admin,
  actions,
  passwordMinLength,
}: {
  userId: string;
  account: AppAccount;
  admin: boolean;
  actions: {
    endSessions: ServerAction<AppSessionsEnded>;
    resetPassword: ServerAction<AppPasswordReset>;
    unlockSignIn: ServerAction<AppSignInUnlocked>;
  };
  passwordMinLength: number;
}) {
  const viaIdp = account.signInMethod === "identity_provider";
  return (
    <Section
      title="Sign-in and sessions"
      description={
        <>
          {viaIdp ? "Signs in through your identity provider. " : "Signs in with email and password. "}
          {account.liveSessions} live session{account.liveSessions === 1 ? "" : "s"};{" "}
          {account.signInFailureCounters > 0
            ? `sign-in failures are on record (${account.signInFailureCounters} counter${account.signInFailureCounters === 1 ? "" : "s"}): the account may be locked.`
            : "no sign-in failures on record."}
        </>
      }
    >
      {account.sessions.length === 0 ? (
        <EmptyState title="No sessions" description="The user has not signed in to the Client App yet." />
      ) : (
        <Table caption="Sessions of this app user">
          <THead>
            <tr>
              <Th>Session</Th>
              <Th>State</Th>
              <Th>Client</Th>
              <Th>Started</Th>
              <Th>Last used</Th>
              <Th>Ended or expires</Th>
            </tr>
          </THead>
          <TBody>
            {account.sessions.map((s) => (
              <Tr key={s.id}>
                <Td>
                  <Mono value={s.id} className="max-w-[8rem]" />
                </Td>
                <Td className={`text-xs font-medium ${STATE_CLASS[s.state]}`}>{s.state}</Td>
                <Td className="max-w-[16rem] truncate text-xs">
                  <span title={s.userAgent ?? undefined}>{s.userAgent ?? "—"}</span>
                </Td>
                <Td>
                  <DateTime value={s.createdAt} />
                </Td>
                <Td>
                  <DateTime value={s.lastUsedAt} />
                </Td>
                <Td>
                  <DateTime value={s.endedAt ?? s.expiresAt} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {admin ? <AppAccountActions userId={userId} viaIdp={viaIdp} actions={actions} passwordMinLength={passwordMinLength} /> : null}
    </Section>
  );
}
