import type { ServerAction } from "@/components/actions/use-action-form";
import { ConsoleUserRowActions } from "@/components/settings/console-user-row-actions";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { ConsoleUserRow } from "@/lib/console/list-console-users";
import type { ConsoleUserStatus } from "@/lib/server/console-users/set-console-user-disabled";
import type { SignedOutEverywhere } from "@/lib/server/console-users/sign-out-everywhere";

/**
 * Console accounts with their role and state; admins can switch others off and on, and end their
 * sessions, each with a reason (audited) and a confirmation.
 */
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
          <Th className="text-right">Live sessions</Th>
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
            <Td>{u.name ?? <span className="text-zinc-500">—</span>}</Td>
            <Td>
              <RoleBadge role={u.role} />
            </Td>
            <Td>{u.disabled ? <Badge tone="danger">disabled</Badge> : <Badge tone="success">active</Badge>}</Td>
            <Td>{u.lastSignInAt ? <DateTime value={u.lastSignInAt} /> : <span className="text-zinc-500">Never</span>}</Td>
            <Td className="text-right tabular-nums">{u.liveSessions}</Td>
            <Td>
              <DateTime value={u.createdAt} />
            </Td>
            <Td className="text-right">
              {u.id === currentUserId ? (
                <span className="text-xs text-zinc-500">—</span>
              ) : (
                <ConsoleUserRowActions
                  id={u.id}
                  email={u.email}
                  disabled={u.disabled}
                  disableAction={disableAction}
                  enableAction={enableAction}
                  signOutEverywhereAction={signOutEverywhereAction}
                />
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
