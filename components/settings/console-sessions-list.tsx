import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { ConsoleSessionRow } from "@/lib/console/list-console-sessions";

const STATE_CLASS = { active: "text-emerald-700", ended: "text-zinc-600", expired: "text-zinc-600" } as const;
const ENDED_BECAUSE: Record<string, string> = {
  sign_out: "signed out",
  sign_out_everywhere: "signed out everywhere",
  disabled: "account disabled",
  password_changed: "password changed",
};

/** The signed-in console user's sessions: live ones first, then recently ended ones. */
export function ConsoleSessionsList({ sessions }: { sessions: ConsoleSessionRow[] }) {
  if (sessions.length === 0) return <EmptyState title="No sessions" description="No sign-in is on record for your account." />;
  return (
    <Table caption="Your console sessions">
      <THead>
        <tr>
          <Th>Signed in</Th>
          <Th>With</Th>
          <Th>State</Th>
          <Th>Ended or expires</Th>
        </tr>
      </THead>
      <TBody>
        {sessions.map((s) => (
          <Tr key={s.id}>
            <Td>
              <DateTime value={s.createdAt} />
            </Td>
            <Td className="text-xs">{s.method === "oidc" ? "single sign-on" : "password"}</Td>
            <Td className={`text-xs font-medium ${STATE_CLASS[s.state]}`}>
              {s.state}
              {s.endedBecause ? (
                <span className="font-normal text-zinc-600"> ({ENDED_BECAUSE[s.endedBecause] ?? s.endedBecause})</span>
              ) : null}
            </Td>
            <Td>
              <DateTime value={s.endedAt ?? s.expiresAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
