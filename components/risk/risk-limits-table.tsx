import { DeleteButton } from "@/components/actions/delete-button";
import type { ServerAction } from "@/components/actions/use-action-form";
import { formatWindow } from "@/components/risk/format-window";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { RiskLimitRow } from "@/lib/server/risk/manage-risk-limits";

const SCOPE_LABELS: Record<string, string> = { user: "per app user", wallet: "per wallet" };

/** Amount limits (few: no paging); admins get a delete button per row. */
export function RiskLimitsTable({ limits, deleteAction }: { limits: RiskLimitRow[]; deleteAction?: ServerAction<{ id: string }> }) {
  if (limits.length === 0)
    return (
      <EmptyState title="No amount limits" description="Without limits, withdrawals are checked only against pauses and address rules." />
    );
  return (
    <Table caption="Amount limits">
      <THead>
        <tr>
          <Th>Token</Th>
          <Th>Scope</Th>
          <Th className="text-right">Max amount</Th>
          <Th>Window</Th>
          <Th>State</Th>
          <Th>Added</Th>
          {deleteAction ? (
            <Th className="text-right">
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </THead>
      <TBody>
        {limits.map((l) => (
          <Tr key={l.id}>
            <Td className="font-mono text-xs">{l.tokenId}</Td>
            <Td>{SCOPE_LABELS[l.scope] ?? l.scope}</Td>
            <Td className="text-right font-mono text-xs tabular-nums">{l.maxAmount}</Td>
            <Td className="whitespace-nowrap">
              <span title={`${l.windowSeconds} seconds`}>{formatWindow(l.windowSeconds)}</span>
            </Td>
            <Td>{l.enabled ? <Badge tone="success">enabled</Badge> : <Badge>disabled</Badge>}</Td>
            <Td>
              <DateTime value={l.createdAt} />
            </Td>
            {deleteAction ? (
              <Td className="text-right">
                <DeleteButton
                  action={deleteAction}
                  id={l.id}
                  subject={`${l.scope} limit for ${l.tokenId} over ${formatWindow(l.windowSeconds)}`}
                />
              </Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
