import type { ServerAction } from "@/components/actions/use-action-form";
import { ConsoleUserToggle } from "@/components/settings/console-user-toggle";
import { SignOutEverywhereButton } from "@/components/settings/sign-out-everywhere-button";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { ConsoleUserRow } from "@/lib/server/console/list-console-users";
import type { ConsoleUserStatus } from "@/lib/server/console/set-console-user-disabled";
import type { SignedOutEverywhere } from "@/lib/server/auth/console-session.action-spec";

/** Console accounts with their role and state; admins can switch others off and on, and end their sessions. */
export function ConsoleUsersTable({
  users,
  currentUserId,
  disableAction,
  enableAction,
  signOutEverywhereAction,
}: {
  users: ConsoleUserRow[];
  currentUserId: string;
  disableAction: ServerAction<ConsoleUserStatus>;
  enableAction: ServerAction<ConsoleUserStatus>;
  signOutEverywhereAction: ServerAction<SignedOutEverywhere>;
}) {
  return (
    <Table caption="Console users">
      <THead>
        <tr>
          <Th>Email</Th>
          <Th>Name</Th>
          <Th>Role</Th>
          <Th>State</Th>
          <Th>Last sign-in</Th>
          <Th>Added</Th>
          <Th className="text-right">
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </THead>
      <TBody>
        {users.map((u) => (
          <Tr key={u.id}>
            <Td>
              <span className="flex min-w-0 items-center gap-1.5">
                <span className="block max-w-[18rem] truncate" title={u.email}>
                  {u.email}
                </span>
                {u.id === currentUserId ? <span className="text-xs text-zinc-500">(you)</span> : null}
                {u.sso ? <Badge tone="neutral">SSO</Badge> : null}
              </span>
            </Td>
            <Td>{u.name ?? <span className="text-zinc-400">—</span>}</Td>
            <Td>
              <RoleBadge role={u.role} />
            </Td>
            <Td>{u.disabled ? <Badge tone="danger">disabled</Badge> : <Badge tone="success">active</Badge>}</Td>
            <Td>{u.lastSignInAt ? <DateTime value={u.lastSignInAt} /> : <span className="text-zinc-400">Never</span>}</Td>
            <Td>
              <DateTime value={u.createdAt} />
            </Td>
            <Td className="text-right">
              {u.id === currentUserId ? (
                <span className="text-xs text-zinc-400">—</span>
              ) : (
                <div className="flex items-center justify-end gap-2">
                  {u.disabled ? null : <SignOutEverywhereButton id={u.id} email={u.email} action={signOutEverywhereAction} compact />}
                  <ConsoleUserToggle id={u.id} email={u.email} disabled={u.disabled} disableAction={disableAction} enableAction={enableAction} />
                </div>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
